// The approval-chain defaults of every document type, from the registry (each type's
// `chainDefaults`), installed on every migrate. Idempotent and respectful of edits, as
// migrations/post/040_workflow_defaults.sql was for the first ten types (it stays: released SQL is
// never edited): a chain that has steps, or that the committee has saved (even emptied), is left alone.
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/engine.ts';
import { DOCUMENT_HANDLERS } from './document-types/registry.ts';

export async function installChainDefaults(database: Database): Promise<void> {
  const handlers = Object.values(DOCUMENT_HANDLERS);
  await database.db.execute(sql`
    INSERT INTO approval_chains (document_type) VALUES ${sql.join(
      handlers.map((h) => sql`(${h.spec.code})`),
      sql`, `,
    )} ON CONFLICT (document_type) DO NOTHING`);
  const steps = handlers.flatMap((h) =>
    h.chainDefaults.map(
      (s, i) => sql`(${h.spec.code}, ${i + 1}, ${s.role}, ${s.scope}, ${s.label}, ${JSON.stringify(s.condition ?? {})}::jsonb)`,
    ),
  );
  if (!steps.length) return;
  await database.db.execute(sql`
    WITH defaults(document_type, step_no, role, scope, label, condition) AS (VALUES ${sql.join(steps, sql`, `)})
    INSERT INTO approval_chain_steps (document_type, step_no, role, scope, label, condition)
    SELECT d.document_type, d.step_no::int, d.role, d.scope, d.label, d.condition FROM defaults d
    WHERE NOT EXISTS (SELECT 1 FROM approval_chain_steps s WHERE s.document_type = d.document_type)
      AND NOT EXISTS (SELECT 1 FROM approval_chains c WHERE c.document_type = d.document_type AND c.updated_by IS NOT NULL)`);
}
