// The income tables of the monthly set (docs/domain.md §7, §4a): 出租出借收入 (月06表) and 资产处置及
// 收入 (月07表). The income figures are the income work's own (incomeByUnitSql: received on the day the
// document was executed, turned over on the day the books took it), so the set and the income report
// agree to the fen: 期初未缴 + 本期取得 − 本期上缴国库 = 期末未缴 on every row.
import { DISPOSAL_METHODS } from '../../../shared/assets.enums.ts';
import type { SetTable } from '../../../shared/reportset.contracts.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { disposalsByMethod, incomeByKind, type UnitFilter } from './reportset.queries.ts';
import { col, type Line, withTotals } from './reportset.rows.ts';

type Units = { id: string; name: string }[];
type IncomeRow = Awaited<ReturnType<typeof incomeByKind>>[number];

const INCOME_GROUP = '收入（元）';
const incomeColumns = () => [
  col('documents', '本期取得笔数', 'count', INCOME_GROUP),
  col('opening', '期初未缴', 'fen', INCOME_GROUP),
  col('received', '本期取得', 'fen', INCOME_GROUP),
  col('turnedOver', '本期上缴国库', 'fen', INCOME_GROUP),
  col('closing', '期末未缴', 'fen', INCOME_GROUP),
  col('overdue', '其中：逾期未缴', 'fen', INCOME_GROUP),
];
const incomeCells = (r: IncomeRow | undefined) => ({
  documents: r?.documents ?? 0,
  opening: r?.opening_fen ?? 0,
  received: r?.received_fen ?? 0,
  turnedOver: r?.turned_over_fen ?? 0,
  closing: r?.closing_fen ?? 0,
  overdue: r?.overdue_fen ?? 0,
});

/** 出租收入 before 出借收入, then any other kind a lending type may give. */
const LENDING_ORDER = ['出租收入', '出借收入'];
const rank = (order: string[], k: string) => (order.includes(k) ? order.indexOf(k) : order.length);

export async function rentalIncomeTable(q: Queryable, f: UnitFilter, month: string, units: Units): Promise<SetTable> {
  const columns = [col('source', '收入类别', 'text'), ...incomeColumns()];
  const rows = (await incomeByKind(q, f, month, 'lending')).sort((a, b) => rank(LENDING_ORDER, a.kind) - rank(LENDING_ORDER, b.kind));
  const lines: Line[] = rows.map((r) => ({ unitId: r.unit_id, cells: { source: r.kind, ...incomeCells(r) } }));
  return {
    key: 'rental_income',
    code: '月06表',
    title: '出租出借收入情况表',
    note: '金额单位：元；本期取得按出租出借单据执行日，上缴国库按入账日（已结账月份的补缴记入次月）；期初未缴＋本期取得－本期上缴国库＝期末未缴',
    columns,
    rows: withTotals(units, lines, columns, 'source'),
  };
}

/** The disposal method an income kind belongs to (the disposal type's words, disposal.doctype); others stand apart. */
const KIND_METHOD: Record<string, string> = { 出售收入: 'sale', 报废残值收入: 'scrap', 置换差价收入: 'swap' };
const METHOD_ORDER = Object.keys(DISPOSAL_METHODS);
const methodLabel = (m: string) =>
  m === '' ? '未填处置方式' : m in DISPOSAL_METHODS ? DISPOSAL_METHODS[m as keyof typeof DISPOSAL_METHODS][0] : `其他（${m}）`;

/**
 * 月07表: per unit and disposal method, what left the books in the month (physical quantity, 原值)
 * beside that method's income (a sale's price, a scrap's salvage, a swap's difference) and its
 * turnover; income of a kind no method names stands on a line of its own.
 */
export async function disposalIncomeTable(q: Queryable, f: UnitFilter, month: string, units: Units): Promise<SetTable> {
  const columns = [
    col('method', '处置方式', 'text'),
    col('n', '数量', 'count', '本期处置'),
    col('v', '原值', 'fen', '本期处置'),
    ...incomeColumns(),
  ];
  const byKey = new Map<string, { unitId: string; method: string; n: number; v: number; income?: IncomeRow }>();
  const at = (unitId: string, method: string) => {
    const k = `${unitId}|${method}`;
    if (!byKey.has(k)) byKey.set(k, { unitId, method, n: 0, v: 0 });
    return byKey.get(k)!;
  };
  for (const d of await disposalsByMethod(q, f, month)) Object.assign(at(d.unit_id, d.method ?? ''), { n: d.n, v: d.v });
  for (const r of await incomeByKind(q, f, month, 'disposal')) at(r.unit_id, KIND_METHOD[r.kind] ?? r.kind).income = r;
  const order = (m: string) => (METHOD_ORDER.includes(m) ? METHOD_ORDER.indexOf(m) : METHOD_ORDER.length);
  const lines: Line[] = [...byKey.values()]
    .sort((a, b) => order(a.method) - order(b.method) || a.method.localeCompare(b.method))
    .map((x) => ({ unitId: x.unitId, cells: { method: methodLabel(x.method), n: x.n, v: x.v, ...incomeCells(x.income) } }));
  return {
    key: 'disposal_income',
    code: '月07表',
    title: '资产处置及收入情况表',
    note: '金额单位：元；本期处置为本月处置出账的卡片（含低值易耗品），数量为实物数量；处置收入按处置单据执行日取得、按入账日上缴国库',
    columns,
    rows: withTotals(units, lines, columns, 'method'),
  };
}
