import { Card, Col, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TileKey, WorkspaceDocument, WorkspaceTile } from '../../../shared/desk.contracts.ts';
import { useWorkspace } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { cardListUrl, type CardListFilter } from '../../lib/cardListLink.ts';
import { DocStatusTag, useDocTypeLabel } from '../../components/DocumentTags.tsx';

function greeting(t: (zh: string, en: string) => string) {
  const h = new Date().getHours();
  if (h < 11) return t('上午好', 'Good morning');
  if (h < 13) return t('中午好', 'Good day');
  if (h < 18) return t('下午好', 'Good afternoon');
  return t('晚上好', 'Good evening');
}

const TILE_LABELS: Record<TileKey, [string, string]> = {
  myAssets: ['我保管的资产', 'Assets in my custody'],
  myRequests: ['我的申请（审批中）', 'My requests in approval'],
  inbox: ['待我审批', 'Waiting for me'],
  warrantyEnding: ['30 天内保修到期', 'Warranty ending in 30 days'],
  lendingDue: ['出借即将到期', 'Lendings due soon'],
  countsAssigned: ['派给我的盘点', 'Counts assigned to me'],
  returnedToMe: ['退回给我的单据', 'Returned to me'],
  approvedNotExecuted: ['已批准待执行', 'Approved, not executed'],
  overdueLendings: ['出借逾期未收回', 'Lendings overdue'],
  custodiansLeft: ['保管人已离职', 'Custodian has left'],
  faultsReported: ['维修单待审批', 'Repairs in approval'],
  selfReportedFaults: ['扫码报修待处理', 'Faults reported by phone'],
  notInHand: ['保管人报告不在手上', 'Not with their custodian'],
};

/** The list a tile opens, with the tile's filter in its URL (the list shows it). */
export function tileUrl(tile: WorkspaceTile): string {
  const qs = new URLSearchParams(tile.filter).toString();
  switch (tile.list) {
    case 'cards':
      return cardListUrl(tile.filter as CardListFilter);
    case 'inbox':
      return '/inbox';
    case 'counts':
      return `/counts${qs ? `?${qs}` : ''}`;
    case 'cardReports':
      return `/card-reports${qs ? `?${qs}` : ''}`;
    default:
      return `/documents${qs ? `?${qs}` : ''}`;
  }
}

function Tiles({ title, tiles, warn }: { title: string; tiles: WorkspaceTile[]; warn?: boolean }) {
  const { t } = useI18n();
  if (!tiles.length) return null;
  return (
    <Card size="small" title={title} className="home-card" style={{ marginBottom: 12 }}>
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => (
          <Col key={tile.key} xs={12} md={6}>
            <Link to={tileUrl(tile)} data-testid={`tile-${tile.key}`}>
              <Statistic
                title={t(...TILE_LABELS[tile.key])}
                value={tile.count}
                styles={{ content: { color: warn && tile.count > 0 ? '#cf1322' : undefined } }}
              />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function DocList({ title, items, age, extra }: { title: string; items: WorkspaceDocument[]; age?: boolean; extra?: React.ReactNode }) {
  const { t } = useI18n();
  const typeLabel = useDocTypeLabel();
  return (
    <Card size="small" title={title} extra={extra} className="home-card" style={{ marginBottom: 12 }}>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无', 'Nothing')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(d) => (
            <List.Item key={d.id}>
              <Space wrap>
                <Link to={`/documents/${d.id}`}>{d.docNo}</Link>
                <span>{typeLabel(d.type)}</span>
                <Typography.Text type="secondary">{d.title}</Typography.Text>
                <DocStatusTag status={d.status} />
                {d.currentStepLabel && (
                  <Typography.Text type="secondary">
                    {d.currentStepLabel}
                    {d.holders.length ? `：${d.holders.join('、')}` : ''}
                  </Typography.Text>
                )}
                {age && d.ageDays !== null && (
                  <Tag color={d.ageDays >= 3 ? 'red' : 'default'}>{t(`已等待 ${d.ageDays} 天`, `waiting ${d.ageDays} d`)}</Tag>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** 我的工作台: what the user's roles can act on now; every number opens its list, filtered. */
export default function HomePage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { data } = useWorkspace();
  return (
    <div className="home-page">
      <PageHeader title={`${greeting(t)}${t('，', ', ')}${me.displayName}`} subTitle={t('我的工作台', 'My workspace')} />
      {data && (
        <>
          <Tiles title={t('我的', 'Mine')} tiles={data.mine} />
          <Row gutter={12}>
            {can('document.approve') && (
              <Col xs={24} xl={12}>
                <DocList
                  title={t('待我审批（最早的在前）', 'Waiting for me (oldest first)')}
                  items={data.waiting}
                  age
                  extra={
                    data.waiting.length > 0 && (
                      <Link to={`/documents/${data.waiting[0].id}?from=inbox`} data-testid="start-approving">
                        {t('开始审批', 'Start')}
                      </Link>
                    )
                  }
                />
              </Col>
            )}
            {can('document.write') && (
              <Col xs={24} xl={12}>
                <DocList
                  title={t('我的申请', 'My requests')}
                  items={data.recentRequests}
                  extra={<Link to="/documents?mine=true">{t('全部', 'All')}</Link>}
                />
              </Col>
            )}
          </Row>
          <Tiles title={t('提醒', 'Reminders')} tiles={data.reminders} warn />
          <Tiles title={t('本单位待办', "The unit's to-dos")} tiles={data.unitTodos} warn />
        </>
      )}
    </div>
  );
}
