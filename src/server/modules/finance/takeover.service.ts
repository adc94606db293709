// 期初建账 (docs/domain.md §3, opening balances): a unit's books are taken over from an older system
// as of a month. Its cards come in with 原值, 累计折旧 and 已提折旧月数 as of that month (the import,
// or the opening-balance trigger's defaults); the takeover report shows those balances by category,
// to be ticked against the old system's closing figures; the books open from the month after.
import { sql } from 'drizzle-orm';
import type { TakeoverReport } from '../../../shared/finance.contracts.ts';
import { type Actor, assertInScope, unitScope } from '../../platform/auth/actor.ts';
import { logSecurityEvent } from '../../platform/auth/security-log.ts';
import { businessMonth } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { booksOf, nextMonth } from './period.service.ts';

/**
 * Declares the unit's takeover month. Only before its books have started here (no run, no closed
 * month) and before cards were brought in with balances as of another month.
 */
export async function setTakeover(q: Queryable, actor: Actor, unitId: string, month: string): Promise<{ takeoverMonth: string }> {
  assertInScope(unitId, unitScope(actor, 'books.takeover'), '单位');
  if (month >= businessMonth())
    throw new AppError('validation', `期初建账月份须早于当前月份 ${businessMonth()}`, { month: '期初建账月份须是已结束的月份' });
  return withTx(q, async (tx) => {
    await tx.execute(sql`SELECT id FROM units WHERE id = ${unitId} FOR UPDATE`);
    const b = (await booksOf(tx, [unitId])).get(unitId)!;
    if (b.closedThrough) throw new AppError('locked_period', `该单位已结账至 ${b.closedThrough}，不能再期初建账`);
    const run = await queryOne<{ m: string }>(
      tx,
      sql`SELECT to_char(min(month), 'YYYY-MM') AS m FROM depreciation_runs WHERE unit_id = ${unitId} HAVING count(*) > 0`,
    );
    if (run) throw new AppError('invalid_transition', `该单位已从 ${run.m} 起在本系统计提折旧，不能再期初建账`);
    const other = await queryOne<{ m: string; n: number }>(
      tx,
      sql`
      SELECT to_char(min(opening_month), 'YYYY-MM') AS m, count(*)::int AS n FROM cards
      WHERE unit_id = ${unitId} AND opening_month IS NOT NULL AND opening_month <> ${`${month}-01`}::date HAVING count(*) > 0`,
    );
    if (other) throw new AppError('conflict', `该单位已有 ${other.n} 张卡片按 ${other.m} 的期初余额导入；请先确定期初建账月份再导入卡片`);
    await declareTakeover(tx, [unitId], month, actor.userId);
    await logSecurityEvent(tx, { kind: 'books_takeover', userId: actor.userId, details: { unitId, month } });
    return { takeoverMonth: month };
  });
}

/**
 * Records the takeover month of units whose books have not started (system work: the demo and the
 * benchmark, whose generated cards hold their depreciation through that month).
 */
export async function declareTakeover(q: Queryable, unitIds: string[], month: string, actorId: string | null = null): Promise<void> {
  if (unitIds.length === 0) return;
  await q.execute(sql`
    INSERT INTO unit_books (unit_id, takeover_month, takeover_by, takeover_at)
    SELECT u, ${`${month}-01`}::date, ${actorId}::uuid, now() FROM unnest(${uuidArray(unitIds)}) u
    ON CONFLICT (unit_id) DO UPDATE SET takeover_month = excluded.takeover_month, takeover_by = excluded.takeover_by, takeover_at = now(), updated_at = now()`);
}

interface LineRow {
  code: string;
  name: string;
  n: number;
  qty: number;
  v: number;
  a: number;
}
const line = (r: LineRow) => ({
  categoryCode: r.code,
  categoryName: r.name,
  count: r.n,
  quantity: Number(r.qty),
  originalValueFen: Number(r.v),
  accumulatedFen: Number(r.a),
  netFen: Number(r.v) - Number(r.a),
});

/**
 * The takeover report: the cards brought in as of the takeover month, by major class (the second
 * level of the tree, or the top where a card sits higher), with the balances they came with — the
 * figures the old system's closing balances must equal.
 */
export async function takeoverReport(q: Queryable, actor: Actor, unitId: string): Promise<TakeoverReport> {
  assertInScope(unitId, unitScope(actor, 'depreciation.read'), '单位');
  const unit = await queryOne<{ name: string }>(q, sql`SELECT name FROM units WHERE id = ${unitId}`);
  if (!unit) throw new AppError('not_found', '单位不存在');
  const b = (await booksOf(q, [unitId])).get(unitId)!;
  const rows = await query<LineRow>(
    q,
    sql`
    WITH opening AS (
      SELECT c.id, c.quantity, c.original_value_fen AS v,
        -- As brought in: later runs' entries taken back off.
        c.accumulated_depreciation_fen - coalesce((SELECT sum(e.amount_fen) FROM depreciation_entries e WHERE e.card_id = c.id), 0) AS a,
        coalesce(nullif(split_part(k.path, '/', 3), ''), split_part(k.path, '/', 2)) AS code, k.edition
      FROM cards c JOIN categories k ON k.id = c.category_id
      WHERE c.unit_id = ${unitId} AND c.opening_month IS NOT NULL
        ${b.takeoverMonth ? sql`AND c.opening_month = ${`${b.takeoverMonth}-01`}::date` : sql``}
        AND (c.disposed_on IS NULL OR c.disposed_on > c.opening_month + interval '1 month' - interval '1 day')
    )
    SELECT o.code, coalesce(g.name, o.code) AS name, count(*)::int AS n, sum(o.quantity)::bigint AS qty, sum(o.v)::bigint AS v, sum(o.a)::bigint AS a
    FROM opening o LEFT JOIN categories g ON g.code = o.code AND g.edition = o.edition
    GROUP BY o.code, g.name ORDER BY o.code`,
  );
  const lines = rows.map(line);
  const sum = (k: 'count' | 'quantity' | 'originalValueFen' | 'accumulatedFen' | 'netFen') => lines.reduce((s, l) => s + l[k], 0);
  return {
    unitId,
    unitName: unit.name,
    takeoverMonth: b.takeoverMonth,
    booksOpenFrom: b.takeoverMonth ? nextMonth(b.takeoverMonth) : null,
    lines,
    total: {
      categoryCode: '',
      categoryName: '合计',
      count: sum('count'),
      quantity: sum('quantity'),
      originalValueFen: sum('originalValueFen'),
      accumulatedFen: sum('accumulatedFen'),
      netFen: sum('netFen'),
    },
  };
}
