// 自助 from the card's QR page (docs/domain.md §12): the custodian's reports, each a line in the card's
// ledger in the same transaction; the unit administrator turns a fault into a 维修 document.
import { sql } from 'drizzle-orm';
import type { FaultReportInput, ReportKind } from '../../../shared/selfservice.contracts.ts';
import { inScope, scopeIncludes, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { describeOperation } from '../../platform/oplog/oplog.context.ts';
import { appendCardEvent } from '../assets/index.ts';
import { createDocument, submitDocument } from '../workflow/index.ts';
import { cardReports } from './selfservice.tables.ts';

export interface CardAccess {
  id: string;
  unitId: string;
  cardNo: string;
  status: string;
  asCustodian: boolean;
  asAdmin: boolean;
}

/** The card within the actor's card.read scope (else 404), and whether they are its custodian or its unit's administrator. */
export async function cardAccess(q: Queryable, actor: Actor, cardId: string): Promise<CardAccess> {
  const row = await queryOne<{ id: string; unit_id: string; card_no: string; status: string; mine: boolean }>(
    q,
    sql`SELECT c.id::text, c.unit_id::text, c.card_no, c.status,
      (c.custodian_id IS NOT NULL AND c.custodian_id = (SELECT staff_id FROM users WHERE id = ${actor.userId})) AS mine
    FROM cards c WHERE c.id = ${cardId} AND ${inScope('c.unit_id', unitScope(actor, 'card.read'))}`,
  );
  if (!row) throw notFound('资产卡片');
  return {
    id: row.id,
    unitId: row.unit_id,
    cardNo: row.card_no,
    status: row.status,
    asCustodian: !!row.mine,
    asAdmin: scopeIncludes(unitScope(actor, 'card.write'), row.unit_id),
  };
}

async function mayAct(q: Queryable, actor: Actor, cardId: string): Promise<CardAccess> {
  const card = await cardAccess(q, actor, cardId);
  if (!card.asCustodian && !card.asAdmin) throw new AppError('forbidden', '只有该资产的保管人或本单位资产管理员可以办理');
  return card;
}

const EVENT: Record<ReportKind, 'fault_reported' | 'return_requested' | 'custody_confirmed' | 'custody_denied'> = {
  fault: 'fault_reported',
  return_request: 'return_requested',
  here: 'custody_confirmed',
  not_here: 'custody_denied',
};

async function record(
  tx: Tx,
  actor: Actor,
  card: CardAccess,
  r: { kind: ReportKind; note?: string | null; open: boolean; photo?: FaultReportInput['photo']; documentId?: string; docNo?: string },
): Promise<string> {
  const [row] = await tx
    .insert(cardReports)
    .values({
      cardId: card.id,
      unitId: card.unitId,
      kind: r.kind,
      note: r.note ?? null,
      photoType: r.photo?.contentType ?? null,
      photoBase64: r.photo?.base64 ?? null,
      reportedBy: actor.userId,
      status: r.open ? 'open' : 'closed',
      documentId: r.documentId ?? null,
    })
    .returning({ id: cardReports.id });
  const words = { fault: '报修', return_request: '申请退库', here: '确认在我这里', not_here: '报告不在我这里' }[r.kind];
  const note = [`${words}（扫码自助）`, r.docNo, r.note, r.photo ? '附照片' : null].filter(Boolean).join('；');
  await appendCardEvent(tx, {
    cardId: card.id,
    unitId: card.unitId,
    type: EVENT[r.kind],
    actorId: actor.userId,
    documentId: r.documentId ?? null,
    documentType: r.documentId ? 'return' : null,
    note,
  });
  describeOperation({
    objectType: 'cards',
    objectId: card.id,
    objectLabel: card.cardNo,
    unitId: card.unitId,
    action: r.kind,
    changes: note,
  });
  return row.id;
}

export async function reportFault(q: Queryable, actor: Actor, cardId: string, input: FaultReportInput): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    const card = await mayAct(tx, actor, cardId);
    return { id: await record(tx, actor, card, { kind: 'fault', note: input.note, photo: input.photo, open: true }) };
  });
}

/**
 * 申请退库: a 退库 document for the card, submitted by its custodian (it goes to the unit
 * administrator's inbox); the administrator's own is left as a draft for them to complete.
 */
export async function requestReturn(
  q: Queryable,
  actor: Actor,
  cardId: string,
  note?: string,
): Promise<{ id: string; documentId: string; docNo: string }> {
  return withTx(q, async (tx) => {
    const card = await mayAct(tx, actor, cardId);
    if (card.status !== 'in_use') throw new AppError('invalid_transition', '只有在用的资产可以申请退库');
    const doc = await createDocument(tx, actor, {
      type: 'return',
      unitId: card.unitId,
      title: `扫码申请退库 ${card.cardNo}`,
      payload: note ? { note } : {},
      lines: [{ cardId: card.id }],
    });
    if (card.asCustodian && !card.asAdmin) await submitDocument(tx, actor, doc.id);
    const id = await record(tx, actor, card, { kind: 'return_request', note, open: false, documentId: doc.id, docNo: doc.docNo });
    return { id, documentId: doc.id, docNo: doc.docNo };
  });
}

/** 在我这里 (recorded) or 不在我这里 (a to-do for the unit administrator). */
export async function confirmWhereabouts(
  q: Queryable,
  actor: Actor,
  cardId: string,
  here: boolean,
  note?: string,
): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    const card = await mayAct(tx, actor, cardId);
    return { id: await record(tx, actor, card, { kind: here ? 'here' : 'not_here', note, open: !here }) };
  });
}

async function openReport(tx: Tx, actor: Actor, id: string) {
  const r = await queryOne<{ id: string; card_id: string; unit_id: string; kind: ReportKind; status: string; note: string | null }>(
    tx,
    sql`SELECT id::text, card_id::text, unit_id::text, kind, status, note FROM card_reports
      WHERE id = ${id} AND ${inScope('unit_id', unitScope(actor, 'card.write'))} FOR UPDATE`,
  );
  if (!r) throw notFound('报告');
  if (r.status !== 'open') throw new AppError('invalid_transition', '该报告已处理');
  return r;
}

/** The administrator turns a fault into a 维修 draft (the vendor theirs to name); the report is handled. */
export async function reportToMaintenance(
  q: Queryable,
  actor: Actor,
  id: string,
  input: { vendor: string; note?: string },
): Promise<{ documentId: string; docNo: string }> {
  return withTx(q, async (tx) => {
    const r = await openReport(tx, actor, id);
    if (r.kind !== 'fault') throw new AppError('invalid_transition', '只有报修可以转为维修单');
    const doc = await createDocument(tx, actor, {
      type: 'maintenance',
      unitId: r.unit_id,
      title: '扫码报修',
      payload: { vendor: input.vendor, note: [r.note, input.note].filter(Boolean).join('；') || undefined },
      lines: [{ cardId: r.card_id }],
    });
    await tx.execute(sql`UPDATE card_reports SET status = 'handled', document_id = ${doc.id}, handled_by = ${actor.userId},
      handled_at = now(), handled_note = ${`转维修单 ${doc.docNo}`} WHERE id = ${id}`);
    return { documentId: doc.id, docNo: doc.docNo };
  });
}

/** The administrator closes a to-do with what they found (a "not here" located, a fault needing no repair). */
export async function closeReport(q: Queryable, actor: Actor, id: string, note: string): Promise<void> {
  await withTx(q, async (tx) => {
    const r = await openReport(tx, actor, id);
    await tx.execute(sql`UPDATE card_reports SET status = 'handled', handled_by = ${actor.userId}, handled_at = now(),
      handled_note = ${note} WHERE id = ${id}`);
    describeOperation({ objectType: 'card_reports', objectId: id, unitId: r.unit_id, action: 'close', changes: `处理结果：${note}` });
  });
}
