// 责任追究 (docs/domain.md §11): violations recorded against a unit and a person, with the rule, the
// evidence, the handling and the outcome. The system finds some itself (detectViolations); the
// committee enters the others. They count in the unit's evaluation (the `violations` indicator).
import { eq, sql, type SQL } from 'drizzle-orm';
import type { CloseViolationInput, Violation, ViolationInput } from '../../../shared/evaluation.contracts.ts';
import { assertInScope, inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { businessToday, businessDayOf } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { accountabilityRecords } from './evaluation.tables.ts';

export async function recordViolation(q: Queryable, actor: Actor, input: ViolationInput): Promise<{ id: string }> {
  assertInScope(input.unitId, unitScope(actor, 'accountability.record'), '单位');
  return withTx(q, async (tx) => {
    const [row] = await tx
      .insert(accountabilityRecords)
      .values({
        unitId: input.unitId,
        personName: input.personName,
        kind: input.kind,
        source: 'manual',
        rule: input.rule,
        evidence: input.evidence,
        documentId: input.documentId ?? null,
        cardId: input.cardId ?? null,
        occurredOn: input.occurredOn,
        createdBy: actor.userId,
      })
      .returning({ id: accountabilityRecords.id });
    return { id: row.id };
  });
}

export async function closeViolation(q: Queryable, actor: Actor, id: string, input: CloseViolationInput): Promise<void> {
  await withTx(q, async (tx) => {
    const [row] = await tx.select().from(accountabilityRecords).where(eq(accountabilityRecords.id, id)).for('update');
    if (!row) throw notFound('责任追究记录');
    if (row.status === 'closed') throw new AppError('invalid_transition', '该记录已处理完毕');
    await tx
      .update(accountabilityRecords)
      .set({ status: 'closed', handling: input.handling, outcome: input.outcome, closedBy: actor.userId, closedAt: new Date() })
      .where(eq(accountabilityRecords.id, id));
  });
}

/**
 * What the system finds by itself, as of `today`: pool loans kept past their due date (the borrower,
 * the person who asked), lendings not brought back by their period's end (the lending unit's
 * applicant), and cards lost in a closed count (the count's unit, the custodian named in its
 * snapshot). Each finding has a key, so running it again adds nothing. One statement per kind.
 */
export async function detectViolations(q: Queryable, today: string = businessToday()): Promise<{ found: number }> {
  return withTx(q, async (tx) => {
    const rows = await query<{ n: number }>(
      tx,
      sql`
      WITH found AS (
        SELECT pr.unit_id, ru.display_name AS person, 'pool_overdue' AS kind,
          '公物仓借用资产应于到期日归还' AS rule,
          '借用 ' || c.card_no || ' ' || c.name || '，应还日期 ' || pr.due_on || '，至 ' || ${today} || ' 未归还' AS evidence,
          pr.transfer_document_id AS document_id, c.id AS card_id, pr.due_on + 1 AS occurred_on, 'pool_overdue:' || pr.id AS key
        FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id JOIN cards c ON c.id = pl.card_id
        LEFT JOIN users ru ON ru.id = pr.requested_by
        WHERE pr.kind = 'loan' AND pr.status = 'approved' AND pr.due_on < ${today}::date
        UNION ALL
        SELECT d.unit_id, ap.display_name, 'late_return', '出借资产应在约定期限届满时收回',
          '出借单 ' || d.doc_no || '（' || coalesce(d.payload->>'counterparty', '') || '）期限至 ' || (d.payload->>'periodTo') || '，至 ' || ${today} || ' 未收回',
          d.id, NULL::uuid, gw_date_or_null(d.payload->>'periodTo') + 1, 'late_return:' || d.id
        FROM documents d LEFT JOIN users ap ON ap.id = d.applicant_id
        WHERE d.type = 'lending' AND d.status = 'executed' AND d.payload->>'returnedOn' IS NULL
          AND gw_date_or_null(d.payload->>'periodTo') < ${today}::date
          AND NOT EXISTS (SELECT 1 FROM pool_requests pr WHERE pr.transfer_document_id = d.id)
        UNION ALL
        SELECT i.unit_id, st.name, 'count_loss', '资产应账实相符（清查盘亏须查明原因、追究责任）',
          '清查「' || k.title || '」盘亏 ' || i.card_no || ' ' || i.name || '，账面价值 ' || to_char(i.value_fen / 100.0, 'FM999999999990.00') || ' 元',
          NULL::uuid, i.card_id, ${businessDayOf('k.closed_at')}, 'count_loss:' || k.id || ':' || i.card_id
        FROM count_items i JOIN counts k ON k.id = i.count_id LEFT JOIN staff st ON st.id = i.custodian_id
        WHERE k.status = 'closed' AND NOT EXISTS (SELECT 1 FROM count_scans s WHERE s.count_id = i.count_id AND s.card_id = i.card_id)),
      ins AS (
        INSERT INTO accountability_records (unit_id, person_name, kind, source, rule, evidence, document_id, card_id, occurred_on, key)
        SELECT unit_id, person, kind, 'system', rule, evidence, document_id, card_id, occurred_on, key FROM found
        ON CONFLICT (key) WHERE key IS NOT NULL DO NOTHING RETURNING 1)
      SELECT count(*)::int AS n FROM ins`,
    );
    return { found: rows[0].n };
  });
}

export async function listViolations(q: Queryable, actor: Actor, p: { year?: number; status?: string }): Promise<Violation[]> {
  const where: SQL[] = [inScope(sql`a.unit_id`, unitScope(actor, 'pool.evaluate'))];
  if (p.year) where.push(sql`a.occurred_on BETWEEN ${`${p.year}-01-01`}::date AND ${`${p.year}-12-31`}::date`);
  if (p.status) where.push(sql`a.status = ${p.status}`);
  return query<Violation>(
    q,
    sql`
    SELECT a.id, a.unit_id AS "unitId", u.name AS "unitName", a.person_name AS "personName", a.kind, a.source, a.rule, a.evidence,
      a.document_id AS "documentId", d.doc_no AS "docNo", a.card_id AS "cardId", c.card_no AS "cardNo",
      a.occurred_on::text AS "occurredOn", a.status, a.handling, a.outcome
    FROM accountability_records a LEFT JOIN units u ON u.id = a.unit_id
    LEFT JOIN documents d ON d.id = a.document_id LEFT JOIN cards c ON c.id = a.card_id
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY a.occurred_on DESC, a.created_at DESC, a.id LIMIT 1000`,
  );
}
