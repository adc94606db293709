import { useState } from 'react';
import { Button, Card, Col, Descriptions, Empty, Row, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { EditOutlined, MobileOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { CardDepreciationPanel } from './CardDepreciationPanel.tsx';
import { AttachmentUpload } from '../../components/AttachmentUpload.tsx';
import { PostingButton } from '../../components/PostingButton.tsx';
import { ATTACHMENT_KINDS } from '../../../shared/assets.contracts.ts';
import {
  ACQUISITION_METHODS,
  ASSET_KINDS,
  ASSET_USES,
  DEPRECIATION_METHODS,
  DEPRECIATION_STATUSES,
  FUNDING_SOURCES,
  PROCUREMENT_FORMS,
  USE_MODES,
  VALUE_TYPES,
  label,
} from '../../../shared/assets.enums.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { CardEditDrawer } from './CardEditDrawer.tsx';
import { COUNT_EVENTS, CountEventDetail } from './CountEventDetail.tsx';
import { VoidCardButton } from './VoidCardButton.tsx';
import { type CardView, cardKeys, uploadAttachment, useCard, useCardAttachments, useCardTimeline, useDocumentRef } from './api.ts';
import { ATTRIBUTE_LABELS, ATTRIBUTE_VOCABULARIES, eventLabel, fieldLabel, fieldValueText } from './cardFields.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { DOCUMENT_TYPES } from '../../../shared/workflow.contracts.ts';

const code = (vocab: Record<string, readonly [string, string]>, v: string | null, locale: string) =>
  v && vocab[v] ? label(vocab[v], locale) : (v ?? '—');
const dash = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/**
 * A document named in the ledger as people name it — "领用单 LY2026000003" — not by type code and id.
 * The number is the document's own (read once per document and cached); a document the reader may
 * not open still shows its kind.
 */
function DocumentRef({ id, type }: { id: string; type: string | null }) {
  const { t, locale } = useI18n();
  const doc = useDocumentRef(id);
  const kind = (DOCUMENT_TYPES as Record<string, readonly [string, string]>)[doc.data?.type ?? type ?? ''];
  const text = `${kind ? label(kind, locale) : t('单据', 'Document')}${doc.data ? ` ${doc.data.docNo}` : ''}`;
  return doc.isError ? <span>{text}</span> : <Link to={`/documents/${id}`}>{text}</Link>;
}

/** The ledger as a timeline: what happened, who did it, under which document, and what changed. */
type CardHistory = NonNullable<ReturnType<typeof useCardTimeline>['data']>;
function CardTimeline({ events, names }: { events: CardHistory['items']; names: CardHistory['names'] }) {
  const { t, locale } = useI18n();
  if (!events.length) return <Empty />;
  return (
    <Timeline
      items={[...events].reverse().map((e) => ({
        key: e.id,
        content: (
          <div>
            <Space wrap>
              <Typography.Text strong>{eventLabel(e.type, locale)}</Typography.Text>
              <Typography.Text type="secondary">{formatDateTime(e.occurredAt)}</Typography.Text>
              <span>{e.actorName ?? t('系统', 'System')}</span>
              {e.documentId && <DocumentRef id={e.documentId} type={e.documentType} />}
            </Space>
            {e.after && COUNT_EVENTS.has(e.type) && <CountEventDetail after={e.after} names={names} />}
            {e.after &&
              Object.keys(e.after).length > 0 &&
              e.type !== 'opening_registration' &&
              e.type !== 'created' &&
              !COUNT_EVENTS.has(e.type) && (
                <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                  {Object.keys(e.after).map((k) => (
                    <li key={k}>
                      {fieldLabel(k, locale)}：
                      {e.before && k in e.before && (
                        <>
                          <Typography.Text delete type="secondary">
                            {fieldValueText(k, e.before[k], locale, names)}
                          </Typography.Text>{' '}
                          →{' '}
                        </>
                      )}
                      {fieldValueText(k, e.after![k], locale, names)}
                    </li>
                  ))}
                </ul>
              )}
            {e.note && (
              <div>
                <Typography.Text type="secondary">
                  {t('说明', 'Note')}：{e.note}
                </Typography.Text>
              </div>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 11 }} copyable={{ text: e.hash }}>
              #{e.seq} {e.hash.slice(0, 12)}…
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

function Attachments({ card }: { card: CardView }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const { data, isLoading } = useCardAttachments(card.id);
  return (
    <Card
      size="small"
      title={t('附件', 'Attachments')}
      extra={
        can('card.write') && (
          <AttachmentUpload
            kinds={ATTACHMENT_KINDS}
            initialKind="invoice"
            upload={async (kind, file) => {
              await uploadAttachment(card.id, kind, file);
              await qc.invalidateQueries({ queryKey: cardKeys.card(card.id) });
            }}
          />
        )
      }
    >
      <Table<NonNullable<typeof data>['items'][number]>
        size="small"
        rowKey="id"
        loading={isLoading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('暂无附件', 'No attachments') }}
        columns={[
          { title: t('类别', 'Kind'), dataIndex: 'kind', render: (v) => code(ATTACHMENT_KINDS, v, locale) },
          {
            title: t('文件', 'File'),
            dataIndex: 'fileName',
            render: (v, r) => (
              <a href={`/api/cards/${card.id}/attachments/${r.id}`} target="_blank" rel="noreferrer">
                {v}
              </a>
            ),
          },
          { title: t('大小', 'Size'), dataIndex: 'size', render: (v: number) => `${(v / 1024).toFixed(0)} KB` },
          { title: t('上传人', 'By'), dataIndex: 'uploaderName' },
          {
            title: t('上传时间', 'At'),
            dataIndex: 'uploadedAt',
            render: (v: string) => formatDateTime(v),
          },
        ]}
      />
    </Card>
  );
}

/** One asset card, laid out like the paper card: basic, value, use, location, attributes; then its history. */
export default function CardDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { can } = useSession();
  const [editing, setEditing] = useState(false);
  const card = useCard(id);
  const timeline = useCardTimeline(id);
  if (card.isLoading) return <Spin />;
  if (card.error || !card.data) return <Empty description={t('卡片不存在或无权查看', 'No such card, or not yours to see')} />;
  const c = card.data;
  const attrs = Object.entries(c.attributes ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return (
    <>
      <PageHeader
        title={`${c.cardNo} ${c.name}`}
        back="/cards"
        tags={<StatusTag status={c.status} />}
        breadcrumb={[{ title: t('资产卡片库', 'Card library'), path: '/cards' }]}
        extra={
          <Space>
            <Link to={`/m/cards/${c.id}`}>
              <Button icon={<MobileOutlined />}>{t('手机页', 'Phone view')}</Button>
            </Link>
            {can('card.post') && c.status === 'pending_posting' && !c.sourceDocumentId && (
              <PostingButton
                target={{ cardId: c.id }}
                onDone={async () => {
                  await card.refetch();
                  await timeline.refetch();
                }}
              />
            )}
            {can('card.write') && c.status === 'pending_posting' && !c.postedOn && !c.sourceDocumentId && (
              <VoidCardButton
                cardId={c.id}
                cardNo={c.cardNo}
                onDone={async () => {
                  await card.refetch();
                  await timeline.refetch();
                }}
              />
            )}
            {can('card.write') && c.status !== 'disposed' && c.status !== 'voided' && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('修改信息', 'Edit')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={12}>
        <Col xs={24} lg={15}>
          <Space direction="vertical" style={{ width: '100%' }} size={12}>
            <Card size="small" title={t('基本信息', 'Basic')}>
              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
                <Descriptions.Item label={t('卡片编号', 'Card no.')}>{c.cardNo}</Descriptions.Item>
                <Descriptions.Item label={t('资产名称', 'Name')}>{c.name}</Descriptions.Item>
                <Descriptions.Item label={t('资产分类', 'Category')}>
                  {c.categoryCode} {c.categoryName}
                </Descriptions.Item>
                <Descriptions.Item label={t('规格型号', 'Spec')}>{dash(c.spec)}</Descriptions.Item>
                <Descriptions.Item label={t('品牌', 'Brand')}>{dash(c.brand)}</Descriptions.Item>
                <Descriptions.Item label={t('序列号', 'Serial no.')}>{dash(c.serialNo)}</Descriptions.Item>
                <Descriptions.Item label={t('数量', 'Quantity')}>
                  {c.quantity} {c.measureUnit}
                </Descriptions.Item>
                <Descriptions.Item label={t('取得方式', 'Acquired by')}>
                  {code(ACQUISITION_METHODS, c.acquisitionMethod, locale)}
                </Descriptions.Item>
                <Descriptions.Item label={t('取得日期', 'Acquired on')}>{c.acquiredOn}</Descriptions.Item>
                <Descriptions.Item label={t('供应商', 'Supplier')}>{dash(c.supplier)}</Descriptions.Item>
                <Descriptions.Item label={t('保修截止', 'Warranty until')}>{dash(c.warrantyUntil)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card
              size="small"
              title={
                <Space>
                  {t('财务信息', 'Finance')}
                  <Tag>{code(ASSET_KINDS, c.assetKind, locale)}</Tag>
                </Space>
              }
            >
              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
                <Descriptions.Item label={t('原值', 'Original value')}>
                  <Money fen={c.originalValueFen} />
                </Descriptions.Item>
                <Descriptions.Item label={t('价值类型', 'Value type')}>{code(VALUE_TYPES, c.valueType, locale)}</Descriptions.Item>
                <Descriptions.Item
                  label={
                    c.assetKind === 'intangible' ? t('累计摊销', 'Accumulated amortisation') : t('累计折旧', 'Accumulated depreciation')
                  }
                >
                  <Money fen={c.accumulatedDepreciationFen} />
                </Descriptions.Item>
                <Descriptions.Item label={t('财政拨款', 'Fiscal funding')}>
                  {c.fiscalFundingFen != null ? <Money fen={c.fiscalFundingFen} /> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('非财政拨款', 'Non-fiscal funding')}>
                  {c.nonFiscalFundingFen != null ? <Money fen={c.nonFiscalFundingFen} /> : '—'}
                </Descriptions.Item>
                <Descriptions.Item
                  label={c.assetKind === 'intangible' ? t('摊销状态', 'Amortisation') : t('折旧状态', 'Depreciation status')}
                >
                  {code(DEPRECIATION_STATUSES, c.depreciationStatus, locale)}
                </Descriptions.Item>
                <Descriptions.Item
                  label={c.assetKind === 'intangible' ? t('已摊销月数', 'Months amortised') : t('已提折旧月数', 'Months depreciated')}
                >
                  {c.depreciatedMonths}
                </Descriptions.Item>
                <Descriptions.Item
                  label={c.assetKind === 'intangible' ? t('月摊销额', 'Monthly amortisation') : t('月折旧额', 'Monthly depreciation')}
                >
                  {c.monthlyDepreciationFen != null ? <Money fen={c.monthlyDepreciationFen} /> : '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('采购组织形式', 'Procurement form')}>
                  {code(PROCUREMENT_FORMS, c.procurementForm, locale)}
                </Descriptions.Item>
                <Descriptions.Item label={t('资产用途', 'Asset use')}>{code(ASSET_USES, c.assetUse, locale)}</Descriptions.Item>
                <Descriptions.Item label={t('生产厂家', 'Manufacturer')}>{dash(c.manufacturer)}</Descriptions.Item>
                <Descriptions.Item label={t('国别/产地', 'Origin')}>{dash(c.originCountry)}</Descriptions.Item>
                <Descriptions.Item label={t('出厂日期', 'Manufactured on')}>{dash(c.manufacturedOn)}</Descriptions.Item>
                <Descriptions.Item label={t('合同编号', 'Contract no.')}>{dash(c.contractNo)}</Descriptions.Item>
                <Descriptions.Item label={t('发票号', 'Invoice no.')}>{dash(c.invoiceNo)}</Descriptions.Item>
                <Descriptions.Item label={t('净值', 'Net value')}>
                  <Money fen={c.netValueFen} />
                </Descriptions.Item>
                <Descriptions.Item label={t('资金来源', 'Funding')}>{code(FUNDING_SOURCES, c.fundingSource, locale)}</Descriptions.Item>
                <Descriptions.Item label={t('入账日期', 'Posted on')}>{dash(c.postedOn)}</Descriptions.Item>
                <Descriptions.Item label={t('会计凭证号', 'Voucher no.')}>{dash(c.voucherNo)}</Descriptions.Item>
                <Descriptions.Item label={t('折旧方法', 'Depreciation')}>
                  {code(DEPRECIATION_METHODS, c.depreciationMethod, locale)}
                </Descriptions.Item>
                <Descriptions.Item label={t('使用年限', 'Useful life')}>
                  {c.usefulLifeMonths != null ? t(`${c.usefulLifeMonths} 个月`, `${c.usefulLifeMonths} months`) : '—'}
                  {c.lifeFloorMonths != null ? t(`（不低于 ${c.lifeFloorMonths} 个月）`, ` (at least ${c.lifeFloorMonths})`) : ''}
                </Descriptions.Item>
              </Descriptions>
            </Card>
            {can('depreciation.read') && <CardDepreciationPanel cardId={c.id} />}
            <Card size="small" title={t('使用信息', 'Use')}>
              <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
                <Descriptions.Item label={t('使用方式', 'Use mode')}>{code(USE_MODES, c.useMode, locale)}</Descriptions.Item>
                {c.counterparty && <Descriptions.Item label={t('对方单位', 'Counterparty')}>{c.counterparty}</Descriptions.Item>}
                <Descriptions.Item label={t('产权单位', 'Owner unit')}>{c.unitName}</Descriptions.Item>
                <Descriptions.Item label={t('管理单位', 'Managing unit')}>{c.managingUnitName}</Descriptions.Item>
                <Descriptions.Item label={t('使用单位', 'Using unit')}>{dash(c.usingUnitName)}</Descriptions.Item>
                <Descriptions.Item label={t('使用部门', 'Department')}>{dash(c.departmentName)}</Descriptions.Item>
                <Descriptions.Item label={t('保管人', 'Custodian')}>{dash(c.custodianName)}</Descriptions.Item>
                <Descriptions.Item label={t('投入使用', 'In use since')}>{dash(c.inUseOn)}</Descriptions.Item>
                <Descriptions.Item label={t('存放地点', 'Location')}>{dash(c.roomName)}</Descriptions.Item>
              </Descriptions>
            </Card>
            {attrs.length > 0 && (
              <Card
                size="small"
                title={
                  c.categoryAttributeSet === 'building' || c.categoryAttributeSet === 'land'
                    ? t('房屋土地', 'Buildings and land')
                    : c.categoryAttributeSet === 'vehicle'
                      ? t('车辆', 'Vehicle')
                      : t('扩展属性', 'Attributes')
                }
              >
                <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
                  {attrs.map(([k, v]) => (
                    <Descriptions.Item key={k} label={ATTRIBUTE_LABELS[k] ? label(ATTRIBUTE_LABELS[k], locale) : k}>
                      {typeof v === 'string' && ATTRIBUTE_VOCABULARIES[k]?.[v] ? label(ATTRIBUTE_VOCABULARIES[k][v], locale) : String(v)}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </Card>
            )}
            <Attachments card={c} />
          </Space>
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('履历（台账）', 'History (ledger)')} loading={timeline.isLoading}>
            <CardTimeline events={timeline.data?.items ?? []} names={timeline.data?.names ?? {}} />
          </Card>
        </Col>
      </Row>
      {editing && <CardEditDrawer card={c} onClose={() => setEditing(false)} />}
    </>
  );
}
