// 国有资产收入 read side (docs/domain.md §4a): every executed document with income (workflow's
// documentIncomeSql), what has been turned over, the balance still due and whether it is overdue.
// Set-based; scoped in the query by the actor's units.
import { type SQL, sql } from 'drizzle-orm';
import {
  type IncomeDetail,
  type IncomeItem,
  type IncomeListQuery,
  type IncomeReport,
  type IncomeReportQuery,
  type IncomeReportRow,
  TURNOVER_DAYS,
  turnoverDueOn,
} from '../../../shared/income.contracts.ts';
import { addDays, monthFromIndex, monthIndex } from '../../../shared/dates.ts';
import type { Page } from '../../../shared/paging.ts';
import { type Actor, can, inScope, scopeIncludes, unitScope } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { documentIncomeSql } from '../workflow/index.ts';

/** The earlier of two dates 'YYYY-MM-DD'. */
const earlier = (a: string, b: string): string => [a, b].sort()[0];

/** The days a period of months covers: its first day, the first day after it, and its last day. */
export function periodDays(from: string, to: string): { fromDay: string; nextDay: string; lastDay: string } {
  const nextDay = `${monthFromIndex(monthIndex(to) + 1)}-01`;
  return { fromDay: `${from}-01`, nextDay, lastDay: addDays(nextDay, -1) };
}

/**
 * The read fragment for reports (the monthly report set reads it): per unit and source ('disposal',
 * 'lending') over the months `from`..`to`, columns unit_id, source, documents (received in the
 * period), opening_fen, received_fen, turned_over_fen, closing_fen and overdue_fen (of the closing
 * balance, what is past its turnover day on `asOf`, default the period's last day or today if
 * earlier). Received by the day the document was executed, turned over by the day the books took
 * it (booked_on). opening + received − turned over = closing, to the fen. Not scoped: the caller
 * puts `inScope('inc.unit_id', …)` on `FROM (${incomeByUnitSql(p)}) inc`. With `byKind`, one row per
 * unit, source and kind (出售收入, 报废残值收入, 出租收入 …: the words the document type gives), with
 * a `kind` column.
 */
export function incomeByUnitSql(p: { from: string; to: string; asOf?: string; byKind?: boolean }): SQL {
  const { fromDay, nextDay, lastDay } = periodDays(p.from, p.to);
  const today = businessToday();
  const asOf = p.asOf ?? earlier(lastDay, today);
  const kind = p.byKind ? sql`, x.kind` : sql``;
  return sql`
    SELECT x.unit_id, x.source${kind},
      count(*) FILTER (WHERE x.received_on >= ${fromDay}::date)::int AS documents,
      coalesce(sum(CASE WHEN x.received_on < ${fromDay}::date THEN x.amount_fen - x.paid_before ELSE 0 END), 0)::bigint AS opening_fen,
      coalesce(sum(CASE WHEN x.received_on >= ${fromDay}::date THEN x.amount_fen ELSE 0 END), 0)::bigint AS received_fen,
      coalesce(sum(x.paid_in), 0)::bigint AS turned_over_fen,
      coalesce(sum(x.amount_fen - x.paid_before - x.paid_in), 0)::bigint AS closing_fen,
      coalesce(sum(CASE WHEN x.received_on + ${TURNOVER_DAYS}::int < ${asOf}::date THEN x.amount_fen - x.paid_before - x.paid_in ELSE 0 END), 0)::bigint AS overdue_fen
    FROM (
      SELECT i.document_id, i.unit_id, i.source, i.kind, i.received_on, i.amount_fen,
        coalesce(sum(t.amount_fen) FILTER (WHERE t.booked_on < ${fromDay}::date), 0) AS paid_before,
        coalesce(sum(t.amount_fen) FILTER (WHERE t.booked_on >= ${fromDay}::date AND t.booked_on < ${nextDay}::date), 0) AS paid_in
      FROM (${documentIncomeSql()}) i LEFT JOIN income_turnovers t ON t.document_id = i.document_id
      WHERE i.received_on < ${nextDay}::date
      GROUP BY i.document_id, i.unit_id, i.source, i.kind, i.received_on, i.amount_fen
    ) x
    GROUP BY x.unit_id, x.source${kind}
    HAVING sum(x.amount_fen - x.paid_before) <> 0 OR sum(x.paid_in) <> 0 OR count(*) FILTER (WHERE x.received_on >= ${fromDay}::date) > 0`;
}

/**
 * The read fragment per document: what has been turned over to the treasury so far for the document
 * whose id is `documentId` (a column, e.g. sql`l.document_id`), all turnovers whatever their month, 0
 * when none; a bigint. The pool's disposal lots show it beside the income the document brought.
 */
export function turnedOverFenSql(documentId: SQL): SQL {
  return sql`coalesce((SELECT sum(t.amount_fen) FROM income_turnovers t WHERE t.document_id = ${documentId}), 0)`;
}

/** Each income document with what has been turned over so far (all turnovers, whatever their month). */
const ITEMS = () => sql`
  SELECT i.document_id, i.doc_no, i.type, i.unit_id, un.name AS unit_name, i.source, i.kind, i.counterparty,
    i.received_on::text AS received_on, i.amount_fen, coalesce(t.paid, 0) AS turned_over_fen
  FROM (${documentIncomeSql()}) i JOIN units un ON un.id = i.unit_id
    LEFT JOIN (SELECT document_id, sum(amount_fen) AS paid FROM income_turnovers GROUP BY document_id) t ON t.document_id = i.document_id`;

interface ItemRow {
  document_id: string;
  doc_no: string;
  type: string;
  unit_id: string;
  unit_name: string;
  source: 'disposal' | 'lending';
  kind: string;
  counterparty: string | null;
  received_on: string;
  amount_fen: string | number;
  turned_over_fen: string | number;
  total?: string | number;
}

function mapItem(r: ItemRow, today = businessToday()): IncomeItem {
  const amountFen = Number(r.amount_fen);
  const turnedOverFen = Number(r.turned_over_fen);
  const outstandingFen = amountFen - turnedOverFen;
  const dueOn = turnoverDueOn(r.received_on);
  return {
    documentId: r.document_id,
    docNo: r.doc_no,
    type: r.type,
    unitId: r.unit_id,
    unitName: r.unit_name,
    source: r.source,
    kind: r.kind,
    counterparty: r.counterparty,
    receivedOn: r.received_on,
    dueOn,
    amountFen,
    turnedOverFen,
    outstandingFen,
    state: outstandingFen === 0 ? 'settled' : dueOn < today ? 'overdue' : 'outstanding',
  };
}

const SORTS: Record<string, string> = {
  receivedOn: 'x.received_on',
  docNo: 'x.doc_no',
  amountFen: 'x.amount_fen',
  outstandingFen: '(x.amount_fen - x.turned_over_fen)',
};

/** The income documents in the actor's scope, filtered by unit, source, state and months received. */
export async function listIncome(q: Queryable, actor: Actor, p: IncomeListQuery): Promise<Page<IncomeItem>> {
  const where: SQL[] = [inScope('x.unit_id', unitScope(actor, 'income.read'))];
  const today = businessToday();
  const overdueBefore = addDays(today, -TURNOVER_DAYS);
  if (p.unitId) where.push(sql`x.unit_id = ${p.unitId}`);
  if (p.source) where.push(sql`x.source = ${p.source}`);
  if (p.from) where.push(sql`x.received_on::date >= ${`${p.from}-01`}::date`);
  if (p.to) where.push(sql`x.received_on::date < ${periodDays(p.to, p.to).nextDay}::date`);
  if (p.state === 'settled') where.push(sql`x.amount_fen = x.turned_over_fen`);
  if (p.state === 'outstanding') where.push(sql`x.amount_fen > x.turned_over_fen`);
  if (p.state === 'overdue') where.push(sql`x.amount_fen > x.turned_over_fen AND x.received_on::date < ${overdueBefore}::date`);
  if (p.q) where.push(sql`(x.doc_no ILIKE ${`%${p.q}%`} OR x.counterparty ILIKE ${`%${p.q}%`} OR x.unit_name ILIKE ${`%${p.q}%`})`);
  const order = sql.raw(`${SORTS[p.sort ?? 'receivedOn']} ${p.order === 'desc' ? 'DESC' : 'ASC'}, x.doc_no`);
  const rows = await query<ItemRow>(
    q,
    sql`SELECT x.*, count(*) OVER () AS total FROM (${ITEMS()}) x WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${order} LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
  );
  return { items: rows.map((r) => mapItem(r, today)), total: Number(rows[0]?.total ?? 0), page: p.page, pageSize: p.pageSize };
}

/** One income document in scope (`scope` SQL over `x.unit_id`), or undefined. */
export async function incomeItem(q: Queryable, documentId: string, scope: SQL): Promise<IncomeItem | undefined> {
  const [row] = await query<ItemRow>(q, sql`SELECT x.* FROM (${ITEMS()}) x WHERE x.document_id = ${documentId} AND ${scope}`);
  return row ? mapItem(row) : undefined;
}

/** An income document with its turnovers; another unit's (or a document without income) answers 404. */
export async function getIncome(q: Queryable, actor: Actor, documentId: string): Promise<IncomeDetail> {
  const item = await incomeItem(q, documentId, inScope('x.unit_id', unitScope(actor, 'income.read')));
  if (!item) throw notFound('收入单据');
  const turnovers = await query<{
    id: string;
    amount_fen: string | number;
    paid_on: string;
    booked_on: string;
    voucher_no: string;
    note: string | null;
    recorded_by_name: string | null;
    recorded_at: Date | string;
  }>(
    q,
    sql`SELECT t.id, t.amount_fen, t.paid_on::text AS paid_on, t.booked_on::text AS booked_on, t.voucher_no, t.note,
      u.display_name AS recorded_by_name, t.recorded_at
    FROM income_turnovers t LEFT JOIN users u ON u.id = t.recorded_by WHERE t.document_id = ${documentId} ORDER BY t.paid_on, t.recorded_at`,
  );
  return {
    ...item,
    turnovers: turnovers.map((t) => ({
      id: t.id,
      amountFen: Number(t.amount_fen),
      paidOn: t.paid_on,
      bookedOn: t.booked_on,
      late: t.booked_on !== t.paid_on,
      voucherNo: t.voucher_no,
      note: t.note,
      recordedByName: t.recorded_by_name,
      recordedAt: new Date(t.recorded_at).toISOString(),
    })),
    canTurnOver:
      item.outstandingFen > 0 && can(actor, 'income.turnover') && scopeIncludes(unitScope(actor, 'income.turnover'), item.unitId),
  };
}

/** Income per unit and source over a period of months, with totals (合计), in the actor's scope. */
export async function incomeReport(q: Queryable, actor: Actor, p: IncomeReportQuery): Promise<IncomeReport> {
  const { lastDay } = periodDays(p.from, p.to);
  const today = businessToday();
  const asOf = earlier(lastDay, today);
  const scope = unitScope(actor, 'income.read');
  const rows = await query<{
    unit_id: string;
    unit_name: string;
    source: 'disposal' | 'lending';
    documents: number;
    opening_fen: string;
    received_fen: string;
    turned_over_fen: string;
    closing_fen: string;
    overdue_fen: string;
  }>(
    q,
    sql`SELECT inc.*, un.name AS unit_name FROM (${incomeByUnitSql({ from: p.from, to: p.to, asOf })}) inc JOIN units un ON un.id = inc.unit_id
    WHERE ${inScope('inc.unit_id', scope)} ${p.unitId ? sql`AND inc.unit_id = ${p.unitId}` : sql``}
    ORDER BY un.sort, un.code, inc.source`,
  );
  const mapped: IncomeReportRow[] = rows.map((r) => ({
    unitId: r.unit_id,
    unitName: r.unit_name,
    source: r.source,
    documents: Number(r.documents),
    openingFen: Number(r.opening_fen),
    receivedFen: Number(r.received_fen),
    turnedOverFen: Number(r.turned_over_fen),
    closingFen: Number(r.closing_fen),
    overdueFen: Number(r.overdue_fen),
  }));
  const sum = (k: 'documents' | 'openingFen' | 'receivedFen' | 'turnedOverFen' | 'closingFen' | 'overdueFen') =>
    mapped.reduce((s, r) => s + r[k], 0);
  // 编制单位: the unit's own name for one unit's report, the committee's for several (never "全部单位").
  const one = p.unitId ?? (scope !== 'all' && scope.length === 1 ? scope[0] : undefined);
  const [u] = await query<{ name: string }>(
    q,
    one ? sql`SELECT name FROM units WHERE id = ${one}` : sql`SELECT name FROM units WHERE kind = 'committee' ORDER BY code LIMIT 1`,
  );
  const preparedBy = u?.name ?? '';
  return {
    from: p.from,
    to: p.to,
    asOf,
    preparedBy,
    rows: mapped,
    totals: {
      documents: sum('documents'),
      openingFen: sum('openingFen'),
      receivedFen: sum('receivedFen'),
      turnedOverFen: sum('turnedOverFen'),
      closingFen: sum('closingFen'),
      overdueFen: sum('overdueFen'),
    },
  };
}
