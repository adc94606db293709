import { sql } from 'drizzle-orm';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import type { z } from 'zod';
import type { DepreciationRunView, PreviewView, WorkloadsSave } from '../../../shared/finance.contracts.ts';
import { type Actor, assertInScope, inScope, unitScope } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { businessMonth } from '../../platform/clock.ts';
import { applyDepreciation, type ChargeRow, previewCharges } from './depreciation.charges.ts';
import { booksOf, closeMonthForUnits, runRefusal } from './period.service.ts';

/** 'YYYY-MM' ⇄ the month's first day, as stored. */
export const monthStart = (month: string) => `${month}-01`;
const toMonth = (d: string) => d.slice(0, 7);

interface RunRow {
  id: string;
  unit_id: string;
  unit_name: string;
  month: string;
  status: 'open' | 'closed';
  card_count: number;
  total_fen: number;
  run_by: string | null;
  run_at: Date | string;
  closed_at: Date | string | null;
}
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const runView = (r: RunRow): DepreciationRunView => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  month: toMonth(r.month),
  status: r.status,
  cardCount: r.card_count,
  totalFen: Number(r.total_fen),
  runBy: r.run_by,
  runAt: iso(r.run_at)!,
  closedAt: iso(r.closed_at),
});

export const chargeView = (c: ChargeRow) => ({
  cardId: c.card_id,
  cardNo: c.card_no,
  name: c.name,
  method: c.method,
  originalValueFen: Number(c.original_value_fen),
  usefulLifeMonths: c.useful_life_months,
  accumulatedBeforeFen: Number(c.accumulated_before_fen),
  amountFen: Number(c.amount_fen),
  monthlyFen: Number(c.monthly_fen),
  months: c.months,
  workload: c.workload === null ? null : Number(c.workload),
});

export async function listRuns(q: Queryable, actor: Actor, filter: { unitId?: string; month?: string }): Promise<DepreciationRunView[]> {
  const scope = unitScope(actor, 'depreciation.read');
  const rows = await query<RunRow>(
    q,
    sql`
    SELECT r.id, r.unit_id, u.name AS unit_name, r.month, r.status, r.card_count, r.total_fen, ru.display_name AS run_by, r.run_at, r.closed_at
    FROM depreciation_runs r JOIN units u ON u.id = r.unit_id LEFT JOIN users ru ON ru.id = r.run_by
    WHERE ${inScope('r.unit_id', scope)}
      ${filter.unitId ? sql`AND r.unit_id = ${filter.unitId}` : sql``}
      ${filter.month ? sql`AND r.month = ${monthStart(filter.month)}::date` : sql``}
    ORDER BY r.month DESC, u.sort, u.code LIMIT 500`,
  );
  return rows.map(runView);
}

export async function getRun(
  q: Queryable,
  actor: Actor,
  id: string,
  permission: 'depreciation.read' | 'depreciation.close' = 'depreciation.read',
): Promise<DepreciationRunView> {
  const row = await queryOne<RunRow>(
    q,
    sql`
    SELECT r.id, r.unit_id, u.name AS unit_name, r.month, r.status, r.card_count, r.total_fen, ru.display_name AS run_by, r.run_at, r.closed_at
    FROM depreciation_runs r JOIN units u ON u.id = r.unit_id LEFT JOIN users ru ON ru.id = r.run_by
    WHERE r.id = ${id} AND ${inScope('r.unit_id', unitScope(actor, permission))}`,
  );
  if (!row) throw new AppError('not_found', '折旧记录不存在');
  return runView(row);
}

export async function runEntries(q: Queryable, actor: Actor, id: string, page: number, pageSize: number) {
  await getRun(q, actor, id);
  const [{ n }] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM depreciation_entries WHERE run_id = ${id}`);
  const rows = await query<ChargeRow>(
    q,
    sql`
    SELECT e.card_id, c.card_no, c.name, e.category_id, e.method, e.original_value_fen, e.useful_life_months,
           e.accumulated_before_fen, e.amount_fen, e.monthly_fen, e.months, e.workload
    FROM depreciation_entries e JOIN cards c ON c.id = e.card_id
    WHERE e.run_id = ${id} ORDER BY c.card_no LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  return { items: rows.map(chargeView), total: n };
}

/** What running the month would charge, without writing; an open month shows what a re-run would charge. */
export async function previewMonth(q: Queryable, actor: Actor, unitId: string, month: string): Promise<PreviewView> {
  assertInScope(unitId, unitScope(actor, 'depreciation.read'), '单位');
  const existing = await queryOne<{ id: string; status: string }>(
    q,
    sql`SELECT id, status FROM depreciation_runs WHERE unit_id = ${unitId} AND month = ${monthStart(month)}::date`,
  );
  const rows = await previewCharges(q, unitId, monthStart(month), existing?.status === 'open' ? [existing.id] : []);
  return {
    unitId,
    month,
    cardCount: rows.length,
    totalFen: rows.reduce((s, r) => s + Number(r.amount_fen), 0),
    items: rows.slice(0, 500).map(chargeView),
    closed: existing?.status === 'closed',
  };
}

export interface MonthRunResult {
  month: string;
  units: { unitId: string; runId?: string; cardCount?: number; totalFen?: number; skipped?: string }[];
  totalFen: number;
}

/**
 * Runs `month` for the units in one transaction: a few statements for all of them together, so a
 * month over every card is one pass over the cards. An open month is replaced (its entries reversed
 * first); a closed month is skipped; so is a month before one already run for that unit (its
 * charges would rest on figures the earlier re-run changes). With `strict`, a skip is an error.
 */
export async function runMonthForUnits(
  q: Queryable,
  unitIds: string[],
  month: string,
  actorId: string | null,
  progress: (done: number, total: number, msg?: string) => void = () => undefined,
  strict = false,
): Promise<MonthRunResult> {
  const m0 = monthStart(month);
  const steps = 5;
  return withTx(q, async (tx) => {
    // Serialises concurrent runs of the same units (in one order, so two runs cannot deadlock).
    await tx.execute(sql`SELECT id FROM units WHERE id = ANY(${uuidArray(unitIds)}) ORDER BY id FOR UPDATE`);
    const skipped = new Map<string, string>();
    const books = await booksOf(tx, unitIds);
    for (const u of unitIds) {
      const why = runRefusal(books.get(u)!, month);
      if (why && strict) throw new AppError(why.id, why.message);
      if (why) skipped.set(u, why.message);
    }
    const blocked = await query<{ unit_id: string; later: string | null }>(
      tx,
      sql`
      SELECT unit_id, to_char(max(month) FILTER (WHERE month > ${m0}::date), 'YYYY-MM') AS later
      FROM depreciation_runs
      WHERE unit_id = ANY(${uuidArray(unitIds)}) AND (month > ${m0}::date OR (month = ${m0}::date AND status = 'closed'))
      GROUP BY unit_id`,
    );
    for (const b of blocked) {
      if (skipped.has(b.unit_id)) continue;
      const msg = b.later ? `${b.later} 已计提折旧，不能重新计提更早的月份` : `${month} 已结账，不能重新计提`;
      if (strict) throw new AppError(b.later ? 'invalid_transition' : 'locked_period', msg);
      skipped.set(b.unit_id, msg);
    }
    const units = unitIds.filter((u) => !skipped.has(u));
    progress(1, steps, '准备');
    if (units.length > 0) {
      // An open month run again is replaced: its entries are diffed against the new charges, not reversed wholesale.
      const reruns = await query<{ id: string }>(
        tx,
        sql`SELECT id FROM depreciation_runs WHERE unit_id = ANY(${uuidArray(units)}) AND month = ${m0}::date`,
      );
      await tx.execute(sql`
        INSERT INTO depreciation_runs (unit_id, month, run_by) SELECT u, ${m0}::date, ${actorId}::uuid FROM unnest(${uuidArray(units)}) u
        ON CONFLICT (unit_id, month) DO UPDATE SET run_by = excluded.run_by, run_at = now()`);
      progress(2, steps, '计算折旧');
      await applyDepreciation(
        tx,
        units,
        m0,
        reruns.map((r) => r.id),
      );
      progress(4, steps, '计提');
      await tx.execute(sql`
        UPDATE depreciation_runs r SET card_count = coalesce(t.n, 0), total_fen = coalesce(t.total, 0)
        FROM (SELECT u AS unit_id FROM unnest(${uuidArray(units)}) u) x
        LEFT JOIN (SELECT unit_id, count(*)::int AS n, sum(amount_fen) AS total FROM depreciation_entries
                   WHERE month = ${m0}::date AND unit_id = ANY(${uuidArray(units)}) GROUP BY unit_id) t ON t.unit_id = x.unit_id
        WHERE r.unit_id = x.unit_id AND r.month = ${m0}::date`);
      // One digest per run over its entries, chained to the unit's run before (migrations/post/100):
      // the ledger's seal for audit verify; beside it the manifest (150) from the same lines, each
      // entry's card and check, so verify can name the card of a changed entry. One read of the new entries.
      const line = sql`depreciation_entry_line(e.card_id, e.unit_id, e.category_id, e.month, e.months, e.amount_fen, e.monthly_fen,
            e.original_value_fen, e.useful_life_months, e.accumulated_before_fen, e.accumulated_after_fen, e.method, e.workload)`;
      await tx.execute(sql`
        UPDATE depreciation_runs r SET digest = depreciation_run_digest(
          (SELECT p.digest FROM depreciation_runs p WHERE p.unit_id = r.unit_id AND p.month < r.month ORDER BY p.month DESC LIMIT 1),
          coalesce(s.body, '')), entry_cards = coalesce(s.cards, '{}'), entry_checks = coalesce(s.checks, '{}')
        FROM depreciation_runs x LEFT JOIN (
          SELECT e.run_id, string_agg(l.line, E'\n' ORDER BY e.card_id) AS body, array_agg(e.card_id) AS cards,
            array_agg(hashtextextended(l.line, 0)) AS checks
          FROM depreciation_entries e CROSS JOIN LATERAL (SELECT ${line} AS line OFFSET 0) l
          WHERE e.unit_id = ANY(${uuidArray(units)}) AND e.month = ${m0}::date GROUP BY e.run_id
        ) s ON s.run_id = x.id
        WHERE r.id = x.id AND x.unit_id = ANY(${uuidArray(units)}) AND x.month = ${m0}::date`);
    }
    const runs = units.length
      ? await query<{ id: string; unit_id: string; card_count: number; total_fen: number }>(
          tx,
          sql`
      SELECT id, unit_id, card_count, total_fen FROM depreciation_runs WHERE unit_id = ANY(${uuidArray(units)}) AND month = ${m0}::date`,
        )
      : [];
    progress(steps, steps);
    const byUnit = new Map(runs.map((r) => [r.unit_id, r]));
    const results = unitIds.map((unitId) => {
      const r = byUnit.get(unitId);
      return r ? { unitId, runId: r.id, cardCount: r.card_count, totalFen: Number(r.total_fen) } : { unitId, skipped: skipped.get(unitId) };
    });
    return { month, units: results, totalFen: results.reduce((s, r) => s + (r.totalFen ?? 0), 0) };
  });
}

/** One unit's month; a closed month or a later run is an error. */
export async function runMonth(
  q: Queryable,
  unitId: string,
  month: string,
  actorId: string | null,
): Promise<{ runId: string; cardCount: number; totalFen: number }> {
  const res = await runMonthForUnits(q, [unitId], month, actorId, undefined, true);
  const u = res.units[0];
  return { runId: u.runId!, cardCount: u.cardCount!, totalFen: u.totalFen! };
}

/** The units a run request covers: the one named (404 outside the scope), or all in scope. */
export async function unitsToRun(q: Queryable, actor: Actor, unitId?: string): Promise<string[]> {
  const scope = unitScope(actor, 'depreciation.run');
  if (unitId) {
    assertInScope(unitId, scope, '单位');
    const u = await queryOne<{ id: string }>(q, sql`SELECT id FROM units WHERE id = ${unitId}`);
    if (!u) throw new AppError('not_found', '单位不存在');
    return [unitId];
  }
  const rows = await query<{ id: string }>(q, sql`SELECT id FROM units WHERE active AND ${inScope('id', scope)} ORDER BY sort, code`);
  return rows.map((r) => r.id);
}

/**
 * Refuses up front, instead of failing inside the job: a future month always; a closed or
 * taken-over month when one unit is named (for all units such a unit is skipped and said why).
 */
export async function assertOpen(q: Queryable, unitIds: string[], month: string): Promise<void> {
  const current = businessMonth();
  if (month > current) throw new AppError('invalid_transition', `${month} 尚未到来，不能计提（当前月份 ${current}）`);
  if (unitIds.length !== 1) return;
  const why = runRefusal((await booksOf(q, unitIds)).get(unitIds[0])!, month);
  if (why) throw new AppError(why.id, why.message);
  const closed = await queryOne(
    q,
    sql`SELECT 1 FROM depreciation_runs WHERE unit_id = ${unitIds[0]} AND month = ${monthStart(month)}::date AND status = 'closed'`,
  );
  if (closed) throw new AppError('locked_period', `${month} 已结账，不能重新计提`);
}

/** Closes a run's month for its unit: the same rules as closing the month (结账). */
export async function closeRun(q: Queryable, actor: Actor, id: string): Promise<DepreciationRunView> {
  const run = await getRun(q, actor, id, 'depreciation.close');
  if (run.status === 'closed') throw new AppError('invalid_transition', '该月份已结账');
  await closeMonthForUnits(q, actor.userId, [run.unitId], run.month, true);
  return getRun(q, actor, id);
}

export async function listWorkloads(q: Queryable, actor: Actor, unitId: string, month: string) {
  assertInScope(unitId, unitScope(actor, 'depreciation.read'), '单位');
  const rows = await query<{
    card_id: string;
    card_no: string;
    name: string;
    total_workload: number | null;
    done_before: number;
    workload: number | null;
  }>(
    q,
    sql`
    SELECT c.id AS card_id, c.card_no, c.name, c.total_workload,
      coalesce((SELECT sum(e.workload) FROM depreciation_entries e WHERE e.card_id = c.id AND e.month < ${monthStart(month)}::date), 0) AS done_before,
      w.workload
    FROM cards c LEFT JOIN depreciation_workloads w ON w.card_id = c.id AND w.month = ${monthStart(month)}::date
    WHERE c.unit_id = ${unitId} AND c.depreciation_method = 'units_of_production' AND c.posted_on IS NOT NULL AND c.disposed_on IS NULL
    ORDER BY c.card_no LIMIT 5000`,
  );
  return {
    items: rows.map((r) => ({
      cardId: r.card_id,
      cardNo: r.card_no,
      name: r.name,
      totalWorkload: r.total_workload,
      doneBefore: Number(r.done_before),
      workload: r.workload,
    })),
  };
}

export async function saveWorkloads(q: Queryable, actor: Actor, unitId: string, body: z.infer<typeof WorkloadsSave>) {
  const scope = unitScope(actor, 'depreciation.run');
  assertInScope(unitId, scope, '单位');
  return withTx(q, async (tx) => {
    const closedThrough = (await booksOf(tx, [unitId])).get(unitId)!.closedThrough;
    const closed = await queryOne(
      tx,
      sql`SELECT 1 FROM depreciation_runs WHERE unit_id = ${unitId} AND month = ${monthStart(body.month)}::date AND status = 'closed'`,
    );
    if (closed || (closedThrough && body.month <= closedThrough))
      throw new AppError('locked_period', `${body.month} 已结账，工作量不能修改`);
    if (body.items.length === 0) return { saved: 0 };
    const ids = body.items.map((i) => i.cardId);
    // Every card must be this unit's units-of-production card: others answer 404 like any out-of-scope id.
    const ok = await query<{ id: string }>(
      tx,
      sql`SELECT id FROM cards WHERE unit_id = ${unitId} AND depreciation_method = 'units_of_production' AND id IN (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`,
    );
    if (ok.length !== new Set(ids).size) throw new AppError('not_found', '卡片不存在或不按工作量法计提');
    await tx.execute(sql`
      INSERT INTO depreciation_workloads (card_id, unit_id, month, workload, entered_by)
      SELECT (x->>'cardId')::uuid, ${unitId}, ${monthStart(body.month)}::date, (x->>'workload')::numeric, ${actor.userId}
      FROM jsonb_array_elements(${JSON.stringify(body.items)}::jsonb) x
      ON CONFLICT (card_id, month) DO UPDATE SET workload = excluded.workload, entered_by = excluded.entered_by, entered_at = now()`);
    return { saved: body.items.length };
  });
}

/** A card's monthly charges (its depreciation ledger), with the opening balance it came in with. */
export async function cardDepreciation(q: Queryable, actor: Actor, cardId: string) {
  const card = await queryOne<{
    unit_id: string;
    acc: number;
    opening_month: string | null;
    opening_months: number | null;
    recognized_on: string | null;
  }>(
    q,
    sql`
    SELECT unit_id, accumulated_depreciation_fen AS acc, opening_month::text, opening_depreciated_months AS opening_months, recognized_on::text FROM cards WHERE id = ${cardId}`,
  );
  if (!card) throw new AppError('not_found', '卡片不存在');
  assertInScope(card.unit_id, unitScope(actor, 'depreciation.read'), '卡片');
  const rows = await query<{
    month: string;
    amount_fen: number;
    accumulated_before_fen: number;
    accumulated_after_fen: number;
    months: number;
    status: 'open' | 'closed';
  }>(
    q,
    sql`
    SELECT e.month, e.amount_fen, e.accumulated_before_fen, e.accumulated_after_fen, e.months, r.status FROM depreciation_entries e JOIN depreciation_runs r ON r.id = e.run_id
    WHERE e.card_id = ${cardId} ORDER BY e.month`,
  );
  const c = card;
  return {
    items: rows.map((r) => ({
      month: toMonth(r.month),
      amountFen: Number(r.amount_fen),
      accumulatedAfterFen: Number(r.accumulated_after_fen),
      months: r.months,
      status: r.status,
    })),
    opening: c.opening_month
      ? {
          month: toMonth(c.opening_month),
          months: c.opening_months ?? 0,
          // As brought in: the first charge's balance before it (or the card's own, before any charge).
          accumulatedFen: Number(rows.length ? rows[0].accumulated_before_fen : c.acc),
        }
      : null,
    recognizedOn: c.recognized_on,
    monthsDone: (c.opening_months ?? 0) + rows.reduce((s, r) => s + r.months, 0),
  };
}
