// Income recorded on documents (docs/domain.md §4a): each type that brings income declares it in its
// handler (`income`: amount, kind, counterparty, source); this builds one set-based read of every
// executed document with income, for the income module to track until it is turned over to the
// treasury. The engine names no type: a new type with income declares its hook and appears here.
import { type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/engine.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { addEvent } from './document.store.ts';
import { DOCUMENT_HANDLERS } from './document-types/registry.ts';
import type { DocumentTypeHandler } from './document-types/doctype.ts';
import { businessDayOf } from '../../platform/clock.ts';

/** The business day a document was executed: the day its income was received. */
export const executedOnSql = (): SQL => businessDayOf('d.executed_at');

/**
 * Every executed document with income, one row each: document_id, unit_id, doc_no, type, source
 * ('disposal' | 'lending'), kind (words), counterparty, amount_fen (> 0) and received_on (date).
 * A subquery: use it as `FROM (${documentIncomeSql()}) i`.
 */
export function documentIncomeSql(): SQL {
  const parts = (Object.values(DOCUMENT_HANDLERS) as DocumentTypeHandler[])
    .filter((h) => h.income)
    .map((h) => {
      const inc = h.income!;
      return sql`SELECT d.id AS document_id, d.unit_id, d.doc_no, d.type, ${inc.source}::text AS source, (${inc.kindSql()})::text AS kind,
        (${inc.counterpartySql()})::text AS counterparty, (${inc.amountSql()})::bigint AS amount_fen, ${executedOnSql()} AS received_on
      FROM documents d WHERE d.type = ${h.spec.code} AND d.status = 'executed' AND coalesce(${inc.amountSql()}, 0) > 0`;
    });
  return sql.join(parts, sql` UNION ALL `);
}

/**
 * Locks the document whose income is being turned over (serialises turnovers of one document) and
 * writes the turnover on its history, in the caller's transaction.
 */
export async function lockIncomeDocument(tx: Tx, documentId: string): Promise<void> {
  await tx.execute(sql`SELECT id FROM documents WHERE id = ${documentId} FOR UPDATE`);
}

export async function noteIncomeTurnover(tx: Tx, actor: Actor, doc: { id: string; unitId: string }, note: string): Promise<void> {
  await addEvent(tx, doc, actor, 'income_turned_over', 'executed', 'executed', note);
}
