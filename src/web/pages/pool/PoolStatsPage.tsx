import { useState } from 'react';
import { Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import type { PoolStatsMonth, PoolStatsRow } from '../../../shared/pool.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { poolStatsExcelUrl, usePoolStats } from './api.ts';
import { businessDay } from '../../lib/dates.ts';

const yearStart = () => businessDay().startOf('year').format('YYYY-MM-DD');
const today = () => businessDay().format('YYYY-MM-DD');

/** 公物仓统计: in and out of the pool over a period, value reused per unit and in total, savings. */
export default function PoolStatsPage() {
  const { t } = useI18n();
  const [range, setRange] = useState<[string, string]>([yearStart(), today()]);
  const [from, to] = range;
  const { data, isFetching } = usePoolStats(from, to);
  return (
    <>
      <PageHeader
        title={t('公物仓统计', 'Pool statistics')}
        subTitle={t('出入仓、调剂再利用价值、调剂周期、节约资金', 'In and out, value reused, time to reallocation, savings')}
        extra={
          <Space wrap>
            <DatePicker.RangePicker
              value={[dayjs(from), dayjs(to)]}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
              data-testid="stats-range"
            />
            <Button icon={<DownloadOutlined />} href={poolStatsExcelUrl(from, to)} data-testid="stats-excel">
              {t('导出 Excel', 'Export Excel')}
            </Button>
            <Link to={`/pool/stats/print?from=${from}&to=${to}`} target="_blank">
              <Button icon={<PrinterOutlined />}>{t('打印', 'Print')}</Button>
            </Link>
          </Space>
        }
      />
      {data && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {(
            [
              [t('入仓件数', 'Items in'), data.inItems],
              [t('调剂出仓', 'Transferred out'), data.outTransferred],
              [t('借出', 'Lent'), data.outLent],
              [t('撤回', 'Withdrawn'), data.outWithdrawn],
              [t('打包处置', 'Disposed in lots'), data.outDisposed],
              [t('平均调剂周期（天）', 'Avg. days to reallocation'), data.avgDaysToReallocation ?? '—'],
              [t('调剂周期中位数（天）', 'Median days to reallocation'), data.medianDaysToReallocation ?? '—'],
            ] as const
          ).map(([label, value]) => (
            <Col key={label} xs={12} md={4}>
              <Card size="small">
                <Statistic title={label} value={value} />
              </Card>
            </Col>
          ))}
          {(
            [
              [t('调剂再利用净值', 'Net value reused'), data.reusedNetFen, 'stat-reused'],
              [t('少购置金额（调入资产原值）', 'Purchases avoided'), data.avoidedPurchaseFen, 'stat-avoided'],
              [t('维修再利用费用', 'Repair costs'), data.repairCostFen, 'stat-repair'],
              [t('节约资金', 'Savings'), data.savingsFen, 'stat-savings'],
              [t('处置收入', 'Disposal income'), data.disposalIncomeFen, 'stat-income'],
            ] as const
          ).map(([label, fen, id]) => (
            <Col key={id} xs={12} md={4}>
              <Card size="small">
                <Statistic title={label} valueRender={() => <Money fen={fen} />} data-testid={id} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Table<PoolStatsRow>
        rowKey="unitId"
        size="small"
        loading={isFetching}
        pagination={false}
        dataSource={data?.items ?? []}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('入仓件数', 'Offered'), dataIndex: 'offered', align: 'right', width: 90 },
          { title: t('入仓净值', 'Offered value'), dataIndex: 'offeredFen', align: 'right', width: 130, render: (v) => <Money fen={v} /> },
          { title: t('调出', 'Given'), dataIndex: 'given', align: 'right', width: 70 },
          { title: t('调入', 'Taken'), dataIndex: 'taken', align: 'right', width: 70 },
          { title: t('再利用净值', 'Reused'), dataIndex: 'reusedNetFen', align: 'right', width: 130, render: (v) => <Money fen={v} /> },
          {
            title: t('少购置金额', 'Purchases avoided'),
            dataIndex: 'avoidedPurchaseFen',
            align: 'right',
            width: 130,
            render: (v) => <Money fen={v} />,
          },
          {
            title: t('平均调剂周期（天）', 'Avg. days'),
            dataIndex: 'avgDaysToReallocation',
            align: 'right',
            width: 120,
            render: (v) => v ?? '—',
          },
          {
            title: t('周期中位数（天）', 'Median days'),
            dataIndex: 'medianDaysToReallocation',
            align: 'right',
            width: 120,
            render: (v) => v ?? '—',
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('按月', 'By month')}
      </Typography.Title>
      <Table<PoolStatsMonth>
        rowKey="month"
        size="small"
        loading={isFetching}
        pagination={false}
        dataSource={data?.months ?? []}
        data-testid="stats-months"
        columns={[
          { title: t('月份', 'Month'), dataIndex: 'month', width: 100 },
          { title: t('入仓件数', 'In'), dataIndex: 'inItems', align: 'right' },
          { title: t('调剂出仓', 'Transferred out'), dataIndex: 'outTransferred', align: 'right' },
          { title: t('借出', 'Lent'), dataIndex: 'outLent', align: 'right' },
          { title: t('再利用净值', 'Reused'), dataIndex: 'reusedNetFen', align: 'right', render: (v) => <Money fen={v} /> },
        ]}
      />
    </>
  );
}
