// 公物仓统计 (docs/domain.md §11): over a period of business days, what came into the pool and what
// left it (transferred, lent, withdrawn, disposed), the value reused instead of bought per receiving
// unit and in total, the days from listing to transfer, and the savings: the purchase avoided (the
// original value of the items taken) less what repairs for reuse cost. Set-based: one statement for
// the rows, one for the totals; a unit sees its own figures, the committee every unit's.
import { sql, type SQL } from 'drizzle-orm';
import type { PoolStats, PoolStatsMonth, PoolStatsQuery, PoolStatsRow } from '../../../shared/pool.contracts.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { invalid } from '../../platform/errors.ts';
import { documentIncomeSql } from '../workflow/index.ts';

/** Transfers (调剂) decided in the period: who gave, who took, at what value, after how many days in the pool. */
const movesSql = (from: string, to: string) => sql`
  SELECT pr.unit_id AS taker, pl.unit_id AS giver, pr.net_value_fen AS net_fen, c.original_value_fen AS original_fen,
    (pr.decided_on - pl.listed_on) AS days, pr.decided_on AS on_day
  FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id JOIN cards c ON c.id = pl.card_id
  WHERE pr.kind = 'transfer' AND pr.status = 'approved' AND pr.decided_on BETWEEN ${from}::date AND ${to}::date`;

/** The median of the moves' days: half the items waited longer, half less. */
const median = sql`percentile_cont(0.5) WITHIN GROUP (ORDER BY days)`;

/** Month by month over the period: listed, transferred and lent out (the giver's scope), the net value reused (the taker's). */
async function poolStatsMonths(q: Queryable, from: string, to: string, mine: (col: SQL) => SQL): Promise<PoolStatsMonth[]> {
  return query<PoolStatsMonth>(
    q,
    sql`
    WITH moves AS (${movesSql(from, to)}),
    months AS (SELECT to_char(m, 'YYYY-MM') AS month FROM generate_series(date_trunc('month', ${from}::date), ${to}::date, interval '1 month') m),
    listed AS (SELECT to_char(listed_on, 'YYYY-MM') AS month, count(*)::int AS n FROM pool_listings
      WHERE listed_on BETWEEN ${from}::date AND ${to}::date AND ${mine(sql`unit_id`)} GROUP BY 1),
    moved AS (SELECT to_char(on_day, 'YYYY-MM') AS month, count(*)::int AS n FROM moves WHERE ${mine(sql`giver`)} GROUP BY 1),
    reused AS (SELECT to_char(on_day, 'YYYY-MM') AS month, sum(net_fen)::float8 AS fen FROM moves WHERE ${mine(sql`taker`)} GROUP BY 1),
    lent AS (SELECT to_char(pr.decided_on, 'YYYY-MM') AS month, count(*)::int AS n FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id
      WHERE pr.kind = 'loan' AND pr.status IN ('approved', 'returned') AND pr.decided_on BETWEEN ${from}::date AND ${to}::date
        AND ${mine(sql`pl.unit_id`)} GROUP BY 1)
    SELECT m.month, coalesce(l.n, 0) AS "inItems", coalesce(t.n, 0) AS "outTransferred", coalesce(o.n, 0) AS "outLent",
      coalesce(r.fen, 0) AS "reusedNetFen"
    FROM months m LEFT JOIN listed l ON l.month = m.month LEFT JOIN moved t ON t.month = m.month LEFT JOIN lent o ON o.month = m.month
      LEFT JOIN reused r ON r.month = m.month
    ORDER BY m.month`,
  );
}

export async function poolStats(q: Queryable, actor: Actor, p: PoolStatsQuery): Promise<PoolStats> {
  if (p.from > p.to) throw invalid({ to: '结束日期不能早于开始日期' });
  const scope = unitScope(actor, 'pool.evaluate');
  const mine = (col: SQL) => inScope(col, scope);
  const { from, to } = p;
  const items = await query<PoolStatsRow>(
    q,
    sql`
    WITH moves AS (${movesSql(from, to)}),
    offered AS (SELECT unit_id, count(*)::int AS n, sum(net_value_fen)::float8 AS fen FROM pool_listings
      WHERE listed_on BETWEEN ${from}::date AND ${to}::date GROUP BY unit_id),
    taken AS (SELECT taker AS unit_id, count(*)::int AS n, sum(net_fen)::float8 AS net, sum(original_fen)::float8 AS original,
      round(avg(days), 1)::float8 AS days, ${median}::float8 AS median FROM moves GROUP BY taker),
    given AS (SELECT giver AS unit_id, count(*)::int AS n FROM moves GROUP BY giver)
    SELECT u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
      coalesce(o.n, 0) AS offered, coalesce(o.fen, 0) AS "offeredFen", coalesce(g.n, 0) AS given,
      coalesce(t.n, 0) AS taken, coalesce(t.net, 0) AS "reusedNetFen", coalesce(t.original, 0) AS "avoidedPurchaseFen",
      t.days AS "avgDaysToReallocation", t.median AS "medianDaysToReallocation"
    FROM units u LEFT JOIN offered o ON o.unit_id = u.id LEFT JOIN taken t ON t.unit_id = u.id LEFT JOIN given g ON g.unit_id = u.id
    WHERE u.kind = 'unit' AND ${mine(sql`u.id`)}
    ORDER BY u.sort, u.code`,
  );
  const [tot] = await query<Omit<PoolStats, 'from' | 'to' | 'items' | 'savingsFen' | 'months'>>(
    q,
    sql`
    WITH moves AS (${movesSql(from, to)})
    SELECT
      (SELECT count(*)::int FROM pool_listings WHERE listed_on BETWEEN ${from}::date AND ${to}::date AND ${mine(sql`unit_id`)}) AS "inItems",
      (SELECT count(*)::int FROM moves WHERE ${mine(sql`giver`)}) AS "outTransferred",
      (SELECT count(*)::int FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id
        WHERE pr.kind = 'loan' AND pr.status IN ('approved', 'returned') AND pr.decided_on BETWEEN ${from}::date AND ${to}::date
          AND ${mine(sql`pl.unit_id`)}) AS "outLent",
      (SELECT count(*)::int FROM pool_listings WHERE status = 'withdrawn' AND closed_on BETWEEN ${from}::date AND ${to}::date
        AND ${mine(sql`unit_id`)}) AS "outWithdrawn",
      (SELECT count(*)::int FROM pool_listings pl JOIN cards c ON c.id = pl.card_id
        WHERE pl.lot_id IS NOT NULL AND c.status = 'disposed' AND c.disposed_on BETWEEN ${from}::date AND ${to}::date
          AND ${mine(sql`pl.unit_id`)}) AS "outDisposed",
      (SELECT coalesce(sum(net_fen), 0)::float8 FROM moves WHERE ${mine(sql`taker`)}) AS "reusedNetFen",
      (SELECT coalesce(sum(original_fen), 0)::float8 FROM moves WHERE ${mine(sql`taker`)}) AS "avoidedPurchaseFen",
      (SELECT round(avg(days), 1)::float8 FROM moves WHERE ${mine(sql`taker`)}) AS "avgDaysToReallocation",
      (SELECT ${median}::float8 FROM moves WHERE ${mine(sql`taker`)}) AS "medianDaysToReallocation",
      (SELECT coalesce(sum(cost_fen), 0)::float8 FROM pool_repairs
        WHERE finished_on BETWEEN ${from}::date AND ${to}::date AND ${mine(sql`unit_id`)}) AS "repairCostFen",
      (SELECT coalesce(sum(i.amount_fen), 0)::float8 FROM pool_disposal_lots l JOIN (${documentIncomeSql()}) i ON i.document_id = l.document_id
        WHERE i.received_on BETWEEN ${from}::date AND ${to}::date AND ${mine(sql`l.unit_id`)}) AS "disposalIncomeFen"`,
  );
  const months = await poolStatsMonths(q, from, to, mine);
  return { from, to, ...tot, savingsFen: tot.avoidedPurchaseFen - tot.repairCostFen, months, items };
}
