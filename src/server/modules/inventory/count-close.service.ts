// Closing a count: the results freeze and the adjustments become workflow documents, submitted into
// their approval chains. Nothing here changes a card: the documents do, when approved and executed,
// through the assets module (each card's change and its ledger event in one transaction).
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { submitDocument } from '../workflow/approval.service.ts';
import { createDocument } from '../workflow/document.service.ts';
import { periodNotes } from './count-result.queries.ts';
import { loadCount, plans } from './count.service.ts';

interface Adjust {
  kind: 'move' | 'loss';
  unit_id: string;
  room_id: string | null;
  card_ids: string[];
}

export interface CloseResult {
  documents: { id: string; docNo: string; kind: 'move' | 'loss'; lines: number }[];
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
    const groups = await query<Adjust>(
      tx,
      sql`
      WITH last AS (
        SELECT DISTINCT ON (card_id) card_id, room_id FROM count_scans WHERE count_id = ${id} AND expected
        ORDER BY card_id, scanned_at DESC, id DESC
      ), outcome AS (
        SELECT i.card_id, k.unit_id, k.card_no,
          CASE WHEN l.card_id IS NULL THEN 'loss'
               WHEN l.room_id IS NOT NULL AND l.room_id IS DISTINCT FROM i.room_id AND l.room_id IS DISTINCT FROM k.room_id THEN 'move' END AS kind,
          l.room_id
        FROM count_items i JOIN cards k ON k.id = i.card_id LEFT JOIN last l ON l.card_id = i.card_id
        WHERE i.count_id = ${id} AND k.status NOT IN ('disposed', 'missing')
      )
      SELECT kind, unit_id::text, CASE WHEN kind = 'move' THEN room_id::text END AS room_id,
        array_agg(card_id::text ORDER BY card_no) AS card_ids
      FROM outcome WHERE kind IS NOT NULL
      GROUP BY kind, unit_id, CASE WHEN kind = 'move' THEN room_id::text END ORDER BY kind DESC, unit_id, room_id`,
    );
    const notes = await periodNotes(tx, c.unit_ids, c.base_date);
    const basis = `盘点「${c.title}」（基准日 ${c.base_date}）${notes.length ? `；${notes.join('；')}` : ''}`;
    const out: CloseResult['documents'] = [];
    for (const g of groups) {
      // A document holds at most 2,000 lines: larger groups are split.
      for (let i = 0; i < g.card_ids.length; i += 2000) {
        const cardIds = g.card_ids.slice(i, i + 2000);
        const doc =
          g.kind === 'move'
            ? await createDocument(tx, actor, {
                type: 'change',
                unitId: g.unit_id,
                title: `盘点异位调整：${c.title}`,
                payload: { changeKind: 'handover', roomId: g.room_id!, note: basis },
                lines: cardIds.map((cardId) => ({ cardId, reason: '盘点时在其他地点发现' })),
              })
            : await createDocument(tx, actor, {
                type: 'disposal',
                unitId: g.unit_id,
                title: `盘亏核销：${c.title}`,
                payload: { disposalMethod: 'write_off', note: basis },
                lines: cardIds.map((cardId) => ({ cardId, reason: '盘点未找到（盘亏）' })),
              });
        await submitDocument(tx, actor, doc.id);
        await tx.execute(sql`INSERT INTO count_documents (count_id, document_id, kind) VALUES (${id}, ${doc.id}, ${g.kind})`);
        out.push({ id: doc.id, docNo: doc.docNo, kind: g.kind, lines: cardIds.length });
      }
    }
    await tx.execute(sql`UPDATE counts SET status = 'closed', closed_at = now(), closed_by = ${actor.userId} WHERE id = ${id}`);
    return { documents: out };
  });
}
