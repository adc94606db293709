import { Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Money } from '../../components/Money.tsx';
import { useI18n } from '../../app/i18n.tsx';
import { formatYuan } from '../../../shared/money.ts';
import { ADDITION_KINDS, DISPOSAL_METHODS, label } from '../../../shared/assets.enums.ts';
import type { SummaryRow, SummaryView } from '../../../shared/reports.contracts.ts';

const yuan = (fen: number) => formatYuan(fen);

/** 资产情况表 with grouped headers: opening, additions (by method), reductions (by method), closing. */
export function SummaryTable({ view, loading, onCell }: { view?: SummaryView; loading?: boolean; onCell?: (r: SummaryRow) => void }) {
  const { t, locale } = useI18n();
  const money = (title: string, get: (r: SummaryRow) => number) => ({
    title,
    key: title,
    align: 'right' as const,
    render: (_: unknown, r: SummaryRow) => yuan(get(r)),
  });
  const count = (title: string, get: (r: SummaryRow) => number) => ({
    title,
    key: `${title}n`,
    align: 'right' as const,
    render: (_: unknown, r: SummaryRow) => get(r).toLocaleString(),
  });
  const addMethods = Object.keys(ADDITION_KINDS).filter((m) => view?.total.additions.byMethod[m]) as (keyof typeof ADDITION_KINDS)[];
  const redMethods = Object.keys(DISPOSAL_METHODS).filter((m) => view?.total.reductions.byMethod[m]) as (keyof typeof DISPOSAL_METHODS)[];
  const amounts = (key: 'opening' | 'closing', title: string) => ({
    title,
    key,
    children: [
      count(t('数量', 'Count'), (r) => r[key].count),
      money(t('原值', 'Value'), (r) => r[key].valueFen),
      money(t('累计折旧', 'Accum. depr.'), (r) => r[key].accumulatedFen),
      money(t('净值', 'Net'), (r) => r[key].netFen),
    ],
  });
  const columns: ColumnsType<SummaryRow> = [
    { title: t('单位', 'Unit'), dataIndex: 'unitName', key: 'unit', fixed: 'left', width: 160 },
    {
      title: t('资产类别', 'Category'),
      key: 'cat',
      fixed: 'left',
      width: 160,
      render: (_, r) => (r.categoryCode ? `${r.categoryCode} ${r.categoryName}` : r.categoryName),
    },
    amounts('opening', t('期初', 'Opening')),
    {
      title: t('本期增加', 'Additions'),
      key: 'add',
      children: [
        count(t('数量', 'Count'), (r) => r.additions.count),
        money(t('原值', 'Value'), (r) => r.additions.valueFen),
        ...addMethods.map((m) =>
          money(`${t('其中', 'of which')}：${label(ADDITION_KINDS[m], locale)}`, (r) => r.additions.byMethod[m]?.valueFen ?? 0),
        ),
        money(t('价值增加', 'Value up'), (r) => r.valueIncreaseFen),
        money(t('计提折旧', 'Depreciation'), (r) => r.depreciationFen),
      ],
    },
    {
      title: t('本期减少', 'Reductions'),
      key: 'red',
      children: [
        count(t('数量', 'Count'), (r) => r.reductions.count),
        money(t('原值', 'Value'), (r) => r.reductions.valueFen),
        ...redMethods.map((m) =>
          money(`${t('其中', 'of which')}：${label(DISPOSAL_METHODS[m], locale)}`, (r) => r.reductions.byMethod[m]?.valueFen ?? 0),
        ),
        money(t('价值减少', 'Value down'), (r) => r.valueDecreaseFen),
        money(t('减少累计折旧', 'Accum. depr. out'), (r) => r.reductions.accumulatedFen),
      ],
    },
    amounts('closing', t('期末', 'Closing')),
  ];
  const rows = view ? [...view.rows, view.total] : [];
  const low = view?.lowValue;
  return (
    <>
      {view && view.periodClosed !== 'none' && (
        <div style={{ marginBottom: 8 }} data-testid="period-closed">
          {view.periodClosed === 'all' ? (
            <Tag color="green">{t('已结账', 'Closed')}</Tag>
          ) : (
            <Tag color="gold">{t('部分单位已结账', 'Closed for some units')}</Tag>
          )}
          {view.periodClosed === 'all'
            ? t(
                '本期各月均已结账：数字取自结账时的快照，以后的业务不再改变。',
                'Every month of the period is closed: the figures are those frozen at closing.',
              )
            : t(
                '已结账单位的数字取自结账时的快照，其余单位按当前账面计算。',
                'Closed units read the figures frozen at closing; the others are computed from the books as they stand.',
              )}
        </div>
      )}
      <Table<SummaryRow>
        size="small"
        bordered
        loading={loading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowKey={(r) => `${r.unitId ?? 'total'}|${r.categoryCode}`}
        rowClassName={(r) => (r.unitId === null ? 'report-total-row' : '')}
        onRow={(r) => ({
          onClick: () => r.unitId && onCell?.(r),
          style: r.unitId === null ? { fontWeight: 600 } : { cursor: onCell ? 'pointer' : undefined },
        })}
      />
      {low && (low.opening.count > 0 || low.closing.count > 0) && (
        <div style={{ marginTop: 8 }} data-testid="low-value-line">
          {t('低值易耗品（不计入固定资产合计）：', 'Low-value items (outside the fixed-asset totals): ')}
          {t(`期初 ${low.opening.count} 件 `, `opening ${low.opening.count} items `)}
          <Money fen={low.opening.valueFen} />
          {t(`，期末 ${low.closing.count} 件 `, `, closing ${low.closing.count} items `)}
          <Money fen={low.closing.valueFen} />
        </div>
      )}
    </>
  );
}
