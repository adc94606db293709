import { useState } from 'react';
import { Button, DatePicker, Progress, Space, Table, Typography } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import * as sharingApi from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { Money } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CodeTag } from '../../components/StatusTag.tsx';
import { RESOURCE_KINDS, type UsageRow } from '../../../shared/sharing.contracts.ts';
import { ChargesSection } from './ChargesSection.tsx';
import { clockOf, dayOf } from './sharing.hooks.ts';
import { businessDay } from '../../lib/dates.ts';

/** 使用统计与收费: per unit and resource for a month, with utilisation per resource and an Excel file. */
export default function UsagePage() {
  const { t } = useI18n();
  const [month, setMonth] = useState(businessDay().format('YYYY-MM'));
  const usage = useQuery({ queryKey: ['sharing-usage', month], queryFn: () => sharingApi.usage(month) });
  const trips = useQuery({ queryKey: ['sharing-trips', month], queryFn: () => sharingApi.trips(month) });
  const totals = usage.data?.totals;
  return (
    <div>
      <PageHeader
        title={t('使用统计与收费', 'Usage and charges')}
        subTitle={t(
          '按预订开始的月份统计已确认的预订；费用按预订时的单价计到分',
          'Confirmed bookings by the month they start; charges at the rate when booked, to the fen',
        )}
      />
      <Space style={{ marginBottom: 12 }}>
        <DatePicker picker="month" allowClear={false} value={dayjs(`${month}-01`)} onChange={(d) => d && setMonth(d.format('YYYY-MM'))} />
        <Button icon={<FileExcelOutlined />} href={`/api/sharing/usage.xlsx?month=${month}`} data-testid="usage-export">
          {t('导出 Excel', 'Export to Excel')}
        </Button>
      </Space>
      <Table<UsageRow>
        rowKey={(r) => `${r.unitId}-${r.resourceId}`}
        size="small"
        loading={usage.isLoading}
        dataSource={usage.data?.rows ?? []}
        pagination={false}
        columns={[
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('资源', 'Resource'), dataIndex: 'resourceName' },
          { title: t('类型', 'Kind'), dataIndex: 'resourceKind', render: (k: string) => <CodeTag code={k} vocabulary={RESOURCE_KINDS} /> },
          { title: t('次数', 'Bookings'), dataIndex: 'bookings', align: 'right' },
          { title: t('小时', 'Hours'), dataIndex: 'minutes', align: 'right', render: (m: number) => (m / 60).toFixed(1) },
          { title: t('里程（公里）', 'km'), dataIndex: 'km', align: 'right' },
          { title: t('使用费', 'Charge'), dataIndex: 'chargeFen', align: 'right', render: (f: number) => <Money fen={f} /> },
          { title: t('行车费用', 'Trip costs'), dataIndex: 'tripCostFen', align: 'right', render: (f: number) => <Money fen={f} /> },
        ]}
        summary={() =>
          totals ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                <Typography.Text strong>{t('合计', 'Total')}</Typography.Text>
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {totals.bookings}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {(totals.minutes / 60).toFixed(1)}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {totals.km}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                <Money fen={totals.chargeFen} />
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                <Money fen={totals.tripCostFen} />
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('利用率（预订小时 ÷ 开放小时）', 'Utilisation (booked ÷ open hours)')}
      </Typography.Title>
      <Table
        rowKey="resourceId"
        size="small"
        dataSource={usage.data?.utilisation ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('资源', 'Resource'), dataIndex: 'resourceName' },
          { title: t('预订小时', 'Booked h'), dataIndex: 'bookedMinutes', align: 'right', render: (m: number) => (m / 60).toFixed(1) },
          { title: t('开放小时', 'Open h'), dataIndex: 'openMinutes', align: 'right', render: (m: number) => (m / 60).toFixed(1) },
          {
            title: t('利用率', 'Utilisation'),
            dataIndex: 'ratio',
            width: 220,
            render: (r: number) => <Progress percent={Math.round(r * 1000) / 10} size="small" />,
          },
        ]}
      />
      <Space style={{ marginTop: 24, marginBottom: 8 }} align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('公务用车使用情况公示', 'Official vehicle trips (publication)')}
        </Typography.Title>
        <Button size="small" icon={<FileExcelOutlined />} href={`/api/sharing/trips.xlsx?month=${month}`} data-testid="trips-export">
          {t('导出公示表', 'Export')}
        </Button>
        {trips.data && (
          <Typography.Text type="secondary">
            {t(
              `共 ${trips.data.totals.trips} 次，${trips.data.totals.km} 公里，费用 ${(trips.data.totals.costFen / 100).toFixed(2)} 元`,
              `${trips.data.totals.trips} trips, ${trips.data.totals.km} km, ¥${(trips.data.totals.costFen / 100).toFixed(2)}`,
            )}
          </Typography.Text>
        )}
      </Space>
      <Table
        rowKey="bookingNo"
        size="small"
        loading={trips.isLoading}
        dataSource={trips.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        data-testid="trips-table"
        columns={[
          { title: t('单号', 'No.'), dataIndex: 'bookingNo' },
          {
            title: t('时间', 'Time'),
            key: 'time',
            render: (_, r) => `${dayOf(r.startsAt)} ${clockOf(r.startsAt)}–${clockOf(r.endsAt)}`,
          },
          { title: t('车辆', 'Vehicle'), dataIndex: 'vehicleName' },
          { title: t('用车单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('事由', 'Reason'), dataIndex: 'reason' },
          { title: t('目的地', 'Destination'), dataIndex: 'destination' },
          { title: t('驾驶员', 'Driver'), dataIndex: 'driver' },
          { title: t('里程（公里）', 'km'), dataIndex: 'km', align: 'right' },
          {
            title: t('费用', 'Cost'),
            dataIndex: 'costFen',
            align: 'right',
            render: (f: number | null) => (f === null ? '' : <Money fen={f} />),
          },
        ]}
      />
      <ChargesSection month={month} />
    </div>
  );
}
