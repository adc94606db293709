// 打包处置 (docs/domain.md §11): the committee bundles pool items nobody wants into one lot and one
// disposal document — an open sale with its buyer, price and pricing basis — submitted into the
// ordinary disposal chain, so the disposal gates (a sale's terms, early disposal's ground, the
// amount's approval levels) apply as to any disposal, and the income is tracked by the income module
// once the document is executed. A lot holds the items of one owning unit (a document is one unit's).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { LotInput } from '../../../shared/pool.contracts.ts';
import { fenToYuan } from '../../../shared/money.ts';
import { unitScope, type Actor } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { createDocument, submitDocument } from '../workflow/index.ts';
import { poolDisposalLots, poolListings } from './pool.tables.ts';

/** Items a lot may take: proposed for disposal, or in the pool with nobody asking. */
const LOTTABLE = ['disposal_proposed', 'listed'];

export async function createLot(q: Queryable, actor: Actor, input: LotInput): Promise<{ id: string; docNo: string }> {
  const ids = [...new Set(input.listingIds)];
  if (ids.length !== input.listingIds.length) throw invalid({ listingIds: '资产重复' });
  const scope = unitScope(actor, 'pool.decide');
  return withTx(q, async (tx) => {
    const rows = await tx.select().from(poolListings).where(inArray(poolListings.id, ids)).orderBy(poolListings.id).for('update');
    if (rows.length !== ids.length || (scope !== 'all' && rows.some((r) => !scope.includes(r.unitId)))) throw notFound('公物仓资产');
    const asked = await query<{ listing_id: string; card_no: string }>(
      tx,
      sql`SELECT DISTINCT pr.listing_id, c.card_no FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id
        JOIN cards c ON c.id = pl.card_id WHERE pr.status = 'pending' AND pr.listing_id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
    );
    const fields: Record<string, string> = {};
    for (const [i, id] of input.listingIds.entries()) {
      const row = rows.find((r) => r.id === id)!;
      const wanted = asked.find((a) => a.listing_id === id);
      if (!LOTTABLE.includes(row.status)) fields[`listingIds.${i}`] = '只有拟处置或在仓无人申请的资产可以打包处置';
      else if (wanted) fields[`listingIds.${i}`] = `资产 ${wanted.card_no} 有待审批的调剂申请，不能处置`;
    }
    if (Object.keys(fields).length) throw invalid(fields, Object.values(fields)[0]);
    const units = new Set(rows.map((r) => r.unitId));
    if (units.size > 1) throw invalid({ listingIds: '一个处置批次只能包含同一产权单位的资产（处置单按单位审批）' });
    const [unitId] = units;
    const note = `公物仓打包处置 ${ids.length} 件，公开出售，受让方 ${input.buyer}，成交价 ${fenToYuan(input.priceFen)} 元${input.note ? `；${input.note}` : ''}`;
    const cardOf = new Map(rows.map((r) => [r.id, r.cardId]));
    const doc = await createDocument(tx, actor, {
      type: 'disposal',
      unitId,
      title: `公物仓打包处置（${ids.length} 件）`,
      payload: {
        disposalMethod: 'sale',
        buyer: input.buyer,
        priceFen: input.priceFen,
        pricingBasis: input.pricingBasis,
        appraisal: input.appraisal || undefined,
        earlyGround: input.earlyGround || undefined,
        note: note.slice(0, 1000),
      },
      lines: input.listingIds.map((id) => ({ cardId: cardOf.get(id)!, reason: '公物仓超期无人申请，打包处置' })),
    });
    // The disposal gates run on submission: a refusal rolls the lot back with the document, and
    // names the lot's own field (payload.earlyGround → earlyGround).
    try {
      await submitDocument(tx, actor, doc.id);
    } catch (err) {
      if (err instanceof AppError && err.fields)
        throw new AppError(
          err.id,
          err.message,
          Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^payload\./, ''), v])),
        );
      throw err;
    }
    const [lot] = await tx
      .insert(poolDisposalLots)
      .values({
        unitId,
        documentId: doc.id,
        buyer: input.buyer,
        priceFen: input.priceFen,
        pricingBasis: input.pricingBasis,
        items: ids.length,
        createdBy: actor.userId,
      })
      .returning({ id: poolDisposalLots.id });
    await tx
      .update(poolListings)
      .set({ status: 'in_disposal', lotId: lot.id, closedAt: new Date(), closedOn: businessToday(), closedBy: actor.userId })
      .where(inArray(poolListings.id, ids));
    return { id: lot.id, docNo: doc.docNo };
  });
}

/**
 * Settles lots by their document: executed — the items are disposed of; refused or cancelled — the
 * lot is released and its items are back on the disposal list. Set-based; run by the daily job
 * (pool.expire) and the committee's 在仓时限 action. Until then the lot shows its document's status.
 */
export async function settleLots(q: Queryable): Promise<{ disposed: number; released: number }> {
  return withTx(q, async (tx) => {
    const disposed = await query<{ id: string }>(
      tx,
      sql`UPDATE pool_listings pl SET status = 'disposed', closed_on = c.disposed_on
        FROM pool_disposal_lots l, documents d, cards c
        WHERE pl.lot_id = l.id AND d.id = l.document_id AND c.id = pl.card_id AND pl.status = 'in_disposal' AND d.status = 'executed'
        RETURNING pl.id`,
    );
    const released = await query<{ id: string }>(
      tx,
      sql`UPDATE pool_disposal_lots l SET released_at = now() FROM documents d
        WHERE d.id = l.document_id AND l.released_at IS NULL AND d.status IN ('rejected', 'cancelled') RETURNING l.id`,
    );
    if (released.length)
      await tx
        .update(poolListings)
        .set({ status: 'disposal_proposed', lotId: null })
        .where(
          and(
            eq(poolListings.status, 'in_disposal'),
            inArray(
              poolListings.lotId,
              released.map((r) => r.id),
            ),
          ),
        );
    return { disposed: disposed.length, released: released.length };
  });
}
