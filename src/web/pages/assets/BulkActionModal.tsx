import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Modal, Radio, Row, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import type { CardFilter } from '../../../shared/assets.contracts.ts';
import { CARD_STATUSES, label } from '../../../shared/assets.enums.ts';
import { BLOCKED_REASONS, type BulkCreated, type BulkPreview, type BulkType } from '../../../shared/bulk.contracts.ts';
import { DOCUMENT_TYPES } from '../../../shared/workflow.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { Money } from '../../components/Money.tsx';
import { createBulk, previewBulk } from '../workflow/api.ts';
import { webDocumentType } from '../workflow/document-types/registry.ts';

export interface BulkActionModalProps {
  /** The document type to start, or null when closed. */
  type: BulkType | null;
  filter: CardFilter;
  selectedIds: string[];
  /** Cards matching the filter now (the list's total). */
  total: number;
  onClose: () => void;
  onCreated?: () => void;
}

type Values = { counterpartUnitId?: string; payload?: Record<string, unknown> & { period?: [Dayjs, Dayjs] } };

/** The payload as the server takes it: the period picker as two dates, empty fields left out. */
function payloadOf(v: Values): Record<string, unknown> {
  const { period, ...payload } = v.payload ?? {};
  if (period) {
    payload.periodFrom = period[0].format('YYYY-MM-DD');
    payload.periodTo = period[1].format('YYYY-MM-DD');
  }
  return Object.fromEntries(Object.entries(payload).filter(([, x]) => x !== undefined && x !== null && x !== ''));
}

/**
 * 批量办理: the ticked cards or all that match the filter, a 领用/退库/调拨/出借/处置/变动 with them filled
 * in. 核对 shows the count, the original value and the cards that cannot go; 创建 makes one draft per unit.
 */
export function BulkActionModal({ type, filter, selectedIds, total, onClose, onCreated }: BulkActionModalProps) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<Values>();
  const [scope, setScope] = useState<'selected' | 'filter'>(selectedIds.length ? 'selected' : 'filter');
  const [preview, setPreview] = useState<BulkPreview | null>(null);
  const [created, setCreated] = useState<BulkCreated | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const web = webDocumentType(type ?? '');
  const unitId = filter.unitId ?? me.unitId ?? undefined;
  // A 调拨 to another unit: its people and rooms are offered for the receiving side.
  const receiving = Form.useWatch('counterpartUnitId', form) as string | undefined;

  useEffect(() => {
    if (!type) return;
    setScope(selectedIds.length ? 'selected' : 'filter');
    setPreview(null);
    setCreated(null);
    setError(undefined);
    form.resetFields();
    form.setFieldsValue({ payload: { ...(web.initialPayload ?? {}) } });
  }, [type]);

  if (!type) return null;
  const selection = scope === 'selected' ? { cardIds: selectedIds } : { filter };
  const body = () => {
    const v = form.getFieldsValue(true) as Values;
    return { type, counterpartUnitId: v.counterpartUnitId || undefined, payload: payloadOf(v), selection };
  };

  const check = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setPreview(await previewBulk(body()));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const create = async () => {
    if (!preview) return;
    setBusy(true);
    setError(undefined);
    try {
      const res = await createBulk({ ...body(), token: preview.token });
      setCreated(res);
      message.success(t(`已创建 ${res.documents.length} 张草稿单据，共 ${res.count} 张资产`, `${res.documents.length} drafts created`));
      onCreated?.();
    } catch (err) {
      setError(errorText(err));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };

  const typeName = label(DOCUMENT_TYPES[type], locale);
  const footer = created ? (
    <Button onClick={onClose}>{t('关闭', 'Close')}</Button>
  ) : (
    <Space>
      <Button onClick={onClose}>{t('取消', 'Cancel')}</Button>
      {preview ? (
        <Button type="primary" loading={busy} disabled={!preview.count} onClick={() => void create()}>
          {t(`确认创建（${preview.count} 张）`, `Create (${preview.count})`)}
        </Button>
      ) : (
        <Button type="primary" loading={busy} onClick={() => void check()}>
          {t('核对', 'Check')}
        </Button>
      )}
    </Space>
  );

  return (
    <Modal open title={t(`批量${typeName}`, `Bulk ${typeName}`)} width={860} onCancel={onClose} footer={footer} destroyOnHidden>
      {created ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="success"
            showIcon
            message={t('已创建草稿单据，请打开后核对并提交。', 'Drafts created: open, check and submit them.')}
          />
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={created.documents}
            columns={[
              { title: t('单据号', 'No.'), dataIndex: 'docNo', render: (v: string, r) => <Link to={`/documents/${r.id}`}>{v}</Link> },
              { title: t('资产张数', 'Cards'), dataIndex: 'count' },
            ]}
          />
        </Space>
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group
            value={scope}
            onChange={(e) => {
              setScope(e.target.value);
              setPreview(null);
            }}
          >
            <Radio value="selected" disabled={!selectedIds.length}>
              {t(`已勾选的 ${selectedIds.length} 张`, `The ${selectedIds.length} ticked`)}
            </Radio>
            <Radio value="filter">{t(`全部符合筛选条件的 ${total} 张`, `All ${total} matching the filter`)}</Radio>
          </Radio.Group>
          <Form form={form} layout="vertical" onValuesChange={() => setPreview(null)}>
            <Row gutter={16}>{web.Fields && <web.Fields form={form} unitId={unitId} receiving={receiving} />}</Row>
          </Form>
          {error && <Alert type="error" showIcon message={error} />}
          {preview && (
            <>
              <Descriptions size="small" bordered column={3}>
                <Descriptions.Item label={t('可办理', 'Will go')}>{t(`${preview.count} 张`, `${preview.count}`)}</Descriptions.Item>
                <Descriptions.Item label={t('原值合计', 'Original value')}>
                  <Money fen={preview.totalFen} />
                </Descriptions.Item>
                <Descriptions.Item label={t('不能办理', 'Cannot go')}>
                  {t(`${preview.blockedCount} 张`, `${preview.blockedCount}`)}
                </Descriptions.Item>
              </Descriptions>
              {preview.units.length > 1 && (
                <Typography.Text>
                  {t('跨单位：每个单位一张单据 — ', 'One document per unit — ')}
                  {preview.units.map((u) => `${u.unitName} ${u.count}`).join('；')}
                </Typography.Text>
              )}
              {preview.blockedCount > 0 && (
                <Table
                  rowKey="cardId"
                  size="small"
                  pagination={{ pageSize: 5 }}
                  dataSource={preview.blocked}
                  columns={[
                    { title: t('卡片编号', 'Card no.'), dataIndex: 'cardNo' },
                    { title: t('名称', 'Name'), dataIndex: 'name' },
                    {
                      title: t('状态', 'Status'),
                      dataIndex: 'status',
                      render: (s: keyof typeof CARD_STATUSES) => label(CARD_STATUSES[s], locale),
                    },
                    {
                      title: t('原因', 'Reason'),
                      render: (_, b) => `${label(BLOCKED_REASONS[b.reason], locale)}${b.docNo ? `（${b.docNo}）` : ''}`,
                    },
                  ]}
                />
              )}
            </>
          )}
        </Space>
      )}
    </Modal>
  );
}

export default BulkActionModal;
