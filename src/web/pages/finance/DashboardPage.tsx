import { useMemo } from 'react';
import { Card, Col, Empty, List, Row, Statistic } from 'antd';
import dayjs from 'dayjs';
import { Link, useNavigate } from 'react-router-dom';
import { cardListUrl, type CardListFilter } from '../../lib/cardListLink.ts';
import { useI18n } from '../../app/i18n.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatYuan } from '../../../shared/money.ts';
import { CARD_STATUSES, type CardStatus, label } from '../../../shared/assets.enums.ts';
import { useDashboard } from './api.ts';
import { EChart } from './EChart.tsx';
import { formatDateTime } from '../../lib/dates.ts';

const wan = (fen: number) => Math.round(fen / 100) / 10000; // 万元

/** 资产看板: what the caller's scope holds; every chart clicks through to the filtered card list. */
export default function DashboardPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const { data, isLoading } = useDashboard();
  const toCards = (f: CardListFilter) => navigate(cardListUrl(f));

  const byCategory = useMemo(
    () => ({
      tooltip: { trigger: 'item' as const, formatter: '{b}: {c} 万元 ({d}%)' },
      series: [
        {
          type: 'pie' as const,
          radius: ['40%', '70%'],
          data: (data?.byCategory ?? []).map((c) => ({ name: c.name, value: wan(c.valueFen), id: c.categoryId })),
        },
      ],
    }),
    [data],
  );
  const byUnit = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      grid: { left: 120, right: 20, top: 20, bottom: 20 },
      xAxis: { type: 'value' as const, name: t('万元', '10k yuan') },
      yAxis: { type: 'category' as const, data: (data?.byUnit ?? []).map((u) => u.name), inverse: true },
      series: [{ type: 'bar' as const, data: (data?.byUnit ?? []).map((u) => wan(u.valueFen)) }],
    }),
    [data, t],
  );
  const byStatus = useMemo(
    () => ({
      tooltip: { trigger: 'item' as const },
      series: [
        {
          type: 'pie' as const,
          radius: '65%',
          data: (data?.byStatus ?? []).map((s) => ({
            name: CARD_STATUSES[s.status as keyof typeof CARD_STATUSES]
              ? label(CARD_STATUSES[s.status as keyof typeof CARD_STATUSES], locale)
              : s.status,
            value: s.count,
            id: s.status,
          })),
        },
      ],
    }),
    [data, locale],
  );
  const monthly = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { data: [t('新增', 'Additions'), t('处置', 'Disposals')] },
      xAxis: { type: 'category' as const, data: (data?.monthly ?? []).map((m) => m.month) },
      yAxis: { type: 'value' as const },
      series: [
        { name: t('新增', 'Additions'), type: 'bar' as const, data: (data?.monthly ?? []).map((m) => m.additions) },
        { name: t('处置', 'Disposals'), type: 'bar' as const, data: (data?.monthly ?? []).map((m) => m.disposals) },
      ],
    }),
    [data, t],
  );
  const idle = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: {
        data: [
          t('闲置率 %', 'Idle rate %'),
          t('单价超标（张）', 'Over price cap (cards)'),
          t('数量超标（项标准）', 'Over quota (standards)'),
        ],
      },
      grid: { left: 50, right: 50, top: 40, bottom: 60 },
      xAxis: { type: 'category' as const, data: (data?.byUnit ?? []).map((u) => u.name), axisLabel: { rotate: 30 } },
      yAxis: [{ type: 'value' as const, name: '%' }, { type: 'value' as const }],
      series: [
        {
          name: t('闲置率 %', 'Idle rate %'),
          type: 'bar' as const,
          data: (data?.byUnit ?? []).map((u) => Math.round(u.idleRate * 1000) / 10),
        },
        {
          name: t('单价超标（张）', 'Over price cap (cards)'),
          type: 'line' as const,
          yAxisIndex: 1,
          data: (data?.byUnit ?? []).map((u) => u.overStandardCount),
        },
        {
          name: t('数量超标（项标准）', 'Over quota (standards)'),
          type: 'line' as const,
          yAxisIndex: 1,
          data: (data?.byUnit ?? []).map((u) => u.overQuotaCount),
        },
      ],
    }),
    [data, t],
  );

  if (!isLoading && !data) return <Empty />;
  const units = data?.byUnit ?? [];
  return (
    <div>
      <PageHeader
        title={t('资产看板', 'Dashboard')}
        subTitle={t('点击图表查看对应的资产卡片', 'Click a chart to open the matching cards')}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={t('在账资产（项）', 'Assets on the books')} value={data?.totals.count ?? 0} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={t('原值（元）', 'Original value (yuan)')} value={formatYuan(data?.totals.valueFen ?? 0)} />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title={t('净值（元）', 'Net value (yuan)')} value={formatYuan(data?.totals.netFen ?? 0)} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('按类别的资产原值', 'Value by category')}>
            <EChart option={byCategory} onClick={(p) => toCards({ categoryId: (p.data as { id: string }).id })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('按单位的资产原值', 'Value by unit')}>
            <EChart option={byUnit} onClick={(p) => p.dataIndex !== undefined && toCards({ unitId: units[p.dataIndex].unitId })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('资产状态分布', 'Status distribution')}>
            <EChart option={byStatus} onClick={(p) => toCards({ status: [(p.data as { id: string }).id as CardStatus] })} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('每月新增与处置', 'Additions and disposals per month')}>
            <EChart
              option={monthly}
              onClick={(p) => {
                // Additions are counted by posting month; disposals by status (the list has no disposal-date filter).
                const month = p.name ? dayjs(`${p.name}-01`) : undefined;
                if (p.seriesName === t('处置', 'Disposals')) toCards({ status: ['disposed'] });
                else if (month?.isValid())
                  toCards({ postedFrom: month.format('YYYY-MM-DD'), postedTo: month.endOf('month').format('YYYY-MM-DD') });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('各单位闲置率与超标准配置', 'Idle rate and over-standard holdings per unit')}>
            <EChart
              option={idle}
              onClick={(p) => p.dataIndex !== undefined && toCards({ unitId: units[p.dataIndex].unitId, useMode: 'idle' })}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('待我审批', 'Waiting for me')}>
            <List
              size="small"
              dataSource={data?.waiting ?? []}
              locale={{ emptyText: t('暂无待办', 'Nothing waiting') }}
              renderItem={(d) => (
                <List.Item>
                  <Link to={`/documents/${d.id}`}>{d.title}</Link>
                  <span>{formatDateTime(d.createdAt)}</span>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
