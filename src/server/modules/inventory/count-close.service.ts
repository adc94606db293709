// Closing a count: the results freeze and the adjustments become workflow documents, submitted into
// their approval chains. Nothing here changes a card: the documents do, when approved and executed,
// through the assets module (each card's change and its ledger event in one transaction).
import { sql } from 'drizzle-orm';
import { CARD_STATUSES, type CardStatus } from '../../../shared/assets.enums.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { submitDocument } from '../workflow/index.ts';
import { createDocument } from '../workflow/index.ts';
import { resultEvents } from './count-ledger.service.ts';
import { periodNotes } from './count-result.queries.ts';
import { loadCount, planNextYear, plans } from './count.service.ts';

interface Adjust {
  kind: 'move' | 'loss';
  unit_id: string;
  room_id: string | null;
  card_ids: string[];
}

export interface CloseResult {
  documents: { id: string; docNo: string; kind: 'move' | 'loss' | 'surplus'; lines: number }[];
  /** Cards left out because another open document holds them: they are settled there first. */
  held: { cardNo: string; reason: string }[];
  /** Documents left as drafts because their chain has no approver other than the one who closed. */
  drafts: { docNo: string; reason: string }[];
  /** An annual plan that repeats: next year's count, planned by this close. */
  nextCountId: string | null;
}

/**
 * Submits an adjustment into its chain. When the chain cannot be walked (the person closing is the
 * only holder of a step's role: one person never approves what they applied for), the document
 * stays a draft for a colleague to submit, and the reason is reported.
 */
async function submitOrKeepDraft(tx: Tx, actor: Actor, doc: { id: string; docNo: string }, drafts: CloseResult['drafts']) {
  try {
    await submitDocument(tx, actor, doc.id);
  } catch (err) {
    if (!(err instanceof AppError) || err.id !== 'rule_violation') throw err;
    drafts.push({ docNo: doc.docNo, reason: err.message });
  }
}

/**
 * Creates one adjustment document. A card already in another open document (a card is in one
 * open document at a time) is left out and reported, and the rest go ahead: the failed attempt
 * rolls back to its savepoint, so nothing of it remains.
 */
async function createAdjustment(
  tx: Tx,
  actor: Actor,
  title: string,
  basis: string,
  g: Adjust,
  cardIds: string[],
  held: CloseResult['held'],
): Promise<{ id: string; docNo: string; lines: number } | null> {
  let ids = cardIds;
  for (let attempt = 0; attempt < 2 && ids.length; attempt++) {
    try {
      const doc =
        g.kind === 'move'
          ? await createDocument(tx, actor, {
              type: 'change',
              unitId: g.unit_id,
              title: `盘点异位调整：${title}`,
              payload: { changeKind: 'handover', roomId: g.room_id!, note: basis },
              lines: ids.map((cardId) => ({ cardId, reason: '盘点时在其他地点发现' })),
            })
          : await createDocument(tx, actor, {
              type: 'disposal',
              unitId: g.unit_id,
              title: `盘亏核销：${title}`,
              payload: { disposalMethod: 'write_off', note: basis },
              lines: ids.map((cardId) => ({ cardId, reason: '盘点未找到（盘亏）' })),
            });
      return { ...doc, lines: ids.length };
    } catch (err) {
      const busy =
        err instanceof AppError && err.id === 'busy'
          ? ((err.details as { cards?: { card_no: string; doc_no: string }[] })?.cards ?? [])
          : [];
      if (!busy.length) throw err;
      const nos = busy.map((b) => b.card_no);
      const gone = await query<{ id: string }>(
        tx,
        sql`SELECT id::text FROM cards WHERE card_no IN (${sql.join(
          nos.map((n) => sql`${n}`),
          sql`, `,
        )})`,
      );
      held.push(...busy.map((b) => ({ cardNo: b.card_no, reason: `已在未完成的单据 ${b.doc_no} 中` })));
      ids = ids.filter((x) => !gone.some((r) => r.id === x));
    }
  }
  return null;
}

const BASES: Record<string, string> = { appraised: '评估价值', replacement: '重置成本', nominal: '名义金额' };

/**
 * 盘盈: per unit, one registration document (acceptance, acquisition 盘盈) of the surpluses the office
 * registered; its execution after approval creates the cards. A surplus left unregistered is named.
 */
async function surplusDocuments(
  tx: Tx,
  actor: Actor,
  c: { id: string; title: string },
  basis: string,
  out: CloseResult['documents'],
  held: CloseResult['held'],
  drafts: CloseResult['drafts'],
) {
  const open = await query<{ label: string }>(
    tx,
    sql`
    SELECT label FROM (
    SELECT DISTINCT ON (coalesce(s.code, s.scan_key::text)) coalesce(s.code, s.surplus_name, s.scan_key::text) AS label
    FROM count_scans s WHERE s.count_id = ${c.id} AND s.card_id IS NULL AND NOT s.expected
      AND NOT EXISTS (SELECT 1 FROM count_surplus x WHERE x.count_id = s.count_id AND x.scan_key = s.scan_key)
      AND NOT EXISTS (SELECT 1 FROM count_scans o JOIN count_surplus x ON x.count_id = o.count_id AND x.scan_key = o.scan_key
        WHERE o.count_id = s.count_id AND o.code = s.code)
    ORDER BY coalesce(s.code, s.scan_key::text), label) x ORDER BY label COLLATE "C"`,
  );
  held.push(...open.map((r) => ({ cardNo: r.label, reason: '盘盈资产未登记分类与价值，未生成入账单据' })));
  const groups = await query<{ unit_id: string; lines: { categoryId: string; name: string; valueFen: number; reason: string }[] }>(
    tx,
    sql`
    SELECT unit_id::text, json_agg(json_build_object('categoryId', category_id, 'name', name, 'valueFen', value_fen,
      'basis', value_basis, 'reason', explanation) ORDER BY name, scan_key) AS lines
    FROM count_surplus WHERE count_id = ${c.id} GROUP BY unit_id ORDER BY unit_id`,
  );
  for (const g of groups) {
    const doc = await createDocument(tx, actor, {
      type: 'acceptance',
      unitId: g.unit_id,
      title: `盘盈登记：${c.title}`,
      payload: { acquisitionMethod: 'surplus', note: basis },
      lines: g.lines.map((l) => ({
        categoryId: l.categoryId,
        name: l.name,
        quantity: 1,
        unitPriceFen: Number(l.valueFen),
        reason: `${l.reason}（计价依据：${BASES[(l as { basis?: string }).basis ?? ''] ?? ''}）`,
      })),
    });
    await submitOrKeepDraft(tx, actor, doc, drafts);
    await tx.execute(sql`INSERT INTO count_documents (count_id, document_id, kind) VALUES (${c.id}, ${doc.id}, 'surplus')`);
    out.push({ id: doc.id, docNo: doc.docNo, kind: 'surplus', lines: g.lines.length });
  }
}

/**
 * Closes the count and creates, per unit: one change (保管地点变更) per room the moved cards were
 * found in, and one write-off (盘亏核销) for the missing cards. Cards whose book already agrees (moved
 * since by a document to the room found) or that left the books are left out.
 */
export async function closeCount(q: Queryable, actor: Actor, id: string): Promise<CloseResult> {
  return withTx(q, async (tx) => {
    const c = await loadCount(tx, actor, id, true);
    if (!plans(actor, c)) throw new AppError('forbidden', '只有计划盘点的资产管理部门可以结束盘点');
    if (c.status !== 'counting') throw new AppError('invalid_transition', c.status === 'planned' ? '盘点尚未开始' : '盘点已结束');
    // The statuses the adjustments accept (a move: change:handover; a loss: disposal); a card lent,
    // rented or not yet posted is reported for the office to settle by hand.
    const outcomes = sql`
      WITH last AS (
        SELECT DISTINCT ON (card_id) card_id, room_id FROM count_scans WHERE count_id = ${id} AND expected
        ORDER BY card_id, scanned_at DESC, id DESC
      )
      SELECT i.card_id, k.unit_id, k.card_no, k.status,
        CASE WHEN l.card_id IS NULL THEN 'loss'
             WHEN l.room_id IS NOT NULL AND l.room_id IS DISTINCT FROM i.room_id AND l.room_id IS DISTINCT FROM k.room_id THEN
               -- A move names a room of the card's unit or a shared one; found in another unit's room, it is settled by hand.
               CASE WHEN EXISTS (SELECT 1 FROM rooms r WHERE r.id = l.room_id AND (r.unit_id = k.unit_id OR r.unit_id IS NULL))
                    THEN 'move' ELSE 'foreign' END END AS kind,
        l.room_id
      FROM count_items i JOIN cards k ON k.id = i.card_id LEFT JOIN last l ON l.card_id = i.card_id
      WHERE i.count_id = ${id} AND k.status NOT IN ('disposed', 'missing')`;
    const groups = await query<Adjust>(
      tx,
      sql`
      SELECT kind, unit_id::text, CASE WHEN kind = 'move' THEN room_id::text END AS room_id,
        array_agg(card_id::text ORDER BY card_no) AS card_ids
      FROM (${outcomes}) o WHERE kind IN ('move', 'loss') AND status IN ('in_use', 'idle', 'under_repair')
      GROUP BY kind, unit_id, CASE WHEN kind = 'move' THEN room_id::text END ORDER BY kind DESC, unit_id, room_id`,
    );
    const held: CloseResult['held'] = (
      await query<{ card_no: string; status: string; kind: string }>(
        tx,
        sql`SELECT card_no, status, kind FROM (${outcomes}) o
          WHERE kind IS NOT NULL AND (kind = 'foreign' OR status NOT IN ('in_use', 'idle', 'under_repair')) ORDER BY card_no`,
      )
    ).map((r) => ({
      cardNo: r.card_no,
      reason:
        r.kind === 'foreign'
          ? '在其他单位的房间发现，需另行处理（调拨或更正）'
          : `状态为「${CARD_STATUSES[r.status as CardStatus]?.[0] ?? r.status}」，需另行处理`,
    }));
    const notes = await periodNotes(tx, c.unit_ids, c.base_date);
    const basis = `盘点「${c.title}」（基准日 ${c.base_date}）${notes.length ? `；${notes.join('；')}` : ''}`;
    const out: CloseResult['documents'] = [];
    const drafts: CloseResult['drafts'] = [];
    for (const g of groups) {
      // A document holds at most 2,000 lines: larger groups are split.
      for (let i = 0; i < g.card_ids.length; i += 2000) {
        const doc = await createAdjustment(tx, actor, c.title, basis, g, g.card_ids.slice(i, i + 2000), held);
        if (!doc) continue;
        await submitOrKeepDraft(tx, actor, doc, drafts);
        await tx.execute(sql`INSERT INTO count_documents (count_id, document_id, kind) VALUES (${id}, ${doc.id}, ${g.kind})`);
        out.push({ id: doc.id, docNo: doc.docNo, kind: g.kind, lines: doc.lines });
      }
    }
    await surplusDocuments(tx, actor, c, basis, out, held, drafts);
    // Every card's result on its ledger, with the adjustment it went into: one statement.
    await resultEvents(tx, actor, id);
    await tx.execute(sql`UPDATE counts SET status = 'closed', closed_at = now(), closed_by = ${actor.userId} WHERE id = ${id}`);
    const nextCountId = c.repeats_yearly ? await planNextYear(tx, actor, c) : null;
    return { documents: out, held, drafts, nextCountId };
  });
}
