// 意见交流: a document's comment thread. Whoever sees the document and writes or approves documents
// may add to it; nobody edits or removes a comment. The document's participants hear of each one.
import { sql } from 'drizzle-orm';
import { DOCUMENT_TYPES, type DocumentType } from '../../../shared/workflow.contracts.ts';
import type { DocumentComment } from '../../../shared/document-thread.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { notify } from '../notifications/index.ts';
import { addEvent, loadDocument } from './document.store.ts';
import { documentComments } from './document-thread.tables.ts';

export async function listComments(q: Queryable, actor: Actor, documentId: string): Promise<DocumentComment[]> {
  await loadDocument(q, actor, documentId);
  const rows = await query<Omit<DocumentComment, 'at'> & { at: Date | string }>(
    q,
    sql`SELECT c.id::int AS id, u.display_name AS "authorName", c.body, c.at, c.author_id = ${actor.userId} AS mine
    FROM document_comments c LEFT JOIN users u ON u.id = c.author_id WHERE c.document_id = ${documentId} ORDER BY c.id`,
  );
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}

/**
 * Adds a comment; the applicant, the submitter, whoever decided a step and whoever commented before
 * hear of it (not its author). The notification's title names the document only.
 */
export async function addComment(q: Queryable, actor: Actor, documentId: string, body: string): Promise<{ id: number }> {
  return withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, documentId);
    const [row] = await tx
      .insert(documentComments)
      .values({ documentId, unitId: doc.unitId, authorId: actor.userId, body })
      .returning({ id: documentComments.id });
    await addEvent(tx, doc, actor, 'commented', doc.status, doc.status, body.length > 60 ? `${body.slice(0, 60)}…` : body);
    const others = await query<{ id: string }>(
      tx,
      sql`SELECT DISTINCT x.id FROM (
        SELECT ${doc.applicantId}::uuid AS id UNION ALL SELECT ${doc.submittedBy}::uuid
        UNION ALL SELECT decided_by FROM document_steps WHERE document_id = ${documentId}
        UNION ALL SELECT author_id FROM document_comments WHERE document_id = ${documentId}) x WHERE x.id IS NOT NULL`,
    );
    await notify(tx, {
      event: 'document_commented',
      unitId: doc.unitId,
      title: `${DOCUMENT_TYPES[doc.type as DocumentType][0]}单 ${doc.docNo} 有新意见`,
      link: `/documents/${doc.id}`,
      users: others.map((o) => o.id),
      exclude: [actor.userId],
    });
    return { id: row.id };
  });
}
