import { sql, type SQL } from 'drizzle-orm';
import type { CardFilter, CardListItem, CardListQuery } from '../../../shared/assets.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { offsetOf, likePattern } from '../../platform/db/paging.ts';
import { unitScope, type Actor } from '../../platform/auth/actor.ts';

/**
 * Normalises a search string the way cards.search_text is built: lower-cased, trimmed, without
 * control characters (the field separator chr(31) must never be part of a query).
 */
export function normalizeSearch(q: string | undefined): string {
  return (q ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim().toLowerCase();
}

/** The grams a query must find in `card_search_grams(search_text)`: itself (1 char) or its distinct 2-grams. */
export function searchGrams(s: string): string[] {
  const chars = [...s];
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
}

/**
 * The search predicate on `cards.search_text`: the gram index (migrations/post/020_card_search.sql)
 * narrows to rows holding every 1- or 2-gram of the query; for 3+ characters LIKE makes the answer
 * exact. For 1 or 2 characters the gram test is already exact (the query is itself a gram, and no
 * gram spans the field separator), and leaving LIKE out keeps the planner's row estimate honest —
 * it multiplied both selectivities and chose slow plans for common words like 打印.
 */
export function cardSearchWhere(q: string | undefined): SQL | undefined {
  const s = normalizeSearch(q);
  if (!s) return undefined;
  const grams = searchGrams(s);
  const gramTest = sql`card_search_grams(cards.search_text) @> ARRAY[${sql.join(grams.map((g) => sql`${g}`), sql`, `)}]::text[]`;
  if ([...s].length <= 2) return sql`(${gramTest})`;
  return sql`(${gramTest} AND cards.search_text LIKE ${likePattern(s)})`;
}

/**
 * The card library's filters as one WHERE fragment over the table `cards` (referenced by its
 * name, no alias), with the caller's unit scope inside. A pure SQL builder: lists, exports and
 * batch selections compose it into their own statements.
 */
export function cardFilterWhere(f: CardFilter, scope: 'all' | string[]): SQL {
  const parts: SQL[] = [];
  if (scope !== 'all') {
    if (scope.length === 0) return sql`false`;
    parts.push(sql`cards.unit_id IN (${sql.join(scope.map((u) => sql`${u}::uuid`), sql`, `)})`);
  }
  if (f.unitId) parts.push(sql`cards.unit_id = ${f.unitId}::uuid`);
  if (f.departmentId) parts.push(sql`cards.using_department_id = ${f.departmentId}::uuid`);
  if (f.categoryId) {
    // The whole subtree: categories.path holds the ancestors' codes, so a prefix match finds it.
    // ANY(ARRAY(subquery)) is computed once before the scan; as a plain IN (subquery) the planner
    // guessed one category and chose plans 30x slower for a large subtree.
    parts.push(sql`cards.category_id = ANY(ARRAY(
      SELECT sub.id FROM categories sub, categories root
      WHERE root.id = ${f.categoryId}::uuid AND sub.edition = root.edition AND left(sub.path, length(root.path)) = root.path))`);
  }
  if (f.status?.length) parts.push(sql`cards.status IN (${sql.join(f.status.map((s) => sql`${s}`), sql`, `)})`);
  if (f.useMode) parts.push(sql`cards.use_mode = ${f.useMode}`);
  if (f.roomId) parts.push(sql`cards.room_id = ${f.roomId}::uuid`);
  if (f.buildingId) parts.push(sql`cards.room_id IN (SELECT id FROM rooms WHERE building_id = ${f.buildingId}::uuid)`);
  if (f.compoundId) parts.push(sql`cards.room_id IN (SELECT id FROM rooms WHERE compound_id = ${f.compoundId}::uuid)`);
  if (f.custodianId) parts.push(sql`cards.custodian_id = ${f.custodianId}::uuid`);
  if (f.valueMin !== undefined) parts.push(sql`cards.original_value_fen >= ${f.valueMin}`);
  if (f.valueMax !== undefined) parts.push(sql`cards.original_value_fen <= ${f.valueMax}`);
  if (f.acquiredFrom) parts.push(sql`cards.acquired_on >= ${f.acquiredFrom}::date`);
  if (f.acquiredTo) parts.push(sql`cards.acquired_on <= ${f.acquiredTo}::date`);
  if (f.postedFrom) parts.push(sql`cards.posted_on >= ${f.postedFrom}::date`);
  if (f.postedTo) parts.push(sql`cards.posted_on <= ${f.postedTo}::date`);
  const search = cardSearchWhere(f.q);
  if (search) parts.push(search);
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

/** Sortable columns: the expression, and the join it needs (only that one joins before the page is cut). */
const SORTS: Record<string, { expr: string; join?: string }> = {
  cardNo: { expr: 'cards.card_no' }, name: { expr: 'cards.name' }, spec: { expr: 'cards.spec' }, brand: { expr: 'cards.brand' },
  categoryCode: { expr: 'sk.code', join: 'JOIN categories sk ON sk.id = cards.category_id' },
  originalValueFen: { expr: 'cards.original_value_fen' }, netValueFen: { expr: 'cards.net_value_fen' },
  accumulatedDepreciationFen: { expr: 'cards.accumulated_depreciation_fen' }, status: { expr: 'cards.status' }, useMode: { expr: 'cards.use_mode' },
  acquiredOn: { expr: 'cards.acquired_on' }, postedOn: { expr: 'cards.posted_on' },
  unitName: { expr: 'sk.name', join: 'JOIN units sk ON sk.id = cards.unit_id' },
  departmentName: { expr: 'sk.name', join: 'LEFT JOIN departments sk ON sk.id = cards.using_department_id' },
  custodianName: { expr: 'sk.name', join: 'LEFT JOIN staff sk ON sk.id = cards.custodian_id' },
  createdAt: { expr: 'cards.created_at' }, updatedAt: { expr: 'cards.updated_at' },
};

/** The columns of a list row, with the names of the rows a card points to. Expects the joins of CARD_JOINS. */
export const CARD_LIST_COLUMNS = sql`
  cards.id, cards.card_no AS "cardNo", cards.name, cards.unit_id AS "unitId", u.name AS "unitName",
  cards.category_id AS "categoryId", cat.code AS "categoryCode", cat.name AS "categoryName",
  cards.spec, cards.brand, cards.serial_no AS "serialNo", cards.quantity, cards.measure_unit AS "measureUnit",
  cards.original_value_fen AS "originalValueFen", cards.accumulated_depreciation_fen AS "accumulatedDepreciationFen",
  cards.net_value_fen AS "netValueFen", cards.status, cards.use_mode AS "useMode",
  cards.acquired_on::text AS "acquiredOn", cards.posted_on::text AS "postedOn",
  cards.using_department_id AS "usingDepartmentId", d.name AS "departmentName",
  cards.custodian_id AS "custodianId", s.name AS "custodianName",
  cards.room_id AS "roomId", CASE WHEN r.id IS NULL THEN NULL ELSE b.name || ' ' || r.code || coalesce(' ' || r.name, '') END AS "roomName",
  cards.version`;

export const CARD_JOINS = sql`
  JOIN units u ON u.id = cards.unit_id
  JOIN categories cat ON cat.id = cards.category_id
  LEFT JOIN departments d ON d.id = cards.using_department_id
  LEFT JOIN staff s ON s.id = cards.custodian_id
  LEFT JOIN rooms r ON r.id = cards.room_id
  LEFT JOIN buildings b ON b.id = r.building_id`;

type Row = CardListItem & { total_count?: number };

/**
 * One page of the card library within the actor's card.read scope; the total is exact. The page's
 * ids are cut first from `cards` alone, and only those rows are joined for names: a search
 * matching 50,000 cards must not join 50,000 rows to show 20.
 */
export async function listCards(q: Queryable, actor: Actor, p: CardListQuery): Promise<Page<CardListItem>> {
  const where = cardFilterWhere(p, unitScope(actor, 'card.read'));
  const sort = SORTS[p.sort ?? 'cardNo'] ?? SORTS.cardNo;
  const dir = sql.raw(p.order === 'desc' ? 'DESC' : 'ASC');
  // NULLS LAST both ways plus the id as tie-breaker: pages never overlap or skip.
  const order = (key: string, id: string) => sql`${sql.raw(key)} ${dir} NULLS LAST, ${sql.raw(id)} ${dir}`;
  const named = sql`SELECT ${CARD_LIST_COLUMNS} FROM page JOIN cards ON cards.id = page.id ${CARD_JOINS}`;
  const strip = (rows: Row[]) => rows.map(({ total_count: _t, ...r }) => r as CardListItem);

  if (normalizeSearch(p.q)) {
    // A search: the gram index bounds the matches, so collect them once and take both the count
    // and the page from that set. Walking the card_no index and testing each row instead is a
    // gamble the planner loses when matches cluster (all of one unit's printers), 10x slower.
    const rows = await query<Row>(q, sql`
      WITH matched AS MATERIALIZED (
        SELECT cards.id, ${sql.raw(sort.expr)} AS sort_key FROM cards ${sql.raw(sort.join ?? '')} WHERE ${where}
      ), page AS (
        SELECT id, sort_key FROM matched ORDER BY ${order('sort_key', 'id')} LIMIT ${p.pageSize} OFFSET ${offsetOf(p)}
      )
      SELECT (SELECT count(*)::int FROM matched) AS total_count, ${CARD_LIST_COLUMNS}
      FROM page JOIN cards ON cards.id = page.id ${CARD_JOINS}
      ORDER BY ${order('page.sort_key', 'page.id')}`);
    let total = rows[0]?.total_count ?? 0;
    if (rows.length === 0 && p.page > 1) total = (await queryOne<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM cards WHERE ${where}`))?.n ?? 0;
    return { items: strip(rows), total, page: p.page, pageSize: p.pageSize };
  }

  const [items, total] = await Promise.all([
    query<CardListItem>(q, sql`
      WITH page AS (
        SELECT cards.id, ${sql.raw(sort.expr)} AS sort_key FROM cards ${sql.raw(sort.join ?? '')}
        WHERE ${where} ORDER BY ${order(sort.expr, 'cards.id')} LIMIT ${p.pageSize} OFFSET ${offsetOf(p)}
      )
      ${named} ORDER BY ${order('page.sort_key', 'page.id')}`),
    queryOne<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM cards WHERE ${where}`),
  ]);
  return { items, total: total?.n ?? 0, page: p.page, pageSize: p.pageSize };
}
