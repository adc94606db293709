// 统一采购 and 验收入账: the committee bundles approved request lines of several units into an
// order; delivery is accepted per unit, which creates cards (待入账) that the unit's finance posts.
import { asc, eq, sql } from 'drizzle-orm';
import type { PayloadOf, PostingInput } from '../../../shared/workflow.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { changeCard, getCardForUpdate, registerCard } from '../assets/index.ts';
import { acceptanceStandardNotes } from './acceptance.standard.ts';
import { addEvent, loadDocument, setStatus, type DocumentRow } from './document.store.ts';
import { standardLineInput } from './standard.lines.ts';
import { documentLines, documents } from './document.tables.ts';
import { businessToday } from '../../platform/clock.ts';

type LineRow = typeof documentLines.$inferSelect;
const ids = (xs: string[]) =>
  sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  );

/**
 * An order's lines must each name an approved configuration-request line not yet on another order.
 * Runs when the order executes (placed/delivered), then closes the requests it fulfils.
 */
export async function executeProcurement(tx: Tx, actor: Actor, doc: Pick<DocumentRow, 'docNo'>, lines: LineRow[]): Promise<void> {
  const sources = lines.map((l) => (l.details as { sourceLineId?: string }).sourceLineId);
  const fields: Record<string, string> = {};
  sources.forEach((s, i) => {
    if (!s) fields[`lines.${i}.sourceLineId`] = '请选择配置申请明细';
  });
  if (Object.keys(fields).length) throw invalid(fields);
  const found = await query<{ id: string; document_id: string; status: string; taken: boolean }>(
    tx,
    sql`
    SELECT l.id, l.document_id, d.status,
      EXISTS (SELECT 1 FROM document_lines o JOIN documents od ON od.id = o.document_id
              WHERE od.type = 'procurement' AND od.status = 'executed' AND o.details->>'sourceLineId' = l.id::text) AS taken
    FROM document_lines l JOIN documents d ON d.id = l.document_id
    WHERE d.type = 'config_request' AND l.id IN (${ids(sources as string[])})`,
  );
  const byId = new Map(found.map((f) => [f.id, f]));
  sources.forEach((s, i) => {
    const f = byId.get(s!);
    if (!f || !['approved', 'executed'].includes(f.status)) fields[`lines.${i}.sourceLineId`] = '配置申请明细不存在或未批准';
    else if (f.taken) fields[`lines.${i}.sourceLineId`] = '该申请明细已在其他采购单中';
  });
  if (Object.keys(fields).length) throw invalid(fields, Object.values(fields)[0]);
  const requestIds = [...new Set(found.map((f) => f.document_id))];
  const open = await tx
    .select()
    .from(documents)
    .where(sql`${documents.id} IN (${ids(requestIds)}) AND ${documents.status} = 'approved'`)
    .for('update');
  for (const r of open) {
    await setStatus(tx, r, 'executed', { executedAt: new Date(), executedBy: actor.userId });
    await addEvent(tx, r, actor, 'procured', 'approved', 'executed', `已纳入采购单 ${doc.docNo}`);
  }
}

/** Acceptance: each accepted line creates its cards (one per item), linked to request, order and invoice. */
export async function executeAcceptance(
  tx: Tx,
  actor: Actor,
  doc: Pick<DocumentRow, 'id' | 'unitId'> & { payload: PayloadOf<'acceptance'> },
  lines: LineRow[],
  note: string,
): Promise<void> {
  const p = doc.payload;
  let order: { doc_no: string; supplier: string | null } | undefined;
  if (p.orderId) {
    [order] = await query<{ doc_no: string; supplier: string | null }>(
      tx,
      sql`
      SELECT doc_no, payload->>'supplier' AS supplier FROM documents WHERE id = ${p.orderId} AND type = 'procurement' AND status = 'executed'`,
    );
    if (!order) throw invalid({ 'payload.orderId': '采购单不存在或未执行' });
  }
  const acquiredOn = p.acceptedOn ?? businessToday();
  const targets = lines.map((l) => ({
    categoryId: l.categoryId ?? undefined,
    quantity: l.quantity,
    unitPriceFen: l.unitPriceFen,
    ...standardLineInput(l.details),
  }));
  const overNotes = await acceptanceStandardNotes(tx, doc.unitId, targets);
  for (const [lineIndex, line] of lines.entries()) {
    const d = line.details as { sourceLineId?: string; invoiceNo?: string };
    const t = targets[lineIndex];
    const [src] = d.sourceLineId
      ? await query<{ request_line_id: string | null; request_id: string | null }>(
          tx,
          sql`
          SELECT o.details->>'sourceLineId' AS request_line_id, r.document_id AS request_id
          FROM document_lines o LEFT JOIN document_lines r ON r.id::text = o.details->>'sourceLineId' WHERE o.id = ${d.sourceLineId}`,
        )
      : [];
    const cardIds: string[] = [];
    for (let i = 0; i < line.quantity; i++) {
      const card = await registerCard(
        tx,
        { userId: actor.userId },
        {
          unitId: doc.unitId,
          name: line.name ?? '新购资产',
          categoryId: line.categoryId!,
          spec: line.spec ?? null,
          quantity: 1,
          originalValueFen: line.unitPriceFen,
          accumulatedDepreciationFen: 0,
          acquisitionMethod: p.acquisitionMethod ?? 'purchase',
          acquiredOn,
          supplier: p.supplier ?? order?.supplier ?? null,
          voucherNo: null,
          custodianId: t.forStaffId ?? null,
          roomId: t.forRoomId ?? null,
          attributes: { ...t.attributes, requestId: src?.request_id ?? null, orderId: p.orderId ?? null, invoiceNo: d.invoiceNo ?? null },
        },
        {
          eventType: p.acquisitionMethod === 'surplus' ? 'count_surplus' : 'created',
          documentId: doc.id,
          documentType: 'acceptance',
          note: `${note}${order ? `；采购单 ${order.doc_no}` : ''}${d.invoiceNo ? `；发票 ${d.invoiceNo}` : ''}${overNotes[lineIndex] ? `；${overNotes[lineIndex]}` : ''}`,
        },
      );
      cardIds.push(card.id);
    }
    await tx
      .update(documentLines)
      .set({ details: { ...d, cardIds } })
      .where(eq(documentLines.id, line.id));
  }
}

/** 入账: the unit's finance officer posts the accepted cards, which sets the posting date and starts depreciation. */
export async function postAcceptance(
  q: Queryable,
  actor: Actor,
  id: string,
  input: PostingInput,
): Promise<{ posted: number; lateOf: string | null }> {
  return withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, id, true);
    const finance = actor.grants.some((g) => g.role === 'asset_office' || (g.role === 'unit_finance' && g.unitId === doc.unitId));
    if (!finance) throw new AppError('forbidden', '入账由本单位财务办理');
    const p = doc.payload as PayloadOf<'acceptance'> & { postedOn?: string };
    if (doc.type !== 'acceptance' || doc.status !== 'executed' || p.postedOn)
      throw new AppError('invalid_transition', '只有已验收且未入账的验收单可以入账');
    const lines = await tx.select().from(documentLines).where(eq(documentLines.documentId, id)).orderBy(asc(documentLines.lineNo));
    const { postedOn, voucherNo } = input;
    if (postedOn > businessToday()) throw invalid({ postedOn: '入账日期不能晚于今天' });
    const acceptedOn = (p as { acceptedOn?: string }).acceptedOn;
    if (acceptedOn && postedOn < acceptedOn) throw invalid({ postedOn: `入账日期不能早于验收日期 ${acceptedOn}` });
    const note = `验收入账 ${doc.docNo} 入账；凭证 ${voucherNo}；经办：${actor.displayName}`;
    let posted = 0;
    let lateOf: string | null = null;
    for (const line of lines) {
      for (const cardId of (line.details as { cardIds?: string[] }).cardIds ?? []) {
        const card = await getCardForUpdate(tx, cardId);
        if (card.status !== 'pending_posting') continue;
        // A date in a closed month is booked in the first open one by the period trigger, which keeps it as recognized_on.
        const after = await changeCard(tx, { userId: actor.userId }, cardId, {
          expectVersion: card.version,
          set: { status: 'in_use', postedOn, voucherNo, inUseOn: card.inUseOn ?? postedOn },
          eventType: 'posted',
          documentId: doc.id,
          documentType: 'acceptance',
          note,
        });
        if (after.recognizedOn) lateOf = after.postedOn;
        posted++;
      }
    }
    await setStatus(tx, doc, 'executed', {
      payload: { ...p, postedOn, voucherNo, postedBy: actor.userId, ...(lateOf ? { bookedOn: lateOf } : {}) },
    });
    await addEvent(
      tx,
      doc,
      actor,
      'posted',
      'executed',
      'executed',
      `入账 ${posted} 张卡片；凭证 ${voucherNo}${lateOf ? `；所属月份已结账，记入 ${lateOf.slice(0, 7)}（补记）` : ''}`,
    );
    return { posted, lateOf };
  });
}

/** Approved configuration-request lines not yet on an executed order, for the procurement form. */
export async function procurableLines(q: Queryable) {
  return query<{
    lineId: string;
    docNo: string;
    unitId: string;
    unitName: string;
    categoryId: string;
    name: string | null;
    spec: string | null;
    quantity: number;
    unitPriceFen: number;
    budgetLine: string | null;
  }>(
    q,
    sql`
    SELECT l.id AS "lineId", d.doc_no AS "docNo", d.unit_id AS "unitId", u.name AS "unitName", l.category_id AS "categoryId",
      coalesce(l.name, k.name) AS name, l.spec, l.quantity, l.unit_price_fen AS "unitPriceFen", l.budget_line AS "budgetLine"
    FROM document_lines l JOIN documents d ON d.id = l.document_id JOIN units u ON u.id = d.unit_id LEFT JOIN categories k ON k.id = l.category_id
    WHERE d.type = 'config_request' AND d.status = 'approved'
      AND NOT EXISTS (SELECT 1 FROM document_lines o JOIN documents od ON od.id = o.document_id
        WHERE od.type = 'procurement' AND od.status NOT IN ('cancelled', 'rejected') AND o.details->>'sourceLineId' = l.id::text)
    ORDER BY d.doc_no, l.line_no LIMIT 500`,
  );
}
