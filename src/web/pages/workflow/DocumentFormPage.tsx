import { useEffect, useState } from 'react';
import { App, Button, Card, Col, Form, Input, Row, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate, useParams } from 'react-router-dom';
import { type DocumentInput, type DocumentType, documentTypeSpec } from '../../../shared/workflow.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { useUnsavedGuard } from '../../components/useUnsavedGuard.ts';
import { CardLinesEditor, type PickedCard } from '../../components/CardLinesEditor.tsx';
import { CategoryLinesEditor, toLineInput, type FormLine } from './CategoryLinesEditor.tsx';
import { useDocTypeLabel } from './docShared.tsx';
import { saveDocument, submitDocument, useDocument } from './api.ts';
import { webDocumentType } from './document-types/registry.ts';

interface Values {
  unitId?: string;
  counterpartUnitId?: string;
  title?: string;
  payload: Record<string, unknown> & { period?: [Dayjs, Dayjs]; acceptedOnDay?: Dayjs };
  lines?: FormLine[];
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
  const { t } = useI18n();
  const { message } = App.useApp();
  const { me, units } = useSession();
  const navigate = useNavigate();
  const typeLabel = useDocTypeLabel();
  const existing = useDocument(params.id);
  const type = (params.type ?? existing.data?.type) as DocumentType | undefined;
  const [form] = Form.useForm<Values>();
  const _disposalMethod = Form.useWatch(['payload', 'disposalMethod'], form) as string | undefined;
  const showError = useFormErrors(form, FIELD_ALIASES);
  const unsaved = useUnsavedGuard();
  const [cards, setCards] = useState<PickedCard[]>([]);
  const [cardError, setCardError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const spec = type ? documentTypeSpec(type) : undefined;
  const web = webDocumentType(type ?? '');
  // A type whose unit the server fills in (the committee's orders) is not given a unit picker.
  const anyUnit = units('document.write') === 'all' && !web.ownUnit;
  const unitId = (Form.useWatch('unitId', form) as string | undefined) ?? (anyUnit ? undefined : (me.unitId ?? undefined));
  const counterpart = Form.useWatch('counterpartUnitId', form) as string | undefined;
  // A type with a receiving unit (transfer between units) places the cards with that unit's people and rooms.
  const receiving = spec?.counterpart && counterpart && counterpart !== unitId ? counterpart : undefined;
  const isCardDoc = spec?.lines === 'cards';

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
            forRoomId?: string;
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
            forRoomId: det.forRoomId,
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
    const body = {
      type,
      unitId: v.unitId ?? unitId,
      counterpartUnitId: v.counterpartUnitId,
      title: v.title,
      payload: cleanPayload as DocumentInput['payload'],
      lines: isCardDoc ? cards.map((c) => ({ cardId: c.id })) : (v.lines ?? []).map(toLineInput),
    } as DocumentInput;
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
      id = await saveDocument(id, body);
    } catch (err) {
      failed(err);
      setSaving(false);
      return;
    }
    try {
      if (submit) await submitDocument(id);
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
          payload: web.initialPayload ?? {},
          lines: isCardDoc || web.startsEmpty ? [] : [{ quantity: 1 }],
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
            {web.Fields && <web.Fields form={form} unitId={unitId} receiving={receiving} />}
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
            web.LinesExtra && (
              <web.LinesExtra
                form={form}
                unitId={unitId}
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
          ) : web.LinesEditor ? (
            <web.LinesEditor form={form} unitId={unitId} />
          ) : (
            <CategoryLinesEditor form={form} unitId={unitId} variant={web.lineVariant ?? 'config'} />
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
