import { sql, type SQL } from 'drizzle-orm';
import type { CardFilter, CardListItem, CardListQuery } from '../../../shared/assets.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { query, queryOne, queryPrepared, type Queryable } from '../../platform/db/engine.ts';
import { offsetOf, likePattern } from '../../platform/db/paging.ts';
import { inScope, scopeIncludes, unitScope, type Actor } from '../../platform/auth/actor.ts';

/**
 * Normalises a search string the way cards.search_text is built: lower-cased, trimmed, without
 * control characters (the field separator chr(31) must never be part of a query).
 */
export function normalizeSearch(q: string | undefined): string {
  return (q ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .toLowerCase();
}

/** The grams a query must find in `card_search_grams(search_text)`: itself (1 char) or its distinct 2-grams. */
export function searchGrams(s: string): string[] {
  const chars = [...s];
  if (chars.length === 1) return chars;
  return [...new Set(chars.slice(0, -1).map((c, i) => c + chars[i + 1]))];
}

/**
 * The exact search test on `card_search cs` (migrations/post/020_card_search.sql), within the
 * given owner units: the index narrows to rows holding every 1- or 2-gram of the query and the
 * unit's key; for 3+ characters LIKE makes the answer exact. For 1 or 2 characters the gram test
 * is already exact (the query is itself a gram, and no gram spans the field separator), and
 * leaving LIKE out keeps the planner's row estimate honest — it multiplied both selectivities and
 * chose slow plans for common words like 打印.
 */
function searchTest(s: string, units: 'all' | string[]): SQL {
  if (units !== 'all' && units.length === 0) return sql`false`;
  const grams = searchGrams(s).map((g) => sql`${g}`);
  const has = (keys: SQL[]) => sql`card_search_keys(cs.unit_id, cs.search_text) @> ARRAY[${sql.join(keys, sql`, `)}]::text[]`;
  const keyTest =
    units === 'all'
      ? has(grams)
      : sql.join(
          units.map((u) => has([...grams, sql`${`\u001f${u}`}`])),
          sql` OR `,
        );
  if ([...s].length <= 2) return sql`(${keyTest})`;
  return sql`((${keyTest}) AND cs.search_text LIKE ${likePattern(s)})`;
}

/** The owner units a filter and scope allow, as the search index can narrow to them. */
function searchUnits(f: CardFilter, scope: 'all' | string[]): 'all' | string[] {
  if (!f.unitId) return scope;
  return scopeIncludes(scope, f.unitId) ? [f.unitId] : [];
}

/**
 * The search as a predicate on `cards`: the ids the index of `card_search` finds. OFFSET 0 keeps
 * the subquery whole, run once through the index: flattened, the planner joined it row by row
 * and ran the key function on each of a unit's 48,000 cards (1.4 s).
 */
function cardSearchWhere(q: string | undefined, units: 'all' | string[] = 'all'): SQL | undefined {
  const s = normalizeSearch(q);
  if (!s) return undefined;
  return sql`cards.id IN (SELECT cs.card_id FROM card_search cs WHERE ${searchTest(s, units)} OFFSET 0)`;
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
    parts.push(inScope('cards.unit_id', scope));
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
  if (f.status?.length)
    parts.push(
      sql`cards.status IN (${sql.join(
        f.status.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (f.useMode) parts.push(sql`cards.use_mode = ${f.useMode}`);
  if (f.roomId) parts.push(sql`cards.room_id = ${f.roomId}::uuid`);
  if (f.buildingId) parts.push(sql`cards.room_id IN (SELECT id FROM rooms WHERE building_id = ${f.buildingId}::uuid)`);
  if (f.compoundId) parts.push(sql`cards.room_id IN (SELECT id FROM rooms WHERE compound_id = ${f.compoundId}::uuid)`);
  if (f.custodianId) parts.push(sql`cards.custodian_id = ${f.custodianId}::uuid`);
  if (f.custodianLeft) parts.push(sql`cards.custodian_id IN (SELECT id FROM staff WHERE NOT active)`);
  if (f.warrantyFrom) parts.push(sql`cards.warranty_until >= ${f.warrantyFrom}::date`);
  if (f.warrantyTo) parts.push(sql`cards.warranty_until <= ${f.warrantyTo}::date`);
  if (f.valueMin !== undefined) parts.push(sql`cards.original_value_fen >= ${f.valueMin}`);
  if (f.valueMax !== undefined) parts.push(sql`cards.original_value_fen <= ${f.valueMax}`);
  if (f.acquiredFrom) parts.push(sql`cards.acquired_on >= ${f.acquiredFrom}::date`);
  if (f.acquiredTo) parts.push(sql`cards.acquired_on <= ${f.acquiredTo}::date`);
  if (f.postedFrom) parts.push(sql`cards.posted_on >= ${f.postedFrom}::date`);
  if (f.postedTo) parts.push(sql`cards.posted_on <= ${f.postedTo}::date`);
  const oneOf = (col: string, v: string[] | undefined) => {
    if (v?.length)
      parts.push(
        sql`${sql.raw(col)} IN (${sql.join(
          v.map((x) => sql`${x}`),
          sql`, `,
        )})`,
      );
  };
  oneOf('cards.asset_kind', f.assetKind);
  oneOf('cards.value_type', f.valueType);
  oneOf('cards.procurement_form', f.procurementForm);
  oneOf('cards.asset_use', f.assetUse);
  // A card without a split (written outside the card service) is all 财政拨款.
  if (f.fiscalMin !== undefined) parts.push(sql`coalesce(cards.fiscal_funding_fen, cards.original_value_fen) >= ${f.fiscalMin}`);
  if (f.fiscalMax !== undefined) parts.push(sql`coalesce(cards.fiscal_funding_fen, cards.original_value_fen) <= ${f.fiscalMax}`);
  const search = cardSearchWhere(f.q, searchUnits(f, scope));
  if (search) parts.push(search);
  return parts.length ? sql.join(parts, sql` AND `) : sql`true`;
}

/** Sortable columns: the expression, and the join it needs (only that one joins before the page is cut). */
const SORTS: Record<string, { expr: string; join?: string }> = {
  cardNo: { expr: 'cards.card_no' },
  name: { expr: 'cards.name' },
  spec: { expr: 'cards.spec' },
  brand: { expr: 'cards.brand' },
  categoryCode: { expr: 'sk.code', join: 'JOIN categories sk ON sk.id = cards.category_id' },
  originalValueFen: { expr: 'cards.original_value_fen' },
  netValueFen: { expr: 'cards.net_value_fen' },
  accumulatedDepreciationFen: { expr: 'cards.accumulated_depreciation_fen' },
  status: { expr: 'cards.status' },
  useMode: { expr: 'cards.use_mode' },
  acquiredOn: { expr: 'cards.acquired_on' },
  postedOn: { expr: 'cards.posted_on' },
  unitName: { expr: 'sk.name', join: 'JOIN units sk ON sk.id = cards.unit_id' },
  departmentName: { expr: 'sk.name', join: 'LEFT JOIN departments sk ON sk.id = cards.using_department_id' },
  custodianName: { expr: 'sk.name', join: 'LEFT JOIN staff sk ON sk.id = cards.custodian_id' },
  createdAt: { expr: 'cards.created_at' },
  updatedAt: { expr: 'cards.updated_at' },
};

/**
 * The columns of a list row, with the names of the rows a card points to. Expects the joins of
 * CARD_JOINS (the category and the using department). The other names are scalar subqueries, not
 * joins: with six joins the planner spent 3.2 ms choosing a join order for every page of 50 rows (its
 * execution took 0.8–1.4 ms), with one join 0.5 ms; each subquery is one primary-key probe per row of
 * the page. Not so the department's: for a table of a few pages the planner chose a sequential scan of
 * every department for each row (50 scans of 199 rows a page), so it is joined, one look-up set.
 */
export const CARD_LIST_COLUMNS = sql`
  cards.id, cards.card_no AS "cardNo", cards.name, cards.unit_id AS "unitId",
  (SELECT u.name FROM units u WHERE u.id = cards.unit_id) AS "unitName",
  CASE WHEN cards.managing_unit_id <> cards.unit_id THEN (SELECT mu.name FROM units mu WHERE mu.id = cards.managing_unit_id) END
    AS "managerName",
  cards.category_id AS "categoryId", cat.code AS "categoryCode", cat.name AS "categoryName",
  cards.spec, cards.brand, cards.serial_no AS "serialNo", cards.quantity, cards.measure_unit AS "measureUnit",
  cards.original_value_fen AS "originalValueFen", cards.accumulated_depreciation_fen AS "accumulatedDepreciationFen",
  cards.net_value_fen AS "netValueFen", cards.status, cards.use_mode AS "useMode",
  cards.acquired_on::text AS "acquiredOn", cards.posted_on::text AS "postedOn",
  cards.using_department_id AS "usingDepartmentId",
  udept.name AS "departmentName",
  cards.custodian_id AS "custodianId", (SELECT s.name FROM staff s WHERE s.id = cards.custodian_id) AS "custodianName",
  cards.room_id AS "roomId",
  (SELECT b.name || ' ' || r.code || coalesce(' ' || r.name, '') FROM rooms r JOIN buildings b ON b.id = r.building_id WHERE r.id = cards.room_id)
    AS "roomName",
  cards.asset_kind AS "assetKind", cards.version`;

export const CARD_JOINS = sql`
  JOIN categories cat ON cat.id = cards.category_id
  LEFT JOIN departments udept ON udept.id = cards.using_department_id`;

/**
 * A common word's first pages are found by walking the card_no index, at most `walkRows` rows of
 * it (then the matched set is cheaper). A setting so that tests can make walks fall short.
 */
export const searchTuning = { walkRows: 20_000 };

/**
 * One page of the card library within the actor's card.read scope; the total is exact. The page's
 * ids are cut first from `cards` alone, and only those rows are joined for names: a search
 * matching 50,000 cards must not join 50,000 rows to show 20.
 */
export async function listCards(q: Queryable, actor: Actor, p: CardListQuery): Promise<Page<CardListItem>> {
  const scope = unitScope(actor, 'card.read');
  const where = cardFilterWhere(p, scope);
  const sort = SORTS[p.sort ?? 'cardNo'] ?? SORTS.cardNo;
  const dir = sql.raw(p.order === 'desc' ? 'DESC' : 'ASC');
  // NULLS LAST both ways plus the id as tie-breaker: pages never overlap or skip.
  const order = (key: string, id: string) => sql`${sql.raw(key)} ${dir} NULLS LAST, ${sql.raw(id)} ${dir}`;
  const cut = sql`LIMIT ${p.pageSize} OFFSET ${offsetOf(p)}`;
  const named = sql`SELECT ${CARD_LIST_COLUMNS} FROM page JOIN cards ON cards.id = page.id ${CARD_JOINS} ORDER BY ${order('page.sort_key', 'page.id')}`;
  const page = (items: CardListItem[], total: number) => ({ items, total, page: p.page, pageSize: p.pageSize });
  // The list as it opens (scope, sort and page only): a few texts whose plans do not hang on the
  // values, so prepared statements; a filter's values can change the best plan, so not with one.
  const run = onlyPaging(p) ? queryPrepared : query;
  const countWhere = async () => (await run<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM cards WHERE ${where}`))[0]?.n ?? 0;
  // A search's matches are bounded by the index: collect them once and cut the page from that set.
  const matchedPage = () =>
    query<CardListItem>(
      q,
      sql`
    WITH matched AS MATERIALIZED (
      SELECT cards.id, ${sql.raw(sort.expr)} AS sort_key FROM cards ${sql.raw(sort.join ?? '')} WHERE ${where}
    ), page AS (SELECT id, sort_key FROM matched ORDER BY ${order('sort_key', 'id')} ${cut})
    ${named}`,
    );

  const s = normalizeSearch(p.q);
  if (!s) {
    const [items, total] = await Promise.all([
      run<CardListItem>(
        q,
        sql`
      WITH page AS (
        SELECT cards.id, ${sql.raw(sort.expr)} AS sort_key FROM cards ${sql.raw(sort.join ?? '')}
        WHERE ${where} ORDER BY ${order(sort.expr, 'cards.id')} ${cut}
      )
      ${named}`,
      ),
      countWhere(),
    ]);
    return page(items, total);
  }
  if (!onlySearch(p)) {
    const [items, total] = await Promise.all([matchedPage(), countWhere()]);
    return page(items, total);
  }
  // Only a search (and the owner unit): counted on card_search, which holds both.
  const units = searchUnits(p, scope);
  const total =
    (await queryOne<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM card_search cs WHERE ${searchTest(s, units)}`))?.n ?? 0;
  if (total === 0) return page([], 0);
  const walked = units === 'all' ? await walkCommonWord(q, p, s, total) : null;
  if (walked) return page(walked, total);
  if (sort !== SORTS.cardNo) return page(await matchedPage(), total);
  // In card-number order the page is cut from card_search alone; only its rows visit `cards`.
  return page(
    await query<CardListItem>(
      q,
      sql`
    WITH page AS (
      SELECT cs.card_id AS id, cs.card_no AS sort_key FROM card_search cs WHERE ${searchTest(s, units)}
      ORDER BY ${order('cs.card_no', 'cs.card_id')} ${cut}
    )
    ${named}`,
    ),
    total,
  );
}

/** Whether the list is asked for with no filter at all (the scope, sort and page only). */
function onlyPaging(p: CardListQuery): boolean {
  return Object.entries(p).every(
    ([k, v]) => v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || ['page', 'pageSize', 'sort', 'order'].includes(k),
  );
}

/** Whether a search carries no filter beyond the owner unit, which `card_search` holds. */
function onlySearch(p: CardListQuery): boolean {
  return Object.entries(p).every(
    ([k, v]) => v === undefined || (Array.isArray(v) && v.length === 0) || ['q', 'unitId', 'page', 'pageSize', 'sort', 'order'].includes(k),
  );
}

/**
 * A common word over every unit, in card-number order (the default): walk the card_no index and
 * test each card's text with LIKE, stopping at the page's last row — for 联想 (a fifth of all
 * cards) about a hundred rows instead of sorting 216,000. The walk is capped at
 * searchTuning.walkRows so that matches clustered at the far end cost no more than a few
 * milliseconds before the matches are sorted instead; null means "not answered here".
 */
async function walkCommonWord(q: Queryable, p: CardListQuery, s: string, total: number): Promise<CardListItem[] | null> {
  const offset = offsetOf(p);
  const wanted = Math.min(p.pageSize, total - offset);
  if ((p.sort ?? 'cardNo') !== 'cardNo' || wanted <= 0) return null;
  const size = await queryOne<{ n: number }>(
    q,
    sql`SELECT greatest(reltuples, 1)::float8 AS n FROM pg_class WHERE oid = 'card_search'::regclass`,
  );
  // Rows expected to be read, were matches spread evenly; sorting the matches reads `total` rows.
  if ((offset + wanted) * ((size?.n ?? 1) / total) * 3 > Math.min(total, searchTuning.walkRows)) return null;
  const dir = sql.raw(p.order === 'desc' ? 'DESC' : 'ASC');
  const items = await query<CardListItem>(
    q,
    sql`
    WITH page AS (
      SELECT id, card_no FROM (SELECT id, card_no, search_text FROM cards ORDER BY card_no ${dir} LIMIT ${searchTuning.walkRows}) walked
      WHERE search_text LIKE ${likePattern(s)} ORDER BY card_no ${dir} LIMIT ${p.pageSize} OFFSET ${offset}
    )
    SELECT ${CARD_LIST_COLUMNS} FROM page JOIN cards ON cards.id = page.id ${CARD_JOINS} ORDER BY page.card_no ${dir}`,
  );
  return items.length === wanted ? items : null;
}
