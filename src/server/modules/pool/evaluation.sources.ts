// The figures the indicators read, per unit and year, from the tables the system already keeps:
// cards (value, idle, over standard), staff (heads on the establishment), closed counts (账实相符),
// disposal documents, confirmed bookings of shared facilities, the pool's approved transfers and
// listing times, and the accountability records. One set-based statement for every unit.
import { sql } from 'drizzle-orm';
import type { IndicatorSource } from '../../../shared/evaluation.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { heldCardSql } from '../assets/index.ts';
import { cardOverCoverSql } from '../standards/index.ts';
import { round2 } from './evaluation.rules.ts';
import { businessDayOf } from '../../platform/clock.ts';

export interface UnitFigures {
  unitId: string;
  unitCode: string;
  unitName: string;
  heads: number;
  held: number;
  valueFen: number;
  idle: number;
  overStandard: number;
  countExpected: number;
  countMatched: number;
  overdueDisposals: number;
  bookedHours: number;
  givenFen: number;
  takenFen: number;
  poolClosed: number;
  poolDays: number;
  violations: number;
}

/** A date's day in the business zone, for timestamps. */
const day = (col: string) => businessDayOf(col);

/** Every unit's figures for the year from `from` to `asOf` (the year's end, or today in the current year). */
export async function unitFigures(q: Queryable, from: string, asOf: string): Promise<UnitFigures[]> {
  // The over-standard verdict set-based (one scan of the cards, the covering standard chosen per category):
  // the per-card cardOverStandardSql took 105 s here at a million cards.
  const cover = cardOverCoverSql(asOf);
  const rows = await query<UnitFigures>(
    q,
    sql`
    WITH heads AS (
      SELECT unit_id, count(*)::int AS n FROM staff WHERE on_establishment AND active GROUP BY unit_id),
    held AS (
      SELECT c.unit_id, count(*)::int AS held, coalesce(sum(c.original_value_fen), 0)::float8 AS value_fen,
        count(*) FILTER (WHERE c.status = 'idle')::int AS idle,
        count(*) FILTER (WHERE ${cover.over})::int AS over
      FROM cards c ${cover.join}
      WHERE ${heldCardSql('c')} AND c.status NOT IN ('pending_posting', 'voided')
      GROUP BY c.unit_id),
    counted AS (
      SELECT i.unit_id, count(*)::int AS expected,
        count(*) FILTER (WHERE EXISTS (SELECT 1 FROM count_scans s WHERE s.count_id = i.count_id AND s.card_id = i.card_id
          AND (s.room_id IS NULL OR i.room_id IS NULL OR s.room_id = i.room_id)))::int AS matched
      FROM count_items i JOIN counts k ON k.id = i.count_id
      WHERE k.status = 'closed' AND ${day('k.closed_at')} BETWEEN ${from}::date AND ${asOf}::date
      GROUP BY i.unit_id),
    disposals AS (
      SELECT unit_id, count(*)::int AS n FROM documents
      WHERE type = 'disposal' AND status IN ('submitted', 'approved') AND ${day('submitted_at')} < ${asOf}::date - 90
      GROUP BY unit_id),
    booked AS (
      SELECT unit_id, sum(extract(epoch FROM ends_at - starts_at)) / 3600.0 AS hours FROM bookings
      WHERE status = 'confirmed' AND ${day('starts_at')} BETWEEN ${from}::date AND ${asOf}::date
      GROUP BY unit_id),
    moved AS (
      SELECT pl.unit_id AS giver, pr.unit_id AS taker, pr.net_value_fen, pl.listed_on, ${day('pl.closed_at')} AS closed_on
      FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id
      WHERE pr.status = 'approved' AND pr.kind = 'transfer' AND ${day('pr.decided_at')} BETWEEN ${from}::date AND ${asOf}::date),
    given AS (SELECT giver AS unit_id, sum(net_value_fen)::float8 AS fen, count(*)::int AS n,
      sum(closed_on - listed_on)::float8 AS days FROM moved GROUP BY giver),
    taken AS (SELECT taker AS unit_id, sum(net_value_fen)::float8 AS fen FROM moved GROUP BY taker),
    violations AS (
      SELECT unit_id, count(*)::int AS n FROM accountability_records
      WHERE occurred_on BETWEEN ${from}::date AND ${asOf}::date GROUP BY unit_id)
    SELECT u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
      coalesce(h.n, 0) AS heads, coalesce(c.held, 0) AS held, coalesce(c.value_fen, 0) AS "valueFen",
      coalesce(c.idle, 0) AS idle, coalesce(c.over, 0) AS "overStandard",
      coalesce(ct.expected, 0) AS "countExpected", coalesce(ct.matched, 0) AS "countMatched",
      coalesce(d.n, 0) AS "overdueDisposals", coalesce(b.hours, 0)::float8 AS "bookedHours",
      coalesce(g.fen, 0) AS "givenFen", coalesce(t.fen, 0) AS "takenFen",
      coalesce(g.n, 0) AS "poolClosed", coalesce(g.days, 0) AS "poolDays", coalesce(v.n, 0) AS violations
    FROM units u
    LEFT JOIN heads h ON h.unit_id = u.id LEFT JOIN held c ON c.unit_id = u.id LEFT JOIN counted ct ON ct.unit_id = u.id
    LEFT JOIN disposals d ON d.unit_id = u.id LEFT JOIN booked b ON b.unit_id = u.id LEFT JOIN given g ON g.unit_id = u.id
    LEFT JOIN taken t ON t.unit_id = u.id LEFT JOIN violations v ON v.unit_id = u.id
    WHERE u.kind = 'unit'
    ORDER BY u.sort, u.code`,
  );
  return rows;
}

/** What an indicator of `source` reads from a unit's figures, to two decimals, or why it does not apply. */
export function figureOf(source: IndicatorSource, f: UnitFigures): number | { na: string } {
  switch (source) {
    case 'value_per_head':
      return f.heads > 0 ? round2(f.valueFen / 1_000_000 / f.heads) : { na: '无在编人员' };
    case 'idle_rate':
      return f.held > 0 ? round2((f.idle * 100) / f.held) : { na: '无在账资产' };
    case 'over_standard':
      return f.held > 0 ? f.overStandard : { na: '无在账资产' };
    case 'count_match':
      return f.countExpected > 0 ? round2((f.countMatched * 100) / f.countExpected) : { na: '年内无已结束的清查盘点' };
    case 'overdue_disposal':
      return f.overdueDisposals;
    case 'shared_use':
      return f.heads > 0 ? round2(f.bookedHours / f.heads) : { na: '无在编人员' };
    case 'pool_given':
      return round2(f.givenFen / 1_000_000);
    case 'pool_taken':
      return round2(f.takenFen / 1_000_000);
    case 'pool_time':
      return f.poolClosed > 0 ? round2(f.poolDays / f.poolClosed) : { na: '年内无调剂出仓资产' };
    case 'violations':
      return f.violations;
  }
}
