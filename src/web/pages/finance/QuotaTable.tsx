import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useI18n } from '../../app/i18n.tsx';
import type { QuotaRow, QuotaView } from '../../../shared/reports.contracts.ts';

const count = (n: number) => n.toLocaleString('zh-CN');

/** 数量超标: per unit and allocation standard, the establishment headcount, the quota, what is held and the excess, with totals. */
export function QuotaTable({ data, loading, pagination = true }: { data?: QuotaView; loading?: boolean; pagination?: boolean }) {
  const { t } = useI18n();
  const columns: ColumnsType<QuotaRow> = [
    {
      title: t('单位', 'Unit'),
      dataIndex: 'unitName',
      key: 'unit',
      render: (v: string, r) => (
        <>
          {v}
          {r.classified && (
            <Tag color="orange" style={{ marginLeft: 6 }}>
              {t('涉密', 'Classified')}
            </Tag>
          )}
        </>
      ),
    },
    {
      title: t('配置标准', 'Standard'),
      key: 'standard',
      children: [
        { title: t('编码', 'Code'), dataIndex: 'standardCode', key: 'code' },
        { title: t('名称', 'Name'), dataIndex: 'standardName', key: 'name' },
      ],
    },
    { title: t('编制人数', 'Establishment'), dataIndex: 'headcount', key: 'headcount', align: 'right', render: count },
    {
      title: t('配置比例', 'Ratio'),
      dataIndex: 'ratio',
      key: 'ratio',
      align: 'right',
      render: (v: number) => `${Math.round(v * 1000) / 10}%`,
    },
    {
      title: t('数量', 'Quantity'),
      key: 'qty',
      children: [
        { title: t('限额', 'Allowed'), dataIndex: 'allowed', key: 'allowed', align: 'right', render: count },
        { title: t('现有', 'Held'), dataIndex: 'held', key: 'held', align: 'right', render: count },
        {
          title: t('超标', 'Excess'),
          dataIndex: 'excess',
          key: 'excess',
          align: 'right',
          render: (v: number) =>
            v > 0 ? (
              <Typography.Text type="danger" strong>
                {count(v)}
              </Typography.Text>
            ) : (
              count(v)
            ),
        },
      ],
    },
  ];
  const totals = data?.totals;
  return (
    <Table<QuotaRow>
      size="small"
      bordered
      className="quota-table"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      rowKey={(r) => `${r.unitId}:${r.standardCode}`}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('没有数量超标的配置', 'No holdings over quota') }}
      pagination={pagination ? { defaultPageSize: 50, showTotal: (n) => t(`共 ${n} 项`, `${n} rows`) } : false}
      summary={() =>
        totals && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>
              <strong>{t(`合计（${totals.count} 项）`, `Total (${totals.count})`)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} colSpan={4} />
            <Table.Summary.Cell index={5} align="right">
              <strong>{count(totals.allowed)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              <strong>{count(totals.held)}</strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={7} align="right">
              <strong>{count(totals.excess)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )
      }
    />
  );
}
