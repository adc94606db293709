// The pool's repairs and disposal lots, as the committee and the owning units see them. A lot's
// income is the income module's: what its disposal document brought (workflow's documentIncomeSql,
// the same read the income module tracks) and what has been turned over to the treasury (the income
// module's turnedOverFenSql).
import { sql, type SQL } from 'drizzle-orm';
import type { PoolLot, PoolRepair, RepairQuery } from '../../../shared/pool.contracts.ts';
import type { Page, PageQuery } from '../../../shared/paging.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { turnedOverFenSql } from '../income/index.ts';
import { documentIncomeSql } from '../workflow/index.ts';

export async function listRepairs(q: Queryable, actor: Actor, p: RepairQuery): Promise<Page<PoolRepair>> {
  const where: SQL[] = [inScope(sql`r.unit_id`, unitScope(actor, 'pool.read'))];
  if (p.state === 'open') where.push(sql`r.outcome IS NULL`);
  if (p.state === 'done') where.push(sql`r.outcome IS NOT NULL`);
  const cond = sql.join(where, sql` AND `);
  const items = await query<PoolRepair>(
    q,
    sql`SELECT r.id, r.listing_id AS "listingId", c.card_no AS "cardNo", c.name, u.name AS "unitName", r.vendor, r.fault,
      r.estimate_fen::float8 AS "estimateFen", r.sent_on::text AS "sentOn", r.outcome, r.cost_fen::float8 AS "costFen",
      r.finished_on::text AS "finishedOn", r.note, r.document_id AS "documentId", d.doc_no AS "docNo"
    FROM pool_repairs r JOIN pool_listings pl ON pl.id = r.listing_id JOIN cards c ON c.id = pl.card_id
    LEFT JOIN units u ON u.id = r.unit_id LEFT JOIN documents d ON d.id = r.document_id
    WHERE ${cond} ORDER BY r.outcome IS NOT NULL, r.sent_on DESC, r.id
    LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
  );
  const [{ n }] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM pool_repairs r WHERE ${cond}`);
  return { items, total: n, page: p.page, pageSize: p.pageSize };
}

const lotSelect = () => sql`
  SELECT l.id, l.unit_id AS "unitId", u.name AS "unitName", l.document_id AS "documentId", d.doc_no AS "docNo", d.status AS "documentStatus",
    l.buyer, l.price_fen::float8 AS "priceFen", l.pricing_basis AS "pricingBasis", l.items::int AS items, l.created_at AS "createdAt",
    l.released_at IS NOT NULL AS released,
    coalesce(inc.amount_fen, 0)::float8 AS "incomeReceivedFen",
    ${turnedOverFenSql(sql`l.document_id`)}::float8 AS "incomeTurnedOverFen",
    coalesce((SELECT json_agg(json_build_object('listingId', pl.id, 'cardNo', c.card_no, 'name', c.name, 'netValueFen', c.net_value_fen::float8)
      ORDER BY c.card_no) FROM pool_listings pl JOIN cards c ON c.id = pl.card_id WHERE pl.lot_id = l.id), '[]'::json) AS cards
  FROM pool_disposal_lots l JOIN documents d ON d.id = l.document_id LEFT JOIN units u ON u.id = l.unit_id
  LEFT JOIN (${documentIncomeSql()}) inc ON inc.document_id = l.document_id`;

type RawLot = Omit<PoolLot, 'createdAt' | 'netValueFen' | 'incomeOutstandingFen'> & { createdAt: Date | string };
const mapLot = (r: RawLot): PoolLot => ({
  ...r,
  createdAt: new Date(r.createdAt).toISOString(),
  netValueFen: r.cards.reduce((s, c) => s + c.netValueFen, 0),
  incomeOutstandingFen: r.incomeReceivedFen - r.incomeTurnedOverFen,
});

export async function listLots(q: Queryable, actor: Actor, p: PageQuery): Promise<Page<PoolLot>> {
  const cond = inScope(sql`l.unit_id`, unitScope(actor, 'pool.read'));
  const rows = await query<RawLot>(
    q,
    sql`${lotSelect()} WHERE ${cond} ORDER BY l.created_at DESC, l.id LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
  );
  const [{ n }] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM pool_disposal_lots l WHERE ${cond}`);
  return { items: rows.map(mapLot), total: n, page: p.page, pageSize: p.pageSize };
}

export async function getLot(q: Queryable, actor: Actor, id: string): Promise<PoolLot> {
  const [row] = await query<RawLot>(
    q,
    sql`${lotSelect()} WHERE l.id = ${id} AND ${inScope(sql`l.unit_id`, unitScope(actor, 'pool.read'))}`,
  );
  if (!row) throw notFound('处置批次');
  return mapLot(row);
}
