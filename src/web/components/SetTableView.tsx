import { Descriptions, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { formatYuan } from '../../shared/money.ts';
import type { ReportCover, SetRow, SetTable } from '../../shared/reportset.contracts.ts';
import { useI18n } from '../app/i18n.tsx';

const fmt = (kind: string, v: unknown) => {
  if (kind === 'text') return (v as string) ?? '';
  const n = Number(v ?? 0);
  if (kind === 'fen') return formatYuan(n);
  if (kind === 'area') return n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return n.toLocaleString('zh-CN');
};

/** One table of the report set: the unit merged down its rows, 小计 and the one 合计 in bold; money in yuan. */
export function SetTableView({
  table,
  small,
  size = 'small',
}: {
  table: SetTable;
  small?: boolean;
  /** The row density (the user's list setting on screen). */
  size?: 'small' | 'middle' | 'large';
}) {
  const { t } = useI18n();
  if (table.pending) return <Typography.Text type="secondary">{table.pending}</Typography.Text>;
  // The unit's name spans its block of rows (its lines and 小计); the 合计 stands alone.
  const spans = table.rows.map((r, i) => {
    if (i > 0 && r.kind !== 'total' && table.rows[i - 1].unitId === r.unitId && table.rows[i - 1].kind !== 'total') return 0;
    let n = 1;
    while (r.kind !== 'total' && i + n < table.rows.length && table.rows[i + n].unitId === r.unitId && table.rows[i + n].kind !== 'total')
      n++;
    return n;
  });
  const leaf = (c: SetTable['columns'][number]) => ({
    key: c.key,
    title: c.label,
    align: c.kind === 'text' ? ('left' as const) : ('right' as const),
    render: (_: unknown, r: SetRow) => {
      const text = fmt(c.kind, r.cells[c.key]);
      return r.kind === 'row' ? text : <strong>{text}</strong>;
    },
  });
  const columns: ColumnsType<SetRow> = [
    {
      key: 'unit',
      title: t('单位', 'Unit'),
      fixed: 'left',
      width: 160,
      onCell: (_r, i) => ({ rowSpan: spans[i ?? 0] }),
      render: (_: unknown, r: SetRow) => (r.kind === 'total' ? <strong>{r.unitName}</strong> : r.unitName),
    },
  ];
  for (let i = 0; i < table.columns.length; i++) {
    const c = table.columns[i];
    if (!c.group) {
      columns.push(leaf(c));
      continue;
    }
    const group = { key: `g-${c.group}-${i}`, title: c.group, children: [leaf(c)] };
    while (i + 1 < table.columns.length && table.columns[i + 1].group === c.group) group.children.push(leaf(table.columns[++i]));
    columns.push(group);
  }
  return (
    <Table<SetRow>
      size={size}
      bordered
      pagination={false}
      rowKey={(_r) => `${_r.kind}-${_r.unitId}-${Object.values(_r.cells).join('|')}`}
      columns={columns}
      dataSource={table.rows}
      scroll={small ? undefined : { x: 'max-content' }}
    />
  );
}

/** The cover: 编制单位, period, 单位负责人, 财务负责人, 制表人, date printed. */
export function CoverView({ cover }: { cover: ReportCover }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" bordered column={3}>
      <Descriptions.Item label={t('编制单位', 'Reporting unit')}>{cover.unitName}</Descriptions.Item>
      <Descriptions.Item label={t('报表期间', 'Period')}>{cover.period}</Descriptions.Item>
      <Descriptions.Item label={t('打印日期', 'Printed on')}>{cover.printedOn}</Descriptions.Item>
      <Descriptions.Item label={t('单位负责人', 'Head of unit')}>{cover.leaderName || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('财务负责人', 'Head of finance')}>{cover.financeHeadName || '—'}</Descriptions.Item>
      <Descriptions.Item label={t('制表人', 'Prepared by')}>{cover.preparedBy}</Descriptions.Item>
    </Descriptions>
  );
}
