// Reconciliation (账实核对): every expected card's outcome from its latest scan, every scan outside
// the expected list, and the totals with the match rate. Set-based: one pass over the count's rows.
import { sql, type SQL } from 'drizzle-orm';
import type { CountResult, CountTotals, ResultLine } from '../../../shared/inventory.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { type Db, query, type Queryable } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { booksOf, firstOpenMonth } from '../finance/index.ts';
import { loadCount } from './count.service.ts';
import { businessTimeText } from '../../platform/clock.ts';

const ROOM = (r: string, b: string) =>
  sql.raw(`CASE WHEN ${r}.id IS NULL THEN NULL ELSE ${b}.name || ' ' || ${r}.code || coalesce(' ' || ${r}.name, '') END`);

/** Above this many ledger events since the snapshot, every expected card is compared with its card. */
export const CHANGED_EVENTS_CAP = 10_000;

/**
 * The expected cards changed since the snapshot (their version moved), found from the ledger: only
 * cards with an event since the count's `changes_from` are compared, read in time order from the
 * partial index on the events' time (migrations/post/313), instead of joining every expected card to
 * its card (a read of the whole card table at a million cards). A card's version moves only with an
 * event on its ledger (assets `changeCard`); the count's own events change no card and are not in
 * that index. The read stops after CHANGED_EVENTS_CAP events: the planner cannot tell how few of the
 * events after the instant are in the index (a count's scans are, in the column's statistics), and a
 * bounded read in index order is the plan it keeps; past the cap, the whole comparison.
 */
export async function changedSinceSnapshot(q: Queryable, countId: string, cap = CHANGED_EVENTS_CAP): Promise<SQL> {
  const [c] = await query<{ since: string | null }>(
    q,
    sql`SELECT coalesce(changes_from, started_at)::text AS since FROM counts WHERE id = ${countId}`,
  );
  if (!c?.since) return sql`SELECT NULL::uuid AS card_id WHERE false`;
  const differs = sql`k.version <> i.card_version`;
  return sql`
    WITH ev AS MATERIALIZED (
      SELECT e.card_id FROM card_events e
      WHERE e.occurred_at >= ${c.since}::timestamptz AND e.type NOT IN ('count_scanned', 'count_result')
      ORDER BY e.occurred_at LIMIT ${cap + 1}
    ), many AS (SELECT count(*) > ${cap} AS yes FROM ev)
    -- One probe of each key per changed card (LIMIT 1 keeps it a probe, never a hash of every expected card).
    SELECT DISTINCT ev.card_id FROM ev
    CROSS JOIN LATERAL (SELECT 1 FROM count_items i JOIN cards k ON k.id = i.card_id
      WHERE i.count_id = ${countId} AND i.card_id = ev.card_id AND ${differs} LIMIT 1) x
    WHERE NOT (SELECT yes FROM many)
    UNION ALL
    SELECT i.card_id FROM count_items i JOIN cards k ON k.id = i.card_id
    WHERE i.count_id = ${countId} AND ${differs} AND (SELECT yes FROM many)`;
}

export interface LinePage {
  outcome?: ResultLine['outcome'];
  page: number;
  pageSize: number;
}

type UnitTotals = CountTotals & { unitId: string; unitName: string };
type UnitRow = Omit<UnitTotals, 'matchRateBp' | 'surplus' | 'outside'>;
type ResultRow = ResultLine & {
  part: number;
  ord: number;
  usort: number;
  card_no: string | null;
  units: UnitRow[] | null;
  total: number | null;
  surplus: number | null;
  outside: number | null;
};

/**
 * The reconciliation in one statement, one pass over the count's rows: every expected card's outcome
 * from its latest scan is decided once (narrow rows) and both the totals per unit and the lines are
 * read from it; reading the expected list and the latest scans once for the totals and again for the
 * lines doubled the work at a million cards. The first row (`part` 0) carries the totals, the lines
 * follow. The lines are the expected cards (found, moved, missing) and the scans outside the list
 * (another scope's card, or no card at all: a surplus); `all` false leaves out the cards found in
 * place. Paged (a count of a million cards has up to a million lines): the page is the first rows of
 * a bounded sort, and the names, rooms, values and counters are joined for the page only.
 */
async function reconcile(
  q: Queryable,
  countId: string,
  all: boolean,
  paging?: LinePage,
): Promise<{ total: CountTotals; byUnit: UnitTotals[]; lines: { lines: ResultLine[]; total: number } }> {
  const changed = await changedSinceSnapshot(q, countId);
  const byOutcome = paging?.outcome ? sql`outcome = ${paging.outcome}` : sql`true`;
  const expectedLine = sql`${all ? sql`true` : sql`(outcome <> 'found' OR damaged OR changed)`} AND ${byOutcome}`;
  const extraLine = byOutcome;
  const rows = await query<ResultRow>(
    q,
    sql`
    WITH last AS (
      SELECT DISTINCT ON (card_id) card_id, id, room_id, condition FROM count_scans WHERE count_id = ${countId} AND expected
      ORDER BY card_id, scanned_at DESC, id DESC
    ), changed AS (
      ${changed}
    ), expected AS MATERIALIZED (
      SELECT CASE WHEN l.id IS NULL THEN 'missing'
               WHEN l.room_id IS NOT NULL AND l.room_id IS DISTINCT FROM i.room_id THEN 'moved' ELSE 'found' END AS outcome,
        coalesce(l.condition = 'damaged', false) AS damaged, ch.card_id IS NOT NULL AS changed,
        i.card_id, i.card_no, u.sort AS usort, l.id AS scan_id, i.unit_id, i.value_fen
      FROM count_items i
      JOIN units u ON u.id = i.unit_id
      LEFT JOIN changed ch ON ch.card_id = i.card_id
      LEFT JOIN last l ON l.card_id = i.card_id
      WHERE i.count_id = ${countId}
    ), by_unit AS (
      SELECT unit_id, count(*)::int AS expected, count(*) FILTER (WHERE outcome = 'found')::int AS found,
        count(*) FILTER (WHERE outcome = 'moved')::int AS moved, count(*) FILTER (WHERE outcome = 'missing')::int AS missing,
        count(*) FILTER (WHERE damaged)::int AS damaged,
        coalesce(sum(value_fen) FILTER (WHERE outcome = 'missing'), 0)::bigint AS missing_value_fen,
        -- The lines are counted here, in the same pass, so that the page alone reads them again.
        count(*) FILTER (WHERE ${expectedLine})::int AS lines
      FROM expected GROUP BY unit_id
    ), extra AS (
      SELECT DISTINCT ON (coalesce(s.card_id::text, s.code, s.scan_key::text))
        CASE WHEN s.card_id IS NULL THEN 'surplus' ELSE 'outside' END AS outcome, s.condition = 'damaged' AS damaged, false AS changed,
        NULL::uuid AS card_id, coalesce(k.card_no, s.code) AS card_no, 1000000 AS usort, s.id AS scan_id
      FROM count_scans s LEFT JOIN cards k ON k.id = s.card_id
      WHERE s.count_id = ${countId} AND NOT s.expected
      ORDER BY coalesce(s.card_id::text, s.code, s.scan_key::text), s.scanned_at DESC
    ), lines AS (
      -- Narrow rows: the outcome, the order and where to find the rest.
      SELECT *, CASE outcome WHEN 'missing' THEN 1 WHEN 'moved' THEN 2 WHEN 'surplus' THEN 3 WHEN 'outside' THEN 4 ELSE 5 END AS ord
      FROM (
        SELECT outcome, damaged, changed, card_id, card_no, usort, scan_id FROM expected WHERE ${expectedLine}
        UNION ALL
        SELECT * FROM extra WHERE ${extraLine}
      ) x
    ), page AS (
      -- The count apart from the page (by_unit), so the page is a bounded sort (the 200 first) and not a sort of every line.
      SELECT * FROM lines ORDER BY ord, usort, card_no
      ${paging ? sql`LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}` : sql``}
    )
    SELECT 0 AS part, 0 AS ord, 0 AS usort, NULL::text AS card_no,
      NULL::text AS outcome, NULL::boolean AS damaged, NULL::text AS "cardId", NULL::text AS "cardNo", NULL::text AS name,
      NULL::text AS "unitName", NULL::text AS "bookRoomName", NULL::text AS "foundRoomName", NULL::bigint AS "valueFen",
      NULL::text AS "counterName", NULL::text AS "scannedAt", NULL::text AS note, NULL::boolean AS "changedSinceSnapshot",
      NULL::text AS "scanKey", NULL::boolean AS registered,
      (SELECT coalesce(json_agg(json_build_object('unitId', b.unit_id::text, 'unitName', u.name, 'expected', b.expected, 'found', b.found,
          'moved', b.moved, 'missing', b.missing, 'damaged', b.damaged, 'missingValueFen', b.missing_value_fen) ORDER BY u.sort, u.code), '[]'::json)
        FROM by_unit b JOIN units u ON u.id = b.unit_id) AS units,
      ((SELECT coalesce(sum(lines), 0) FROM by_unit) + (SELECT count(*) FROM extra WHERE ${extraLine}))::int AS total,
      -- One line per distinct code or card outside the list: the surplus and outside totals are its counts.
      (SELECT count(*) FROM extra WHERE outcome = 'surplus')::int AS surplus,
      (SELECT count(*) FROM extra WHERE outcome = 'outside')::int AS outside
    UNION ALL
    SELECT 1, p.ord, p.usort, p.card_no,
      p.outcome, p.damaged, p.card_id::text, p.card_no,
      CASE WHEN p.card_id IS NOT NULL THEN i.name ELSE s.surplus_name END, u.name,
      ${ROOM('br', 'bb')}, ${ROOM('fr', 'fb')}, i.value_fen,
      cu.display_name, ${businessTimeText('s.scanned_at', 'YYYY-MM-DD HH24:MI:SS')},
      s.note, p.changed, sk.scan_key::text,
      (sk.scan_key IS NOT NULL AND EXISTS (SELECT 1 FROM count_surplus x WHERE x.count_id = ${countId} AND x.scan_key = sk.scan_key)),
      NULL, NULL, NULL, NULL
    FROM page p
    LEFT JOIN count_items i ON p.card_id IS NOT NULL AND i.count_id = ${countId} AND i.card_id = p.card_id
    LEFT JOIN count_scans s ON s.id = p.scan_id
    LEFT JOIN cards k ON p.card_id IS NULL AND k.id = s.card_id
    CROSS JOIN LATERAL (SELECT CASE WHEN p.card_id IS NULL AND s.card_id IS NULL THEN s.scan_key END AS scan_key) sk
    LEFT JOIN units u ON u.id = coalesce(i.unit_id, k.unit_id)
    LEFT JOIN rooms br ON br.id = i.room_id LEFT JOIN buildings bb ON bb.id = br.building_id
    LEFT JOIN rooms fr ON fr.id = s.room_id LEFT JOIN buildings fb ON fb.id = fr.building_id
    LEFT JOIN users cu ON cu.id = s.counter_id
    ORDER BY 1, 2, 3, 4`,
  );
  const [head, ...body] = rows;
  const lines = body.map(({ part: _p, units: _u, total: _t, surplus: _s, outside: _o, ord: _r, usort: _us, card_no: _c, ...l }) => ({
    ...l,
    valueFen: l.valueFen === null ? null : Number(l.valueFen),
  })) as ResultLine[];
  const rate = (found: number, expected: number) => (expected === 0 ? 0 : Math.floor((found * 10_000) / expected));
  const byUnit = (head.units ?? []).map((r) => ({
    ...r,
    missingValueFen: Number(r.missingValueFen),
    surplus: 0,
    outside: 0,
    matchRateBp: rate(r.found, r.expected),
  }));
  const sum = (k: 'expected' | 'found' | 'moved' | 'missing' | 'damaged' | 'missingValueFen') => byUnit.reduce((s, r) => s + r[k], 0);
  const total: CountTotals = {
    expected: sum('expected'),
    found: sum('found'),
    moved: sum('moved'),
    missing: sum('missing'),
    damaged: sum('damaged'),
    surplus: head.surplus ?? 0,
    outside: head.outside ?? 0,
    matchRateBp: rate(sum('found'), sum('expected')),
    missingValueFen: sum('missingValueFen'),
  };
  return { total, byUnit, lines: { lines, total: head.total ?? 0 } };
}

/**
 * Where a count's base date falls in a closed month (结账), its adjustments cannot be dated there:
 * they are booked in the unit's first open month. One note per such unit.
 */
export async function periodNotes(q: Queryable, unitIds: string[], baseDate: string): Promise<string[]> {
  const books = await booksOf(q, unitIds);
  const names = new Map(
    (await query<{ id: string; name: string }>(q, sql`SELECT id::text, name FROM units WHERE id = ANY(${uuidArray(unitIds)})`)).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const out: string[] = [];
  for (const u of unitIds) {
    const b = books.get(u)!;
    if (b.closedThrough && baseDate.slice(0, 7) <= b.closedThrough)
      out.push(`${names.get(u) ?? u}：基准日 ${baseDate} 所在月份已结账（结账至 ${b.closedThrough}），盘点调整计入 ${firstOpenMonth(b)}`);
  }
  return out;
}

// The result reads every expected card and scan of the count once (reconcile): with the sessions'
// 32 MB the latest-scan sort of a million scans spilled to disk, and each parallel worker built its
// own copy of it. In the result's transaction only: more memory, no workers. With the latest-scan
// index (post/318), 256 MB against 128 MB took a million scanned cards from 2.7–2.9 s to 2.6 s.
const RESULT_WORK_MEM = '256MB';

/** The result: the totals, one page of the lines (`paging` absent: every line, for the Excel file), the period notes. */
export async function countResult(
  q: Queryable,
  actor: Actor,
  countId: string,
  all = false,
  paging: LinePage | null = { page: 1, pageSize: 200 },
): Promise<CountResult> {
  const c = await loadCount(q, actor, countId);
  const { total, byUnit, lines } = await (q as Db).transaction(async (tx) => {
    await tx.execute(sql.raw(`SET LOCAL work_mem = '${RESULT_WORK_MEM}'`));
    await tx.execute(sql`SET LOCAL max_parallel_workers_per_gather = 0`);
    return reconcile(tx, countId, all, paging ?? undefined);
  });
  return {
    totals: total,
    byUnit,
    lines: lines.lines,
    linesTotal: lines.total,
    page: paging?.page ?? 1,
    pageSize: paging?.pageSize ?? lines.total,
    periodNotes: await periodNotes(q, c.unit_ids, c.base_date),
  };
}
