import { useEffect, useRef, useState } from 'react';
import { Alert, AutoComplete, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DECLINE_REASONS } from '../../../shared/pool.contracts.ts';
import type { CheckResult, DocumentLineInput, IdleOffer, LineCheck } from '../../../shared/workflow.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money, YuanInput } from '../../components/Money.tsx';
import { SpecAttributesFields, cleanSpec, useCategoryCode } from '../../components/SpecAttributesFields.tsx';
import { CategoryTreeSelect, RoomSelect, StaffSelect } from '../../components/selects.tsx';
import { errorText } from '../../components/errors.ts';
import { requestListing } from '../pool/api.ts';
import { checkConfigRequest } from './api.ts';

/** A line as the form holds it: declined idle offers as a map card id → reason. */
export interface FormLine extends Omit<DocumentLineInput, 'declinedIdle'> {
  declined?: Record<string, string>;
}

export function toLineInput(l: FormLine): DocumentLineInput {
  const { declined, ...rest } = l;
  const clean = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined && v !== '')) as DocumentLineInput;
  if (!clean.standardAck?.reason?.trim()) delete clean.standardAck;
  if (clean.attributes) {
    const a = Object.fromEntries(Object.entries(clean.attributes).filter(([, v]) => v !== null && v !== undefined));
    if (Object.keys(a).length) clean.attributes = a;
    else delete clean.attributes;
  }
  const spec = cleanSpec(clean.specAttributes);
  if (spec) clean.specAttributes = spec;
  else delete clean.specAttributes;
  const declinedIdle = Object.entries(declined ?? {})
    .filter(([, r]) => r?.trim())
    .map(([cardId, reason]) => ({ cardId, reason }));
  return declinedIdle.length ? { ...clean, declinedIdle } : clean;
}

/** Re-checks the lines against the standards a moment after typing stops. */
function useLiveCheck(form: FormInstance, unitId: string | undefined, enabled: boolean): CheckResult | undefined {
  const lines = Form.useWatch('lines', form) as FormLine[] | undefined;
  const [result, setResult] = useState<CheckResult>();
  const seq = useRef(0);
  const key = JSON.stringify(
    (lines ?? []).map((l) => [
      l?.categoryId,
      l?.name,
      l?.quantity,
      l?.unitPriceFen,
      l?.replacesCardId,
      l?.forStaffId,
      l?.forRoomId,
      l?.attributes,
      l?.spec,
      l?.specAttributes,
    ]),
  );
  useEffect(() => {
    if (!enabled || !unitId) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      const body = {
        unitId,
        lines: (lines ?? []).map((l) =>
          toLineInput({
            categoryId: l?.categoryId,
            name: l?.name,
            quantity: l?.quantity ?? undefined,
            unitPriceFen: l?.unitPriceFen ?? undefined,
            replacesCardId: l?.replacesCardId,
            forStaffId: l?.forStaffId,
            forRoomId: l?.forRoomId,
            attributes: l?.attributes,
            spec: l?.spec,
            specAttributes: l?.specAttributes,
          }),
        ),
      };
      checkConfigRequest(body)
        .then((r) => {
          if (mine === seq.current) setResult(r);
        })
        .catch(() => undefined);
    }, 400);
    return () => clearTimeout(timer);
  }, [key, unitId, enabled]); // eslint-disable-line react-hooks/exhaustive-deps
  return result;
}

function LineFindings({ check, index, unitId }: { check?: LineCheck; index: number; unitId?: string }) {
  const { t } = useI18n();
  if (!check) return null;
  return (
    <>
      {check.findings.map((f, i) => (
        <Alert
          key={i}
          type="warning"
          showIcon
          style={{ marginBottom: 6 }}
          data-testid={`finding-${index}-${f.rule}`}
          message={f.message}
          description={t('超标准须填写理由，并增加特别审批环节', 'Over the standard: give a reason; a special approval step is added')}
        />
      ))}
      {check.idleOffers.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 6 }}
          message={t(
            '先调剂后购置：以下公物仓及闲置资产可调剂，请申请调剂，或逐项说明不调剂的理由',
            'Reallocate first: these pooled or idle items match; request one, or give a reason for each to buy instead',
          )}
          description={
            <Table
              size="small"
              rowKey="cardId"
              pagination={false}
              dataSource={check.idleOffers}
              columns={[
                { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo', width: 170 },
                { title: t('名称', 'Name'), dataIndex: 'name' },
                { title: t('所在单位', 'Unit'), dataIndex: 'unitName', width: 150 },
                {
                  title: t('匹配依据', 'Why it matched'),
                  key: 'why',
                  render: (_, o) => (
                    <Space size={[0, 4]} wrap data-testid={`why-${o.cardNo}`}>
                      {(o.reasons ?? []).map((r) => (
                        <Tag key={r}>{r}</Tag>
                      ))}
                    </Space>
                  ),
                },
                { title: t('净值', 'Net value'), dataIndex: 'netValueFen', width: 110, render: (v) => <Money fen={v} /> },
                {
                  title: t('调剂或不调剂的理由', 'Take it, or the reason to decline'),
                  key: 'r',
                  width: 320,
                  render: (_, o) => <OfferAnswer index={index} offer={o} unitId={unitId} />,
                },
              ]}
            />
          }
        />
      )}
    </>
  );
}

/**
 * 先调剂后购置, one offer: a pooled item can be requested here in one click (that answers it);
 * otherwise a reason from the list, or one's own words.
 */
function OfferAnswer({ index, offer, unitId }: { index: number; offer: IdleOffer; unitId?: string }) {
  const { t } = useI18n();
  const [requested, setRequested] = useState(!!offer.requested);
  const [error, setError] = useState<string>();
  const ask = async () => {
    try {
      await requestListing(offer.listingId!, {
        purpose: t('配置申请：先调剂后购置', 'Configuration request: pool first'),
        unitId,
      });
      setRequested(true);
    } catch (err) {
      setError(errorText(err));
    }
  };
  if (requested) return <Tag color="blue">{t('已申请调剂', 'Requested from the pool')}</Tag>;
  return (
    <Space.Compact style={{ width: '100%' }}>
      {offer.listingId && (
        <Button size="small" onClick={ask} data-testid={`take-${offer.cardNo}`} title={error}>
          {t('申请调剂', 'Request')}
        </Button>
      )}
      <Form.Item name={[index, 'declined', offer.cardId]} noStyle>
        <AutoComplete
          size="small"
          style={{ width: '100%' }}
          options={DECLINE_REASONS.map((r) => ({ value: r }))}
          placeholder={t('选择或填写理由，如：配置不满足岗位需要', 'Pick or write the reason')}
        />
      </Form.Item>
    </Space.Compact>
  );
}

/** The line's 规格参数 (memory, storage …) for its category: the pool is matched on them. */
function LineSpecFields({ form, line }: { form: FormInstance; line: number }) {
  const categoryId = Form.useWatch(['lines', line, 'categoryId'], form) as string | undefined;
  return <SpecAttributesFields name={[line, 'specAttributes']} categoryCode={useCategoryCode(categoryId)} span={3} />;
}

/** Lines of category, spec, quantity and price: configuration requests (with live checks), orders, acceptance. */
export function CategoryLinesEditor({
  form,
  variant,
  unitId,
}: {
  form: FormInstance;
  variant: 'config' | 'procurement' | 'acceptance';
  unitId?: string;
}) {
  const { t } = useI18n();
  const check = useLiveCheck(form, unitId, variant === 'config');
  const lines = Form.useWatch('lines', form) as FormLine[] | undefined;
  const total = (lines ?? []).reduce((s, l) => s + (l?.quantity ?? 0) * (l?.unitPriceFen ?? 0), 0);
  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginBottom: 8 }}
              title={`${t('明细', 'Line')} ${i + 1}`}
              extra={<Button type="text" icon={<DeleteOutlined />} onClick={() => remove(field.name)} />}
            >
              <Row gutter={8}>
                <Col xs={24} md={6}>
                  <Form.Item
                    name={[field.name, 'categoryId']}
                    label={t('资产分类', 'Category')}
                    rules={[{ required: true, message: t('请选择分类', 'Required') }]}
                  >
                    <CategoryTreeSelect />
                  </Form.Item>
                </Col>
                <Col xs={24} md={5}>
                  <Form.Item name={[field.name, 'name']} label={t('品目名称', 'Item')}>
                    <Input data-testid={`line-${i}-name`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={5}>
                  <Form.Item name={[field.name, 'spec']} label={t('规格要求', 'Spec')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col xs={12} md={3}>
                  <Form.Item
                    name={[field.name, 'quantity']}
                    label={t('数量', 'Qty')}
                    rules={[{ required: true, message: t('必填', 'Required') }]}
                  >
                    <InputNumber min={1} style={{ width: '100%' }} data-testid={`line-${i}-qty`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item
                    name={[field.name, 'unitPriceFen']}
                    label={t('单价（元）', 'Unit price')}
                    rules={[{ required: true, message: t('必填', 'Required') }]}
                  >
                    <YuanInput min={0} data-testid={`line-${i}-price`} />
                  </Form.Item>
                </Col>
                {variant === 'config' && (
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'budgetLine']} label={t('预算科目', 'Budget line')}>
                      <Input />
                    </Form.Item>
                  </Col>
                )}
                {variant === 'acceptance' && (
                  <Col xs={24} md={6}>
                    <Form.Item name={[field.name, 'invoiceNo']} label={t('发票号', 'Invoice no.')}>
                      <Input />
                    </Form.Item>
                  </Col>
                )}
                {variant !== 'procurement' && (
                  <>
                    <Col xs={24} md={6}>
                      <Form.Item name={[field.name, 'forStaffId']} label={t('使用人（按职级核定价格上限）', 'For whom (caps by rank)')}>
                        <StaffSelect unitId={unitId} allowClear />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={6}>
                      <Form.Item
                        name={[field.name, 'forRoomId']}
                        label={t('存放房间（会议桌按面积核定）', 'Room (conference tables by area)')}
                      >
                        <RoomSelect allowClear />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={3}>
                      <Form.Item name={[field.name, 'attributes', 'paperSize']} label={t('幅面（打印机）', 'Paper (printers)')}>
                        <Select allowClear options={[{ value: 'A4' }, { value: 'A3' }]} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} md={3}>
                      <Form.Item name={[field.name, 'attributes', 'colour']} label={t('彩色', 'Colour')} valuePropName="checked">
                        <Switch />
                      </Form.Item>
                    </Col>
                  </>
                )}
                {variant === 'config' && <LineSpecFields form={form} line={field.name} />}
                {variant === 'acceptance' && (
                  <Col xs={24}>
                    <Form.Item
                      name={[field.name, 'standardAck', 'reason']}
                      label={t(
                        '超标准确认理由（超出配置标准时必填，记入卡片履历）',
                        'Over-standard acknowledgement (recorded on the card)',
                      )}
                    >
                      <Input data-testid={`line-${i}-ack`} />
                    </Form.Item>
                  </Col>
                )}
                <Col xs={24} md={variant === 'procurement' ? 24 : 18}>
                  <Form.Item name={[field.name, 'reason']} label={t('理由', 'Reason')}>
                    <Input data-testid={`line-${i}-reason`} />
                  </Form.Item>
                </Col>
                <Form.Item name={[field.name, 'sourceLineId']} hidden>
                  <Input />
                </Form.Item>
              </Row>
              {variant === 'config' && <LineFindings check={check?.lines[i]} index={field.name} unitId={unitId} />}
              <Form.Item name={[field.name, 'declinedIdle']} style={{ marginBottom: 0 }}>
                <span />
              </Form.Item>
            </Card>
          ))}
          <Space>
            {variant !== 'procurement' && (
              <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })} data-testid="add-line">
                {t('添加明细', 'Add a line')}
              </Button>
            )}
            <Typography.Text type="secondary">
              {t('合计', 'Total')} <Money fen={total} />
            </Typography.Text>
          </Space>
        </>
      )}
    </Form.List>
  );
}
