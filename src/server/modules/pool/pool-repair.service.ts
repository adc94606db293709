// 维修再利用 (docs/domain.md §11): a pool item nobody wants, or one in need of repair, is sent to a
// vendor by the committee; repaired, it is back in the pool (its time limit counted afresh) and the
// repair is a 维修 document on the card's ledger; beyond repair, it is proposed for disposal.
// One transaction per step; the card changes only through the workflow document.
import { eq, sql } from 'drizzle-orm';
import { DEFAULT_LISTING_LIMIT_MONTHS, type RepairFinishInput, type RepairInput } from '../../../shared/pool.contracts.ts';
import { fenToYuan } from '../../../shared/money.ts';
import { assertInScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { addMonths, executeDecidedDocument } from '../workflow/index.ts';
import { poolListings, poolRepairs } from './pool.tables.ts';

/** Listing statuses a repair may start from: in the pool (nobody asking) or proposed for disposal. */
const REPAIRABLE = ['listed', 'disposal_proposed'];

/** 送修: the listing leaves the catalogue while the vendor has it. */
export async function sendForRepair(q: Queryable, actor: Actor, listingId: string, input: RepairInput): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    const [listing] = await tx.select().from(poolListings).where(eq(poolListings.id, listingId)).for('update');
    if (!listing) throw notFound('公物仓资产');
    assertInScope(listing.unitId, unitScope(actor, 'pool.decide'), '公物仓资产');
    if (!REPAIRABLE.includes(listing.status)) throw new AppError('invalid_transition', '只有在仓或拟处置的资产可以送修');
    const [asked] = await query<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM pool_requests WHERE listing_id = ${listingId} AND status = 'pending'`,
    );
    if (asked.n > 0) throw new AppError('rule_violation', '该资产有待审批的调剂申请，先处理申请再送修');
    try {
      const [row] = await tx
        .insert(poolRepairs)
        .values({
          listingId,
          unitId: listing.unitId,
          vendor: input.vendor,
          fault: input.fault,
          estimateFen: input.estimateFen ?? null,
          sentOn: businessToday(),
          sentBy: actor.userId,
        })
        .returning({ id: poolRepairs.id });
      await tx.update(poolListings).set({ status: 'in_repair' }).where(eq(poolListings.id, listingId));
      return { id: row.id };
    } catch (err) {
      if (pgCode(err) === '23505') throw new AppError('conflict', '该资产已在维修中');
      throw err;
    }
  });
}

/**
 * 维修完成: the outcome and what it cost. Repaired: a 维修 document of the owning unit (vendor, cost,
 * the fault) decided by the committee and executed, so the card's ledger has it; the item is back
 * in the pool in good condition with a new time limit. Beyond repair: proposed for disposal.
 */
export async function finishRepair(q: Queryable, actor: Actor, repairId: string, input: RepairFinishInput): Promise<{ docNo?: string }> {
  const today = businessToday();
  const on = input.finishedOn ?? today;
  if (on > today) throw invalid({ finishedOn: '完成日期不能晚于今天' });
  return withTx(q, async (tx) => {
    const [repair] = await tx.select().from(poolRepairs).where(eq(poolRepairs.id, repairId)).for('update');
    if (!repair) throw notFound('维修记录');
    assertInScope(repair.unitId, unitScope(actor, 'pool.decide'), '维修记录');
    if (repair.outcome) throw new AppError('invalid_transition', '该维修已登记结果');
    if (on < repair.sentOn) throw invalid({ finishedOn: `完成日期早于送修日期 ${repair.sentOn}` });
    const [listing] = await tx.select().from(poolListings).where(eq(poolListings.id, repair.listingId)).for('update');
    let documentId: string | null = null;
    let docNo: string | undefined;
    if (input.outcome === 'repaired') {
      const note = `公物仓维修再利用：${repair.fault}；费用 ${fenToYuan(input.costFen)} 元${input.note ? `；${input.note}` : ''}`;
      const doc = await executeDecidedDocument(
        tx,
        actor,
        {
          type: 'maintenance',
          unitId: listing.unitId,
          title: '公物仓维修再利用',
          payload: { vendor: repair.vendor, costFen: input.costFen, note: note.slice(0, 1000) },
          lines: [{ cardId: listing.cardId, reason: repair.fault.slice(0, 500) }],
        },
        note,
      );
      documentId = doc.documentId;
      docNo = doc.docNo;
      await tx
        .update(poolListings)
        .set({
          status: 'listed',
          condition: input.condition ?? 'good',
          expiresOn: addMonths(today, DEFAULT_LISTING_LIMIT_MONTHS),
          closedAt: null,
          closedOn: null,
        })
        .where(eq(poolListings.id, listing.id));
    } else {
      await tx
        .update(poolListings)
        .set({ status: 'disposal_proposed', closedAt: new Date(), closedOn: on, closedBy: actor.userId })
        .where(eq(poolListings.id, listing.id));
    }
    await tx
      .update(poolRepairs)
      .set({
        outcome: input.outcome,
        costFen: input.costFen,
        finishedOn: on,
        finishedBy: actor.userId,
        note: input.note || null,
        documentId,
      })
      .where(eq(poolRepairs.id, repairId));
    return docNo ? { docNo } : {};
  });
}
