// 批量办理 from the card library (docs/domain.md §12): a selection — the ticked cards, or every card
// matching the library's filter — becomes one draft document per unit, with the cards that can go.
// The preview counts them and names those that cannot (held by an open document, wrong status); the
// creation recomputes the set in its one transaction and refuses unless it is the one confirmed.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import {
  BULK_MAX,
  type BulkBlocked,
  type BulkCreated,
  type BulkCreateInput,
  type BulkPreview,
  BulkPreviewInput,
} from '../../../shared/bulk.contracts.ts';
import type { CardStatus } from '../../../shared/assets.enums.ts';
import { FEN_MAX, FEN_MAX_MESSAGE } from '../../../shared/money.ts';
import { documentTypeSpec, type DocumentInput } from '../../../shared/workflow.contracts.ts';
import { unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { CARD_TRANSITIONS, cardFilterWhere } from '../assets/index.ts';
import { handlerOf } from './document-types/registry.ts';
import { addEvent, nextDocNo, requireUnit } from './document.store.ts';
import { busyError, checkPayload, counterpartOf } from './document.service.ts';
import { documents } from './document.tables.ts';
import { checkRefs } from './payload.refs.ts';

interface Candidate {
  id: string;
  card_no: string;
  name: string;
  unit_id: string;
  status: CardStatus;
  original_value_fen: number;
  held_by: string | null;
}

interface Resolved {
  eligible: Candidate[];
  blocked: BulkBlocked[];
  token: string;
}

/** The input as a document of its type, with the type's payload schema applied (no lines yet). */
function asDocument(input: BulkPreviewInput | BulkCreateInput): DocumentInput {
  const parsed = BulkPreviewInput.parse(input);
  const spec = documentTypeSpec(parsed.type);
  const payload = spec.payload.safeParse(parsed.payload);
  if (!payload.success) {
    const fields: Record<string, string> = {};
    for (const i of payload.error.issues) fields[['payload', ...i.path.map(String)].join('.')] ??= i.message;
    throw invalid(fields);
  }
  const p = payload.data as Record<string, unknown>;
  // A bulk 变动 is a handover: custodian, room or department.
  if (parsed.type === 'change' && p.changeKind && p.changeKind !== 'handover')
    throw invalid({ 'payload.changeKind': '批量变动只能变更保管人、存放地点或使用部门' });
  return {
    type: parsed.type,
    counterpartUnitId: parsed.counterpartUnitId,
    title: 'title' in input ? input.title : undefined,
    payload: p,
    lines: [],
  } as DocumentInput;
}

/** The statuses the type's card rule accepts for this payload. */
function allowedStatuses(doc: DocumentInput): readonly CardStatus[] {
  const h = handlerOf(doc.type);
  const key = h.transition?.(doc.payload as never, !!doc.counterpartUnitId) ?? '';
  return CARD_TRANSITIONS[key]?.from ?? [];
}

/** The fingerprint of a set of card ids: its size and a hash of the sorted ids. */
export function selectionToken(ids: string[]): string {
  const hash = createHash('sha256');
  for (const id of [...ids].sort()) hash.update(id);
  return `${ids.length}.${hash.digest('hex').slice(0, 24)}`;
}

/**
 * The selected cards within the actor's document.write scope, each with the open document holding
 * it. Ticked ids outside the scope (or unknown) refuse the whole request as not found.
 */
async function resolve(q: Queryable, actor: Actor, input: BulkPreviewInput, doc: DocumentInput): Promise<Resolved> {
  const scope = unitScope(actor, 'document.write');
  const { selection } = BulkPreviewInput.parse(input);
  let where: SQL;
  if (selection.cardIds) {
    const ids = [...new Set(selection.cardIds)];
    where = sql`cards.id = ANY(${uuidArray(ids)}) AND ${cardFilterWhere({}, scope)}`;
    const found = await queryOne<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM cards WHERE ${where}`);
    if ((found?.n ?? 0) !== ids.length) throw new AppError('not_found', '所选资产中有不存在或不在本单位范围内的卡片');
  } else {
    where = cardFilterWhere(selection.filter ?? {}, scope);
  }
  const rows = await query<Candidate>(
    q,
    sql`SELECT cards.id, cards.card_no, cards.name, cards.unit_id, cards.status, cards.original_value_fen::bigint AS original_value_fen,
      (SELECT d.doc_no FROM document_lines l JOIN documents d ON d.id = l.document_id
        WHERE l.open AND l.card_id = cards.id LIMIT 1) AS held_by
    FROM cards WHERE ${where} ORDER BY cards.card_no LIMIT ${BULK_MAX + 1}`,
  );
  if (rows.length > BULK_MAX) throw invalid({ selection: `一次最多办理 ${BULK_MAX} 张资产，请缩小筛选范围` });
  const allowed = allowedStatuses(doc);
  // A 调拨 to another unit: the receiving unit's own cards stay where they are.
  const receiving = counterpartOf(doc);
  const eligible: Candidate[] = [];
  const blocked: BulkBlocked[] = [];
  for (const r of rows) {
    r.original_value_fen = Number(r.original_value_fen);
    const reason = r.held_by ? 'held' : receiving && r.unit_id === receiving ? 'receiving' : allowed.includes(r.status) ? null : 'status';
    if (!reason) eligible.push(r);
    else blocked.push({ cardId: r.id, cardNo: r.card_no, name: r.name, status: r.status, reason, docNo: r.held_by });
  }
  return { eligible, blocked, token: selectionToken(eligible.map((c) => c.id)) };
}

function byUnit(cards: Candidate[]): Map<string, Candidate[]> {
  const m = new Map<string, Candidate[]>();
  for (const c of cards) m.set(c.unit_id, [...(m.get(c.unit_id) ?? []), c]);
  return m;
}

/** The confirmation: how many cards go, their original value, one document per unit, and the cards that cannot go. */
export async function previewBulk(q: Queryable, actor: Actor, input: BulkPreviewInput): Promise<BulkPreview> {
  const doc = asDocument(input);
  const r = await resolve(q, actor, input, doc);
  const groups = byUnit(r.eligible);
  const names = groups.size
    ? await query<{ id: string; name: string }>(q, sql`SELECT id::text, name FROM units WHERE id = ANY(${uuidArray([...groups.keys()])})`)
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const sum = (cs: Candidate[]) => cs.reduce((s, c) => s + c.original_value_fen, 0);
  return {
    count: r.eligible.length,
    totalFen: sum(r.eligible),
    units: [...groups].map(([unitId, cs]) => ({ unitId, unitName: nameOf.get(unitId) ?? '', count: cs.length, totalFen: sum(cs) })),
    blockedCount: r.blocked.length,
    blocked: r.blocked.slice(0, 200),
    token: r.token,
  };
}

/** One draft with its lines written from the cards in one statement. */
async function draftFor(tx: Tx, actor: Actor, doc: DocumentInput, unitId: string, cards: Candidate[]) {
  const docNo = await nextDocNo(tx, doc.type);
  const [row] = await tx
    .insert(documents)
    .values({
      docNo,
      type: doc.type,
      unitId,
      counterpartUnitId: counterpartOf(doc),
      applicantId: actor.userId,
      title: doc.title ?? null,
      payload: doc.payload,
    })
    .returning();
  const totals = await queryOne<{ total: number; max: number }>(
    tx,
    sql`WITH ins AS (
      INSERT INTO document_lines (document_id, unit_id, line_no, card_id, card_version, category_id, quantity, unit_price_fen, amount_fen)
      SELECT ${row.id}::uuid, cards.unit_id, row_number() OVER (ORDER BY cards.card_no, cards.id), cards.id, cards.version,
        cards.category_id, 1, cards.original_value_fen, cards.original_value_fen
      FROM cards WHERE cards.id = ANY(${uuidArray(cards.map((c) => c.id))})
      RETURNING amount_fen)
    SELECT coalesce(sum(amount_fen), 0)::bigint AS total, coalesce(max(amount_fen), 0)::bigint AS max FROM ins`,
  );
  const total = Number(totals?.total ?? 0);
  if (total > FEN_MAX) throw invalid({ selection: `单据合计${FEN_MAX_MESSAGE}` });
  await tx.execute(sql`UPDATE documents SET total_fen = ${total}, max_item_fen = ${Number(totals?.max ?? 0)} WHERE id = ${row.id}`);
  await addEvent(tx, row, actor, 'created', null, 'draft', `批量办理：${cards.length} 张资产`);
  return { id: row.id, docNo, unitId, count: cards.length };
}

/**
 * Creates the drafts, all or nothing: the set is recomputed inside the transaction and must be the
 * one the preview confirmed (its token); a card another document takes meanwhile refuses it all.
 */
export async function createBulk(q: Queryable, actor: Actor, input: BulkCreateInput): Promise<BulkCreated> {
  const doc = asDocument(input);
  try {
    return await withTx(q, async (tx) => {
      const r = await resolve(tx, actor, input, doc);
      if (r.token !== input.token) {
        const confirmed = Number(input.token.split('.')[0]) || 0;
        throw new AppError(
          'conflict',
          `所选资产已变化：确认时 ${confirmed} 张，现在可办理 ${r.eligible.length} 张。未创建任何单据，请重新确认。`,
        );
      }
      if (!r.eligible.length) throw invalid({ selection: '没有可办理的资产' });
      const created = [];
      for (const [unitId, cards] of byUnit(r.eligible)) {
        requireUnit(actor, 'document.write', unitId);
        // Each source unit's document is checked on its own copy (the check may drop the receiving unit).
        const own = { ...doc, payload: { ...doc.payload } } as DocumentInput;
        checkPayload(own, unitId);
        await checkRefs(tx, own, unitId);
        created.push(await draftFor(tx, actor, own, unitId, cards));
      }
      return { count: r.eligible.length, documents: created };
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw await busyError(q, input.selection.cardIds ?? []);
    throw err;
  }
}
