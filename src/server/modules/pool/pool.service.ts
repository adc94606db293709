// The idle pool's rules: offering cards, withdrawing them, requesting a listed item, and the
// committee's decision. A card is changed only through the assets module (physical custody) or a
// 调拨 document executed by the workflow module (reallocation); each mutation is one transaction.
import { and, eq, sql } from 'drizzle-orm';
import { CARD_STATUSES, type CardStatus } from '../../../shared/assets.enums.ts';
import {
  DEFAULT_LISTING_LIMIT_MONTHS,
  type DecideInput,
  type ExpiryResult,
  type OfferInput,
  type RequestInput,
} from '../../../shared/pool.contracts.ts';
import { assertInScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { changeCard, getCardForUpdate } from '../assets/index.ts';
import { addMonths, executePoolLoan, executeReallocation, openDocumentsOf, returnPoolLoan } from '../workflow/index.ts';
import { businessToday } from '../../platform/clock.ts';
import { poolListings, poolRequests } from './pool.tables.ts';

/** Statuses a pooled card may have: those a cross-unit 调拨 can move (workflow.rules.ts). */
const POOLABLE: readonly CardStatus[] = ['idle', 'in_use'];

type ListingRow = typeof poolListings.$inferSelect;
type RequestRow = typeof poolRequests.$inferSelect;

async function committeeUnit(q: Queryable): Promise<string> {
  const [row] = await query<{ id: string }>(q, sql`SELECT id FROM units WHERE kind = 'committee' ORDER BY sort, code LIMIT 1`);
  if (!row) throw new AppError('rule_violation', '未设置管委会单位，不能实物入仓');
  return row.id;
}

/** 入仓: lists the cards (all or none); physical custody moves the managing unit to the committee. The ids answer the cards in order. */
export async function offerCards(q: Queryable, actor: Actor, input: OfferInput): Promise<{ ids: string[] }> {
  const scope = unitScope(actor, 'pool.offer');
  const cardIds = [...new Set(input.cardIds)];
  if (cardIds.length !== input.cardIds.length) throw invalid({ cardIds: '资产卡片重复' });
  return withTx(q, async (tx) => {
    const busy = await openDocumentsOf(tx, cardIds);
    const fields: Record<string, string> = {};
    const rows = [];
    // A stable lock order, as document execution uses, so overlapping offers cannot deadlock.
    for (const id of [...cardIds].sort()) {
      const card = await getCardForUpdate(tx, id, scope);
      const i = input.cardIds.indexOf(id);
      const held = busy.find((b) => b.cardId === id);
      if (!POOLABLE.includes(card.status as CardStatus))
        fields[`cardIds.${i}`] =
          `资产 ${card.cardNo} 当前状态为「${CARD_STATUSES[card.status as CardStatus]?.[0] ?? card.status}」，只有在用或闲置的资产可以入仓`;
      else if (held) fields[`cardIds.${i}`] = `资产 ${card.cardNo} 在未完成的单据 ${held.docNo} 中，办结后再入仓`;
      rows.push(card);
    }
    if (Object.keys(fields).length) throw invalid(fields, Object.values(fields)[0]);
    const committee = input.mode === 'physical' ? await committeeUnit(tx) : undefined;
    const today = businessToday();
    const listingOf = new Map<string, string>();
    const texts = new Map(
      (
        await query<{ id: string; text: string }>(
          tx,
          sql`SELECT c.id, lower(concat_ws(chr(31), c.card_no, c.name, c.spec, c.brand, k.code, k.name, u.name)) AS text
          FROM cards c LEFT JOIN categories k ON k.id = c.category_id LEFT JOIN units u ON u.id = c.unit_id
          WHERE c.id IN (${sql.join(
            cardIds.map((i) => sql`${i}`),
            sql`, `,
          )})`,
        )
      ).map((r) => [r.id, r.text]),
    );
    for (const card of rows) {
      try {
        const [row] = await tx
          .insert(poolListings)
          .values({
            cardId: card.id,
            unitId: card.unitId,
            categoryId: card.categoryId,
            searchText: texts.get(card.id) ?? '',
            netValueFen: card.netValueFen ?? 0,
            mode: input.mode,
            reason: input.reason,
            condition: input.condition,
            note: input.note || null,
            listedOn: today,
            expiresOn: addMonths(today, input.limitMonths ?? DEFAULT_LISTING_LIMIT_MONTHS),
            listedBy: actor.userId,
          })
          .returning({ id: poolListings.id });
        listingOf.set(card.id, row.id);
      } catch (err) {
        if (pgCode(err) === '23505') throw new AppError('conflict', `资产 ${card.cardNo} 已在公物仓中`);
        throw err;
      }
      if (committee)
        await changeCard(tx, { userId: actor.userId }, card.id, {
          set: { managingUnitId: committee },
          eventType: 'handed_over',
          note: `实物入公物仓，交管委会保管；经办：${actor.displayName}`,
        });
    }
    // In the order the cards were given (they were locked and listed in id order).
    return { ids: input.cardIds.map((id) => listingOf.get(id)!) };
  });
}

async function lockListing(tx: Tx, id: string): Promise<ListingRow> {
  const [row] = await tx.select().from(poolListings).where(eq(poolListings.id, id)).for('update');
  if (!row) throw notFound('公物仓资产');
  return row;
}

/** Rejects the listing's other pending requests, telling each unit why. */
async function closeCompeting(tx: Tx, actor: Actor, listingId: string, except: string | null, comment: string): Promise<void> {
  await tx.execute(sql`
    UPDATE pool_requests SET status = 'rejected', comment = ${comment}, decided_by = ${actor.userId}, decided_at = now(), decided_on = ${businessToday()}
    WHERE listing_id = ${listingId} AND status = 'pending' ${except ? sql`AND id <> ${except}` : sql``}`);
}

/** 撤回入仓: the offering unit (or the committee) takes the item back; physical custody returns. */
export async function withdrawListing(q: Queryable, actor: Actor, id: string): Promise<void> {
  await withTx(q, async (tx) => {
    const listing = await lockListing(tx, id);
    assertInScope(listing.unitId, unitScope(actor, 'pool.offer'), '公物仓资产');
    if (listing.status !== 'listed') throw new AppError('invalid_transition', '只有在仓待调剂的资产可以撤回');
    await tx
      .update(poolListings)
      .set({ status: 'withdrawn', closedAt: new Date(), closedOn: businessToday(), closedBy: actor.userId })
      .where(eq(poolListings.id, id));
    await closeCompeting(tx, actor, id, null, '入仓单位已撤回该资产');
    if (listing.mode === 'physical')
      await changeCard(tx, { userId: actor.userId }, listing.cardId, {
        set: { managingUnitId: listing.unitId },
        eventType: 'handed_over',
        note: `撤出公物仓，交回原单位管理；经办：${actor.displayName}`,
        eventWhenUnchanged: false,
      });
  });
}

/** 申请调剂: a unit asks for a listed item of another unit. */
export async function requestListing(q: Queryable, actor: Actor, listingId: string, input: RequestInput): Promise<{ id: string }> {
  const scope = unitScope(actor, 'pool.request');
  const unitId = input.unitId ?? actor.unitId;
  if (!unitId) throw invalid({ unitId: '请选择申请单位' });
  if (scope !== 'all' && !scope.includes(unitId)) throw new AppError('forbidden', '只能为本单位申请调剂');
  const kind = input.kind ?? 'transfer';
  if (kind === 'loan' && !input.dueOn) throw invalid({ dueOn: '借用请填写归还日期' });
  if (kind === 'loan' && input.dueOn! <= businessToday()) throw invalid({ dueOn: '归还日期应晚于今天' });
  return withTx(q, async (tx) => {
    const [listing] = await tx.select().from(poolListings).where(eq(poolListings.id, listingId));
    if (!listing) throw notFound('公物仓资产');
    if (listing.status !== 'listed') throw new AppError('invalid_transition', '该资产已调剂或已撤回，不能再申请');
    if (listing.unitId === unitId) throw new AppError('rule_violation', '不能申请本单位入仓的资产（请直接撤回使用）');
    try {
      const [row] = await tx
        .insert(poolRequests)
        .values({
          listingId,
          unitId,
          purpose: input.purpose,
          requestedBy: actor.userId,
          kind,
          dueOn: kind === 'loan' ? input.dueOn! : null,
        })
        .returning({ id: poolRequests.id });
      return { id: row.id };
    } catch (err) {
      if (pgCode(err) === '23505') throw new AppError('conflict', '本单位已申请该资产，等待审批');
      throw err;
    }
  });
}

async function loadRequest(tx: Queryable, actor: Actor, id: string, permission: 'pool.request' | 'pool.read'): Promise<RequestRow> {
  const [row] = await tx.select().from(poolRequests).where(eq(poolRequests.id, id));
  if (!row) throw notFound('调剂申请');
  assertInScope(row.unitId, unitScope(actor, permission), '调剂申请');
  return row;
}

/** 撤回申请: the requesting unit withdraws a pending request. */
export async function withdrawRequest(q: Queryable, actor: Actor, id: string): Promise<void> {
  await withTx(q, async (tx) => {
    const req = await loadRequest(tx, actor, id, 'pool.request');
    const [updated] = await tx
      .update(poolRequests)
      .set({ status: 'withdrawn', decidedAt: new Date(), decidedOn: businessToday() })
      .where(and(eq(poolRequests.id, id), eq(poolRequests.status, 'pending')))
      .returning({ id: poolRequests.id });
    if (!updated) throw new AppError('invalid_transition', `该申请已${req.status === 'approved' ? '批准' : '处理'}，不能撤回`);
  });
}

/**
 * The committee decides. Approval locks the listing first, so of two approvals racing for one item
 * the second waits and then finds it reallocated; the card moves by a 调拨 document in the same
 * transaction, and the other units' pending requests are told who got it.
 */
export async function decideRequest(
  q: Queryable,
  actor: Actor,
  id: string,
  input: DecideInput,
): Promise<{ status: string; docNo?: string }> {
  return withTx(q, async (tx) => {
    const first = await loadRequest(tx, actor, id, 'pool.read');
    const listing = await lockListing(tx, first.listingId);
    const [req] = await tx.select().from(poolRequests).where(eq(poolRequests.id, id)).for('update');
    if (req.status !== 'pending') throw new AppError('invalid_transition', '该申请已处理');
    if (req.requestedBy === actor.userId) throw new AppError('forbidden', '不能审批本人提出的调剂申请');
    const now = new Date();
    if (!input.approve) {
      await tx
        .update(poolRequests)
        .set({
          status: 'rejected',
          comment: input.comment || '未获批准',
          decidedBy: actor.userId,
          decidedAt: now,
          decidedOn: businessToday(),
        })
        .where(eq(poolRequests.id, id));
      return { status: 'rejected' };
    }
    if (listing.status !== 'listed')
      throw new AppError('conflict', listing.status === 'reallocated' ? '该资产已调剂给其他单位' : '该资产已被入仓单位撤回');
    const [names] = await query<{ to_name: string; card_no: string; net_value_fen: number; unit_id: string; status: CardStatus }>(
      tx,
      sql`SELECT (SELECT name FROM units WHERE id = ${req.unitId}) AS to_name, c.card_no, c.net_value_fen, c.unit_id, c.status
        FROM cards c WHERE c.id = ${listing.cardId}`,
    );
    // A document outside the pool (a disposal, a transfer) may have moved the card since it was listed.
    if (names.unit_id !== listing.unitId || !POOLABLE.includes(names.status))
      throw new AppError('conflict', `资产 ${names.card_no} 入仓后已被调出或状态已变更，不能调剂，请入仓单位撤回`);
    if (req.kind === 'loan') {
      const today = businessToday();
      if (!req.dueOn || req.dueOn <= today) throw new AppError('rule_violation', '借用的归还日期已过，请申请单位重新申请');
      const doc = await executePoolLoan(tx, actor, {
        fromUnitId: listing.unitId,
        borrowerName: names.to_name,
        cardId: listing.cardId,
        title: `公物仓借用 ${names.card_no} → ${names.to_name}`,
        note: `公物仓借用：${names.to_name} 申请（${req.purpose}），${today} 至 ${req.dueOn}${input.comment ? `；审批意见：${input.comment}` : ''}`,
        periodFrom: today,
        periodTo: req.dueOn,
      });
      await tx
        .update(poolRequests)
        .set({
          status: 'approved',
          comment: input.comment || null,
          decidedBy: actor.userId,
          decidedAt: now,
          decidedOn: today,
          transferDocumentId: doc.documentId,
        })
        .where(eq(poolRequests.id, id));
      await tx.update(poolListings).set({ status: 'on_loan' }).where(eq(poolListings.id, listing.id));
      await closeCompeting(tx, actor, listing.id, id, `该资产已借给${names.to_name}，归还后可再申请`);
      return { status: 'approved', docNo: doc.docNo };
    }
    const note = `公物仓调剂：${names.to_name} 申请（${req.purpose}）${input.comment ? `；审批意见：${input.comment}` : ''}`;
    const doc = await executeReallocation(tx, actor, {
      fromUnitId: listing.unitId,
      toUnitId: req.unitId,
      cardId: listing.cardId,
      title: `公物仓调剂 ${names.card_no} → ${names.to_name}`,
      note,
    });
    await tx
      .update(poolRequests)
      .set({
        status: 'approved',
        comment: input.comment || null,
        decidedBy: actor.userId,
        decidedAt: now,
        decidedOn: businessToday(),
        transferDocumentId: doc.documentId,
        netValueFen: Number(names.net_value_fen),
      })
      .where(eq(poolRequests.id, id));
    await tx
      .update(poolListings)
      .set({ status: 'reallocated', closedAt: now, closedOn: businessToday(), closedBy: actor.userId })
      .where(eq(poolListings.id, listing.id));
    await closeCompeting(tx, actor, listing.id, id, `该资产已调剂给${names.to_name}`);
    return { status: 'approved', docNo: doc.docNo };
  });
}

/**
 * 借用归还: the borrowing unit (or the committee) returns a lent pool item. The 出借 document records
 * the return and the card comes back into use with its owner; the listing is in the pool again, its
 * time limit counted afresh from the return.
 */
export async function returnLoan(q: Queryable, actor: Actor, id: string, returnedOn?: string): Promise<void> {
  await withTx(q, async (tx) => {
    const first = await loadRequest(tx, actor, id, 'pool.request');
    const listing = await lockListing(tx, first.listingId);
    const [req] = await tx.select().from(poolRequests).where(eq(poolRequests.id, id)).for('update');
    if (req.kind !== 'loan' || req.status !== 'approved' || !req.transferDocumentId)
      throw new AppError('invalid_transition', '只有已借出未归还的借用可以归还');
    const today = businessToday();
    const on = returnedOn ?? today;
    if (on > today) throw invalid({ returnedOn: '归还日期不能晚于今天' });
    await returnPoolLoan(tx, actor, req.transferDocumentId, on);
    await tx.update(poolRequests).set({ status: 'returned', returnedOn: on }).where(eq(poolRequests.id, id));
    await tx
      .update(poolListings)
      .set({ status: 'listed', expiresOn: addMonths(today, DEFAULT_LISTING_LIMIT_MONTHS) })
      .where(eq(poolListings.id, listing.id));
  });
}

/**
 * The time limit (run by the daily job 'pool.expire', or by the committee): a listing past its
 * `expiresOn` that nobody has asked for is proposed for disposal — taken out of the catalogue and
 * put on the committee's disposal list. One set-based statement; `today` is injected by tests.
 */
export async function expireListings(q: Queryable, today: string = businessToday()): Promise<ExpiryResult> {
  const rows = await query<{ card_no: string }>(
    q,
    sql`
    WITH due AS (
      UPDATE pool_listings pl SET status = 'disposal_proposed', closed_at = now(), closed_on = ${today}::date
      WHERE pl.status = 'listed' AND pl.expires_on < ${today}::date
        AND NOT EXISTS (SELECT 1 FROM pool_requests pr WHERE pr.listing_id = pl.id AND pr.status = 'pending')
      RETURNING pl.card_id)
    SELECT c.card_no FROM due JOIN cards c ON c.id = due.card_id ORDER BY c.card_no`,
  );
  return { asOf: today, proposed: rows.length, cardNos: rows.map((r) => r.card_no) };
}
