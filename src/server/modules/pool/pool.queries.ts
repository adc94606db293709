// The pool's lists. The catalogue is deliberately seen by every unit (that is what a pool is for),
// but it shows only what a requester needs to judge an item: never the card's custodian,
// department, ledger or attachments (its photos excepted: pool-photo.service.ts). Requests and
// the utilisation figures are scoped per unit.
import { sql, type SQL } from 'drizzle-orm';
import type { Listing, ListingQuery, PoolRequest, RequestQuery, UtilisationReport } from '../../../shared/pool.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { businessToday } from '../../platform/clock.ts';
import { addMonths } from '../workflow/index.ts';
import { searchGrams } from '../assets/index.ts';
import { specOfSql } from './pool-spec.service.ts';
import { listingPhotoIdsSql, listingPhotoSql } from './pool-photo.service.ts';
import { receiptNoSql } from './pool-receipt.queries.ts';

/** LIKE pattern for a fragment typed by a person: % and _ are literal. */
const like = (s: string) =>
  `%${s
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** At most this many listings holding a text fragment: the page is read from them, not by walking the order. */
const FEW_HITS = 2000;

const locationSql = sql`concat_ws(' ', co.name, b.name, r.code, r.name)`;

/**
 * The listing rows named by `ids` (a subquery yielding pl.id, in order) with what the page shows.
 * `available`: the card is still with the offering unit in a status a transfer can move (a document
 * outside the pool may have moved or disposed of it since; approval then refuses).
 */
const listingRows = (actor: Actor, from: SQL, order: SQL) => {
  const mine = actor.unitId;
  return sql`
    SELECT pl.id, pl.status, pl.mode, pl.reason, pl.condition, pl.note, pl.listed_on::text AS "listedOn", pl.expires_on::text AS "expiresOn",
      (coalesce(pl.closed_at::date, ${businessToday()}::date) - pl.listed_on)::int AS "daysInPool",
      pl.unit_id AS "unitId", u.name AS "unitName", c.card_no AS "cardNo", c.name, c.brand, c.spec, ${specOfSql(sql`c.attributes`)} AS "specAttributes",
      c.category_id AS "categoryId", k.code AS "categoryCode", k.name AS "categoryName",
      c.original_value_fen::float8 AS "originalValueFen", c.net_value_fen::float8 AS "netValueFen", c.acquired_on::text AS "acquiredOn",
      nullif(${locationSql}, '') AS location,
      (c.unit_id = pl.unit_id AND c.status IN ('idle', 'in_use')) AS available,
      (SELECT count(*)::int FROM pool_requests pr WHERE pr.listing_id = pl.id AND pr.status = 'pending') AS "pendingRequests",
      ${mine ? sql`EXISTS (SELECT 1 FROM pool_requests pr WHERE pr.listing_id = pl.id AND pr.status = 'pending' AND pr.unit_id = ${mine})` : sql`false`} AS "requestedByMe",
      ${listingPhotoIdsSql} AS "photoIds", ${receiptNoSql} AS "receiptNo"
    FROM ${from}
    JOIN pool_listings pl ON pl.id = page.id
    JOIN cards c ON c.id = pl.card_id
    LEFT JOIN units u ON u.id = pl.unit_id
    LEFT JOIN categories k ON k.id = c.category_id
    LEFT JOIN rooms r ON r.id = c.room_id
    LEFT JOIN buildings b ON b.id = r.building_id
    LEFT JOIN compounds co ON co.id = r.compound_id
    ORDER BY ${order}`;
};

/** Sorts that need the card's current values join cards in the page query; the default does not. */
const LISTING_SORT: Record<string, string> = {
  listedOn: 'pl.listed_on',
  cardNo: 'c.card_no',
  netValueFen: 'c.net_value_fen',
  name: 'c.name',
};

/**
 * The catalogue: filtered and counted on pool_listings alone (its snapshot of category and search
 * text), then the page's rows joined to their cards for the current figures.
 */
/** `fewHits`: the most listings holding the fragment for which the page is read from them (tests vary it). */
export async function listListings(q: Queryable, actor: Actor, p: ListingQuery, fewHits = FEW_HITS): Promise<Page<Listing>> {
  const where: SQL[] = [sql`pl.status = ${p.status ?? 'listed'}`];
  const text = p.q?.trim().toLowerCase();
  // A fragment: the page walks the listing order testing LIKE on each row and stops when it is full; the
  // count asks pool_listings_search_idx (migrations/post/300) for the rows holding the fragment's 1- and
  // 2-grams (exact for 1 or 2 characters, LIKE decides longer ones) instead of LIKE on every listing.
  // The gram test is not for the page: there the planner walked the order calling the gram function on
  // each row (0.9 s for 会议 on 50,000 listings), or, kept apart, fetched and sorted every hit (打印).
  const pageText: SQL[] = [];
  const countText: SQL[] = [];
  if (text) {
    const grams = sql`card_search_grams(pl.search_text) @> ARRAY[${sql.join(
      searchGrams(text).map((g) => sql`${g}`),
      sql`, `,
    )}]::text[]`;
    pageText.push(sql`pl.search_text LIKE ${like(text)}`);
    countText.push([...text].length <= 2 ? grams : sql`${grams} AND pl.search_text LIKE ${like(text)}`);
  }
  // A category includes its subcategories (the GB/T 14885 tree's path).
  if (p.categoryId)
    where.push(
      sql`pl.category_id IN (SELECT id FROM categories WHERE path LIKE (SELECT path FROM categories WHERE id = ${p.categoryId}) || '%')`,
    );
  if (p.condition) where.push(sql`pl.condition = ${p.condition}`);
  if (p.location?.trim())
    where.push(sql`EXISTS (SELECT 1 FROM cards c JOIN rooms r ON r.id = c.room_id LEFT JOIN buildings b ON b.id = r.building_id
      LEFT JOIN compounds co ON co.id = r.compound_id WHERE c.id = pl.card_id AND lower(${locationSql}) LIKE ${like(p.location)})`);
  // 有照片: a probe of card_attachments_card_idx per listing (the card's few attachments), or the reverse.
  if (p.hasPhoto === 'true') where.push(sql`EXISTS (SELECT 1 FROM card_attachments a WHERE ${listingPhotoSql})`);
  if (p.hasPhoto === 'false') where.push(sql`NOT EXISTS (SELECT 1 FROM card_attachments a WHERE ${listingPhotoSql})`);
  if (p.mine === 'true') where.push(inScope(sql`pl.unit_id`, unitScope(actor, 'pool.read')));
  const cond = sql.join([...where, ...pageText], sql` AND `);
  const countCond = sql.join([...where, ...countText], sql` AND `);
  const dir = p.order === 'desc' || !p.sort ? 'DESC' : 'ASC';
  const key = p.sort ?? 'listedOn';
  const order = sql.raw(`${LISTING_SORT[key]} ${dir}, pl.id ${dir}`);
  const joinCards = key === 'listedOn' ? sql`` : sql`JOIN cards c ON c.id = pl.card_id`;
  const [{ n }] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM pool_listings pl WHERE ${countCond}`);
  // A fragment few listings hold (the count says how few): the page is taken from those listings, read
  // through the grams (a fenced CTE, so the planner cannot walk the order testing LIKE on every row,
  // which it did for 会议, guessing 5 of 983 hits), and sorted. Held by many, the walk in order finds a
  // page soon. Either way the page's own conditions decide, so the rows are the same.
  const from =
    text && n <= fewHits
      ? sql`(WITH hits AS MATERIALIZED (SELECT pl.* FROM pool_listings pl WHERE ${countCond} AND ${cond})
        SELECT pl.id FROM hits pl ${joinCards}`
      : sql`(SELECT pl.id FROM pool_listings pl ${joinCards} WHERE ${cond}`;
  // The page's ids in order (the default sort walks pool_listings_status_idx and stops at the page);
  // the outer query repeats the order over the same aliases.
  const page = sql`${from} ORDER BY ${order} LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}) page`;
  const items = await query<Listing>(q, listingRows(actor, page, order));
  return { items, total: n, page: p.page, pageSize: p.pageSize };
}

export async function getListing(q: Queryable, actor: Actor, id: string): Promise<Listing> {
  const [row] = await query<Listing>(q, listingRows(actor, sql`(SELECT ${id}::uuid AS id) page`, sql`pl.id`));
  if (!row) throw notFound('公物仓资产');
  return row;
}

/** A loan out past its due date (today in the business zone), not returned. */
const overdueSql = () => sql`(pr.kind = 'loan' AND pr.status = 'approved' AND pr.due_on < ${businessToday()}::date)`;

const requestSelect = () => sql`
  SELECT pr.id, pr.status, pr.kind, pr.due_on::text AS "dueOn", pr.returned_on::text AS "returnedOn", ${overdueSql()} AS overdue, pr.purpose, pr.comment, pr.unit_id AS "unitId", u.name AS "unitName",
    ru.display_name AS "requestedByName", pr.created_at AS "createdAt", du.display_name AS "decidedByName", pr.decided_at AS "decidedAt",
    pl.id AS "listingId", pl.status AS "listingStatus", c.card_no AS "cardNo", c.name, fu.name AS "fromUnitName",
    coalesce(pr.net_value_fen, c.net_value_fen)::float8 AS "netValueFen",
    pr.transfer_document_id AS "transferDocumentId", d.doc_no AS "transferDocNo",
    (SELECT count(*)::int FROM pool_requests o WHERE o.listing_id = pr.listing_id AND o.status = 'pending' AND o.id <> pr.id) AS competing
  FROM pool_requests pr
  JOIN pool_listings pl ON pl.id = pr.listing_id
  JOIN cards c ON c.id = pl.card_id
  LEFT JOIN units u ON u.id = pr.unit_id
  LEFT JOIN units fu ON fu.id = pl.unit_id
  LEFT JOIN users ru ON ru.id = pr.requested_by
  LEFT JOIN users du ON du.id = pr.decided_by
  LEFT JOIN documents d ON d.id = pr.transfer_document_id`;

interface RawRequest extends Omit<PoolRequest, 'createdAt' | 'decidedAt'> {
  createdAt: Date | string;
  decidedAt: Date | string | null;
}
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const mapRequest = (r: RawRequest): PoolRequest => ({ ...r, createdAt: iso(r.createdAt)!, decidedAt: iso(r.decidedAt) });

export async function listRequests(q: Queryable, actor: Actor, p: RequestQuery): Promise<Page<PoolRequest>> {
  const where: SQL[] = [inScope(sql`pr.unit_id`, unitScope(actor, 'pool.read'))];
  if (p.status) where.push(sql`pr.status = ${p.status}`);
  if (p.kind) where.push(sql`pr.kind = ${p.kind}`);
  if (p.overdue === 'true') where.push(overdueSql());
  if (p.q?.trim()) {
    const f = like(p.q);
    where.push(sql`(c.search_text LIKE ${f} OR lower(pr.purpose) LIKE ${f} OR lower(coalesce(u.name, '')) LIKE ${f})`);
  }
  const cond = sql.join(where, sql` AND `);
  const order =
    p.sort === 'status' ? sql.raw(`pr.status ${p.order === 'desc' ? 'DESC' : 'ASC'}, pr.created_at DESC`) : sql.raw('pr.created_at DESC');
  const rows = await query<RawRequest>(
    q,
    sql`${requestSelect()} WHERE ${cond} ORDER BY ${order}, pr.id LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
  );
  const [{ n }] = await query<{ n: number }>(
    q,
    sql`SELECT count(*)::int AS n FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id JOIN cards c ON c.id = pl.card_id
      LEFT JOIN units u ON u.id = pr.unit_id WHERE ${cond}`,
  );
  return { items: rows.map(mapRequest), total: n, page: p.page, pageSize: p.pageSize };
}

export async function getRequest(q: Queryable, actor: Actor, id: string): Promise<PoolRequest> {
  const [row] = await query<RawRequest>(
    q,
    sql`${requestSelect()} WHERE pr.id = ${id} AND ${inScope(sql`pr.unit_id`, unitScope(actor, 'pool.read'))}`,
  );
  if (!row) throw notFound('调剂申请');
  return mapRequest(row);
}

/**
 * 资产使用效益 per unit: how much of what it holds is in use, what has stood idle past the limit
 * (no ledger change since), and what it gave to and took from the pool. Set-based: one statement.
 */
export async function utilisation(q: Queryable, actor: Actor, idleMonths: number): Promise<UtilisationReport> {
  const today = businessToday();
  const cutoff = addMonths(today, -idleMonths);
  const scope = unitScope(actor, 'pool.evaluate');
  const items = await query<UtilisationReport['items'][number]>(
    q,
    sql`
    WITH held AS (
      SELECT c.unit_id,
        count(*)::int AS held,
        count(*) FILTER (WHERE c.status IN ('in_use', 'lent', 'rented', 'under_repair'))::int AS in_use,
        count(*) FILTER (WHERE c.status = 'idle')::int AS idle,
        count(*) FILTER (WHERE c.status = 'idle' AND (
          SELECT e.occurred_at FROM card_events e WHERE e.card_id = c.id ORDER BY e.seq DESC LIMIT 1) < ${cutoff}::date)::int AS idle_overdue
      FROM cards c WHERE c.status NOT IN ('disposed', 'pending_posting', 'missing') AND ${inScope(sql`c.unit_id`, scope)}
      GROUP BY c.unit_id),
    listed AS (SELECT unit_id, count(*)::int AS n FROM pool_listings WHERE status = 'listed' GROUP BY unit_id),
    given AS (
      SELECT pl.unit_id, sum(pr.net_value_fen)::float8 AS fen FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id
      WHERE pr.status = 'approved' GROUP BY pl.unit_id),
    taken AS (SELECT unit_id, sum(net_value_fen)::float8 AS fen FROM pool_requests WHERE status = 'approved' GROUP BY unit_id)
    SELECT u.id AS "unitId", u.code AS "unitCode", u.name AS "unitName",
      coalesce(h.held, 0) AS held, coalesce(h.in_use, 0) AS "inUse", coalesce(h.idle, 0) AS idle,
      CASE WHEN coalesce(h.held, 0) = 0 THEN 0 ELSE round(h.in_use * 1000.0 / h.held)::int END AS "usageRatePermille",
      coalesce(h.idle_overdue, 0) AS "idleOverdue", coalesce(l.n, 0) AS listed,
      coalesce(g.fen, 0) AS "givenFen", coalesce(t.fen, 0) AS "takenFen"
    FROM units u
    LEFT JOIN held h ON h.unit_id = u.id LEFT JOIN listed l ON l.unit_id = u.id
    LEFT JOIN given g ON g.unit_id = u.id LEFT JOIN taken t ON t.unit_id = u.id
    WHERE u.kind = 'unit' AND ${inScope(sql`u.id`, scope)}
    ORDER BY u.sort, u.code`,
  );
  return { idleMonths, asOf: today, items };
}
