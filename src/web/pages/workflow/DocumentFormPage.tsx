import { useEffect, useState } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { DISPOSAL_METHODS, label } from '../../../shared/assets.enums.ts';
import type { Page } from '../../../shared/paging.ts';
import {
  CARD_DOCUMENT_TYPES,
  CHANGE_KINDS,
  type DocumentDetail,
  type DocumentInput,
  type DocumentSummary,
  type DocumentType,
  PRICING_BASES,
} from '../../../shared/workflow.contracts.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { DepartmentSelect, RoomSelect, StaffSelect, UnitSelect } from '../../components/selects.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { useUnsavedGuard } from '../../components/useUnsavedGuard.ts';
import { CardLinesEditor, type PickedCard } from './CardLinesEditor.tsx';
import { CategoryLinesEditor, toLineInput, type FormLine } from './CategoryLinesEditor.tsx';
import { useDocTypeLabel } from './docShared.tsx';
import { useDocument } from './DocumentDetailPage.tsx';
import { ReceivingSideFields, ReceivingUnitField } from './TransferTargetFields.tsx';

interface Values {
  unitId?: string;
  counterpartUnitId?: string;
  title?: string;
  payload: Record<string, unknown> & { period?: [Dayjs, Dayjs]; acceptedOnDay?: Dayjs };
  lines?: FormLine[];
}

interface ProcurableLine {
  lineId: string;
  docNo: string;
  unitId: string;
  unitName: string;
  categoryId: string;
  name: string | null;
  spec: string | null;
  quantity: number;
  unitPriceFen: number;
}

/** Imports approved request lines into an order (procurement) or an order's lines into an acceptance. */
function ImportLines({
  type,
  unitId,
  orderId,
  onPick,
}: {
  type: string;
  unitId?: string;
  orderId?: string;
  onPick: (lines: FormLine[]) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [sel, setSel] = useState<ProcurableLine[]>([]);
  const procurable = useQuery({
    queryKey: ['procurable'],
    enabled: open && type === 'procurement',
    queryFn: () => api.get<{ items: ProcurableLine[] }>('/api/procurement/lines'),
  });
  const order = useQuery({
    queryKey: ['document', orderId],
    enabled: !!orderId && type === 'acceptance',
    queryFn: () => api.get<DocumentDetail>(`/api/documents/${orderId}`),
  });
  if (type === 'acceptance') {
    const mine = (order.data?.lines ?? []).filter((l) => !unitId || l.sourceUnitId === unitId);
    return (
      <Button
        disabled={!mine.length}
        onClick={() =>
          onPick(
            mine.map((l) => ({
              sourceLineId: l.id,
              categoryId: l.categoryId ?? undefined,
              name: l.name ?? undefined,
              spec: l.spec ?? undefined,
              quantity: l.quantity,
              unitPriceFen: l.unitPriceFen,
            })),
          )
        }
        data-testid="import-order-lines"
      >
        {t(`导入采购单明细（${mine.length}）`, `Import order lines (${mine.length})`)}
      </Button>
    );
  }
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="import-request-lines">
        {t('选择已批准的配置申请明细', 'Pick approved request lines')}
      </Button>
      <Modal
        open={open}
        width={900}
        title={t('已批准的配置申请明细', 'Approved request lines')}
        onCancel={() => setOpen(false)}
        onOk={() => {
          onPick(
            sel.map((l) => ({
              sourceLineId: l.lineId,
              categoryId: l.categoryId,
              name: l.name ?? undefined,
              spec: l.spec ?? undefined,
              quantity: l.quantity,
              unitPriceFen: l.unitPriceFen,
              reason: `${l.unitName} ${l.docNo}`,
            })),
          );
          setOpen(false);
        }}
      >
        <Table<ProcurableLine>
          rowKey="lineId"
          size="small"
          loading={procurable.isFetching}
          dataSource={procurable.data?.items ?? []}
          pagination={false}
          rowSelection={{ onChange: (_, rows) => setSel(rows) }}
          columns={[
            { title: t('申请单', 'Request'), dataIndex: 'docNo', width: 150 },
            { title: t('单位', 'Unit'), dataIndex: 'unitName', width: 150 },
            { title: t('品目', 'Item'), dataIndex: 'name' },
            { title: t('规格', 'Spec'), dataIndex: 'spec' },
            { title: t('数量', 'Qty'), dataIndex: 'quantity', width: 60 },
            { title: t('单价（分）', 'Price (fen)'), dataIndex: 'unitPriceFen', width: 110 },
          ]}
        />
      </Modal>
    </>
  );
}

// Server fields the form holds under another name: the period and acceptance date are pickers.
const FIELD_ALIASES: Record<string, (string | number)[]> = {
  'payload.periodFrom': ['payload', 'period'],
  'payload.periodTo': ['payload', 'period'],
  'payload.acceptedOn': ['payload', 'acceptedOnDay'],
};

/** New or edited document of any type: the header fields of its family, then its lines. */
export default function DocumentFormPage() {
  const params = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { me, units } = useSession();
  const navigate = useNavigate();
  const typeLabel = useDocTypeLabel();
  const existing = useDocument(params.id);
  const type = (params.type ?? existing.data?.type) as DocumentType | undefined;
  const [form] = Form.useForm<Values>();
  const disposalMethod = Form.useWatch(['payload', 'disposalMethod'], form) as string | undefined;
  const showError = useFormErrors(form, FIELD_ALIASES);
  const unsaved = useUnsavedGuard();
  const [cards, setCards] = useState<PickedCard[]>([]);
  const [cardError, setCardError] = useState<string>();
  const [saving, setSaving] = useState(false);
  // Orders belong to the committee (the server fills in its unit); other documents name the applicant unit.
  const anyUnit = units('document.write') === 'all' && type !== 'procurement';
  const unitId = (Form.useWatch('unitId', form) as string | undefined) ?? (anyUnit ? undefined : (me.unitId ?? undefined));
  const orderId = Form.useWatch(['payload', 'orderId'], form) as string | undefined;
  const changeKind = (Form.useWatch(['payload', 'changeKind'], form) as string | undefined) ?? 'handover';
  const counterpart = Form.useWatch('counterpartUnitId', form) as string | undefined;
  // A transfer between units places the cards with the receiving unit's people and rooms.
  const receiving = type === 'transfer' && counterpart && counterpart !== unitId ? counterpart : undefined;
  const isCardDoc = !!type && CARD_DOCUMENT_TYPES.includes(type);
  const orders = useQuery({
    queryKey: ['orders'],
    enabled: type === 'acceptance',
    queryFn: () => api.get<Page<DocumentSummary>>('/api/documents', { type: 'procurement', status: 'executed', pageSize: 100 }),
  });

  useEffect(() => {
    const d = existing.data;
    if (!d) return;
    const p = d.payload as Record<string, string>;
    form.setFieldsValue({
      unitId: d.unitId,
      counterpartUnitId: d.counterpartUnitId ?? undefined,
      title: d.title ?? undefined,
      payload: {
        ...p,
        period: p.periodFrom ? [dayjs(p.periodFrom), dayjs(p.periodTo)] : undefined,
        acceptedOnDay: p.acceptedOn ? dayjs(p.acceptedOn) : undefined,
      },
      lines: d.lines
        .filter((l) => !l.cardId)
        .map((l) => {
          const det = l.details as {
            declinedIdle?: { cardId: string; reason: string }[];
            sourceLineId?: string;
            invoiceNo?: string;
            replacesCardId?: string;
          };
          return {
            categoryId: l.categoryId ?? undefined,
            name: l.name ?? undefined,
            spec: l.spec ?? undefined,
            quantity: l.quantity,
            unitPriceFen: l.unitPriceFen,
            reason: l.reason ?? undefined,
            budgetLine: l.budgetLine ?? undefined,
            sourceLineId: det.sourceLineId,
            invoiceNo: det.invoiceNo,
            replacesCardId: det.replacesCardId,
            declined: Object.fromEntries((det.declinedIdle ?? []).map((x) => [x.cardId, x.reason])),
          };
        }),
    });
    setCards(
      d.lines
        .filter((l) => l.cardId)
        .map((l) => ({
          id: l.cardId!,
          cardNo: l.cardNo ?? '',
          name: l.cardName ?? '',
          status: l.cardStatus ?? '',
          originalValueFen: l.amountFen,
        })),
    );
  }, [existing.data, form]);

  if (!type) return null;

  const save = async (v: Values, submit: boolean) => {
    setCardError(undefined);
    const { period, acceptedOnDay, ...payload } = v.payload ?? {};
    if (period) {
      payload.periodFrom = period[0].format('YYYY-MM-DD');
      payload.periodTo = period[1].format('YYYY-MM-DD');
    }
    if (acceptedOnDay) payload.acceptedOn = acceptedOnDay.format('YYYY-MM-DD');
    const cleanPayload = Object.fromEntries(Object.entries(payload).filter(([, x]) => x !== undefined && x !== null && x !== ''));
    const body: DocumentInput = {
      type,
      unitId: v.unitId ?? unitId,
      counterpartUnitId: v.counterpartUnitId,
      title: v.title,
      payload: cleanPayload as DocumentInput['payload'],
      lines: isCardDoc ? cards.map((c) => ({ cardId: c.id })) : (v.lines ?? []).map(toLineInput),
    };
    if (isCardDoc && !cards.length) {
      setCardError(t('请选择资产', 'Pick at least one card'));
      return;
    }
    setSaving(true);
    const failed = (err: unknown) => {
      const fields = (err as { fields?: Record<string, string> }).fields ?? {};
      const cardFields = Object.entries(fields).filter(([k]) => /^lines\.\d+\.cardId$/.test(k));
      if (cardFields.length) setCardError(cardFields.map(([, m]) => m).join('；'));
      showError(err);
    };
    let id = params.id;
    try {
      if (id) await api.put(`/api/documents/${id}`, body);
      else id = (await api.post<{ id: string }>('/api/documents', body)).id;
    } catch (err) {
      failed(err);
      setSaving(false);
      return;
    }
    try {
      if (submit) await api.post(`/api/documents/${id}/submit`);
      message.success(submit ? t('已提交审批', 'Submitted') : t('已保存草稿', 'Draft saved'));
      unsaved.clean();
      navigate(`/documents/${id}`);
    } catch (err) {
      failed(err);
      // The draft is saved; keep editing it rather than creating another.
      unsaved.clean();
      if (!params.id) navigate(`/documents/${id}/edit`, { replace: true });
    } finally {
      setSaving(false);
    }
  };

  const pf = (name: string) => ['payload', name];
  return (
    <>
      <PageHeader
        back
        title={`${params.id ? t('修改', 'Edit') : t('新建', 'New')}${typeLabel(type)}`}
        breadcrumb={[{ title: t('业务单据', 'Documents'), path: '/documents' }]}
      />
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          payload: type === 'change' ? { changeKind: 'handover' } : type === 'lending' ? { mode: 'lent' } : {},
          lines: isCardDoc || type === 'procurement' ? [] : [{ quantity: 1 }],
        }}
        onFinish={(v) => save(v, false)}
        onValuesChange={unsaved.onValuesChange}
      >
        <Card size="small">
          <Row gutter={12}>
            {anyUnit && (
              <Col xs={24} md={8}>
                <Form.Item name="unitId" label={t('申请单位', 'Unit')} rules={[{ required: true, message: t('请选择单位', 'Required') }]}>
                  <UnitSelect disabled={!!params.id} />
                </Form.Item>
              </Col>
            )}
            <Col xs={24} md={anyUnit ? 16 : 24}>
              <Form.Item name="title" label={t('标题', 'Title')}>
                <Input maxLength={200} />
              </Form.Item>
            </Col>
            {type === 'requisition' || (type === 'change' && changeKind === 'handover') || type === 'transfer' ? (
              <>
                {type === 'change' && (
                  <Col xs={24}>
                    <Form.Item name={pf('changeKind')} label={t('变动类型', 'Change')}>
                      <Radio.Group options={Object.entries(CHANGE_KINDS).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
                    </Form.Item>
                  </Col>
                )}
                {type === 'transfer' && (
                  <Col xs={24} md={8}>
                    <ReceivingUnitField form={form} />
                  </Col>
                )}
                {receiving ? (
                  <ReceivingSideFields unitId={receiving} form={form} />
                ) : (
                  <>
                    <Col xs={24} md={8}>
                      <Form.Item name={pf('departmentId')} label={t('使用部门', 'Department')}>
                        <DepartmentSelect unitId={unitId} allowClear />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={pf('custodianId')} label={t('保管人', 'Custodian')}>
                        <StaffSelect unitId={unitId} allowClear />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={pf('roomId')} label={t('存放地点', 'Room')}>
                        <RoomSelect unitId={unitId} allowClear />
                      </Form.Item>
                    </Col>
                  </>
                )}
              </>
            ) : null}
            {type === 'change' && changeKind !== 'handover' && (
              <>
                <Col xs={24}>
                  <Form.Item name={pf('changeKind')} label={t('变动类型', 'Change')}>
                    <Radio.Group options={Object.entries(CHANGE_KINDS).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
                  </Form.Item>
                </Col>
                {changeKind === 'revaluation' && (
                  <Col xs={24} md={8}>
                    <Form.Item name={pf('newValueFen')} label={t('变动后原值（元）', 'New value')}>
                      <YuanInput min={0} />
                    </Form.Item>
                  </Col>
                )}
                {changeKind === 'useful_life' && (
                  <Col xs={24} md={8}>
                    <Form.Item name={pf('newUsefulLifeMonths')} label={t('变动后使用年限（月）', 'New life (months)')}>
                      <InputNumber min={1} max={1200} style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                )}
              </>
            )}
            {type === 'return' && (
              <Col xs={24} md={8}>
                <Form.Item name={pf('roomId')} label={t('退回存放地点', 'Store in room')}>
                  <RoomSelect unitId={unitId} allowClear />
                </Form.Item>
              </Col>
            )}
            {type === 'lending' && (
              <>
                <Col xs={24} md={6}>
                  <Form.Item name={pf('mode')} label={t('方式', 'Mode')}>
                    <Radio.Group
                      options={[
                        { value: 'lent', label: t('出借', 'Lend') },
                        { value: 'rented', label: t('出租', 'Rent out') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={pf('counterparty')} label={t('对方单位', 'Counterparty')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={pf('period')} label={t('期限', 'Period')}>
                    <DatePicker.RangePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={6}>
                  <Form.Item name={pf('incomeFen')} label={t('收入（元）', 'Income')}>
                    <YuanInput min={0} />
                  </Form.Item>
                </Col>
              </>
            )}
            {type === 'disposal' && (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name={pf('disposalMethod')} label={t('处置方式', 'Method')}>
                    <Select options={Object.entries(DISPOSAL_METHODS).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={pf('incomeFen')} label={t('处置收入（元，上缴国库）', 'Income (to the treasury)')}>
                    <YuanInput min={0} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={pf('appraisal')}
                    label={t('技术鉴定意见（未满最低年限报废时必填）', 'Appraisal (scrap before minimum life)')}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                {disposalMethod === 'sale' && (
                  <>
                    <Col xs={24} md={8}>
                      <Form.Item name={pf('buyer')} label={t('受让方', 'Buyer')}>
                        <Input maxLength={120} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={pf('priceFen')} label={t('成交价格（元）', 'Price')}>
                        <YuanInput min={0} />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={8}>
                      <Form.Item name={pf('pricingBasis')} label={t('定价方式', 'Pricing basis')}>
                        <Select options={Object.entries(PRICING_BASES).map(([k, v]) => ({ value: k, label: label(v, locale) }))} />
                      </Form.Item>
                    </Col>
                  </>
                )}
                <Col xs={24}>
                  <Form.Item
                    name={pf('earlyGround')}
                    label={t('提前处置理由（出售、捐赠、置换未满最低使用年限时必填）', 'Ground for disposing before the minimum life')}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                </Col>
              </>
            )}
            {type === 'maintenance' && (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name={pf('vendor')} label={t('维修单位', 'Vendor')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={pf('costFen')} label={t('维修费用（元）', 'Cost')}>
                    <YuanInput min={0} />
                  </Form.Item>
                </Col>
              </>
            )}
            {type === 'procurement' && (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name={pf('supplier')} label={t('供应商', 'Supplier')}>
                    <Input data-testid="supplier" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={pf('contractNo')} label={t('合同编号', 'Contract no.')}>
                    <Input />
                  </Form.Item>
                </Col>
              </>
            )}
            {type === 'acceptance' && (
              <>
                <Col xs={24} md={8}>
                  <Form.Item name={pf('orderId')} label={t('采购单', 'Order')}>
                    <Select
                      allowClear
                      options={(orders.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.docNo} ${o.title ?? ''}` }))}
                      data-testid="order-select"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item name={pf('acceptedOnDay')} label={t('验收日期', 'Accepted on')}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </>
            )}
            <Col xs={24}>
              <Form.Item name={pf('note')} label={t('说明', 'Note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card
          size="small"
          title={t('明细', 'Lines')}
          style={{ marginTop: 12 }}
          extra={
            (type === 'procurement' || type === 'acceptance') && (
              <ImportLines
                type={type}
                unitId={unitId}
                orderId={orderId}
                onPick={(ls) =>
                  form.setFieldsValue({
                    lines: [...((form.getFieldValue('lines') ?? []) as FormLine[]).filter((l) => l?.categoryId), ...ls],
                  })
                }
              />
            )
          }
        >
          {isCardDoc ? (
            <CardLinesEditor
              type={type}
              unitId={unitId}
              value={cards}
              onChange={(v) => {
                unsaved.markDirty();
                setCards(v);
              }}
              error={cardError}
            />
          ) : (
            <CategoryLinesEditor
              form={form}
              unitId={unitId}
              variant={type === 'config_request' ? 'config' : type === 'procurement' ? 'procurement' : 'acceptance'}
            />
          )}
        </Card>
        <Space style={{ marginTop: 12 }}>
          <Button htmlType="submit" loading={saving}>
            {t('保存草稿', 'Save draft')}
          </Button>
          <Button
            type="primary"
            loading={saving}
            onClick={() =>
              form
                .validateFields()
                .then((v) => save(v, true))
                .catch(() => undefined)
            }
            data-testid="save-submit"
          >
            {t('保存并提交', 'Save and submit')}
          </Button>
        </Space>
      </Form>
    </>
  );
}
