import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { formatYuan } from '../../../shared/money.ts';
import { ACQUISITION_METHODS, DISPOSAL_METHODS, label } from '../../../shared/assets.enums.ts';
import type { ListKind, ListRow } from '../../../shared/reports.contracts.ts';

export interface ListData {
  items: ListRow[];
  total: number;
  totals: { originalValueFen: number; accumulatedFen: number; netFen: number; periodFen: number };
  periodClosed?: 'all' | 'some' | 'none';
}

/** The detail lists' columns, with the kind's own column and a totals row. */
export function ListTable({
  kind,
  data,
  loading,
  pagination,
}: {
  kind: ListKind;
  data?: ListData;
  loading?: boolean;
  pagination?: false | { current: number; pageSize: number; onChange: (p: number, s: number) => void };
}) {
  const { t, locale } = useI18n();
  const money = (title: string, key: keyof ListRow) => ({
    title,
    key,
    align: 'right' as const,
    render: (_: unknown, r: ListRow) => formatYuan((r[key] as number) ?? 0),
  });
  const methodLabel = (m: string | null) => {
    const v = (kind === 'disposals' ? DISPOSAL_METHODS : ACQUISITION_METHODS) as Record<string, readonly [string, string]>;
    return m && v[m] ? label(v[m], locale) : (m ?? '');
  };
  const columns: ColumnsType<ListRow> = [
    {
      title: t('卡片编号', 'Card no.'),
      dataIndex: 'cardNo',
      key: 'no',
      render: (v: string, r) => <Link to={`/cards/${r.cardId}`}>{v}</Link>,
    },
    { title: t('资产名称', 'Name'), dataIndex: 'name', key: 'name' },
    { title: t('单位', 'Unit'), dataIndex: 'unitName', key: 'unit' },
    { title: t('资产类别', 'Category'), dataIndex: 'categoryName', key: 'cat' },
    { title: t('状态', 'Status'), dataIndex: 'status', key: 'status', render: (s: string) => <StatusTag status={s} /> },
    { title: t('入账日期', 'Posted'), dataIndex: 'postedOn', key: 'posted' },
    ...(kind === 'disposals' ? [{ title: t('处置日期', 'Disposed'), dataIndex: 'disposedOn', key: 'disp' }] : []),
    ...(kind === 'additions' || kind === 'disposals'
      ? [{ title: t('方式', 'Method'), key: 'method', render: (_: unknown, r: ListRow) => methodLabel(r.method) }]
      : []),
    ...(kind === 'rented_lent' ? [{ title: t('对方单位', 'Counterparty'), dataIndex: 'counterparty', key: 'cp' }] : []),
    ...(kind === 'vehicles' ? [{ title: t('车牌号', 'Plate'), dataIndex: 'plate', key: 'plate' }] : []),
    ...(kind === 'buildings_land' ? [{ title: t('面积(㎡)', 'Area (m²)'), dataIndex: 'area', key: 'area' }] : []),
    ...(kind === 'past_min_life' ? [{ title: t('使用年限(月)', 'Life (months)'), dataIndex: 'usefulLifeMonths', key: 'life' }] : []),
    money(t('原值', 'Value'), 'originalValueFen'),
    money(t('累计折旧', 'Accum. depr.'), 'accumulatedFen'),
    money(t('净值', 'Net'), 'netFen'),
    ...(kind === 'depreciation' ? [money(t('本期折旧', 'Period depr.'), 'periodFen')] : []),
  ];
  const moneyKeys = ['originalValueFen', 'accumulatedFen', 'netFen', 'periodFen'];
  return (
    <Table<ListRow>
      size="small"
      bordered
      rowKey="cardId"
      loading={loading}
      columns={columns}
      dataSource={data?.items ?? []}
      scroll={{ x: 'max-content' }}
      pagination={
        pagination === false
          ? false
          : pagination && { ...pagination, total: data?.total ?? 0, showTotal: (n) => t(`共 ${n} 项`, `${n} items`) }
      }
      summary={() =>
        data && (
          <Table.Summary.Row>
            {columns.map((c, i) => {
              const key = String(c.key);
              const v = moneyKeys.includes(key)
                ? formatYuan(data.totals[key as keyof ListData['totals']])
                : i === 0
                  ? t(`合计（${data.total} 项）`, `Total (${data.total})`)
                  : '';
              return (
                <Table.Summary.Cell key={key} index={i} align={moneyKeys.includes(key) ? 'right' : undefined}>
                  <strong>{v}</strong>
                </Table.Summary.Cell>
              );
            })}
          </Table.Summary.Row>
        )
      }
    />
  );
}
