import { sql, type SQL } from 'drizzle-orm';
import type { CardReport, ReportKind, SelfService } from '../../../shared/selfservice.contracts.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { cardAccess } from './card-report.service.ts';

/** The reports a unit administrator handles, as one WHERE over `card_reports r` (the workspace counts with it). */
export function cardReportsWhere(actor: Actor, f: { kind?: string; status?: string }): SQL {
  const parts = [inScope('r.unit_id', unitScope(actor, 'card.write'))];
  if (f.kind) parts.push(sql`r.kind = ${f.kind}`);
  if (f.status) parts.push(sql`r.status = ${f.status}`);
  return sql.join(parts, sql` AND `);
}

const COLUMNS = sql`r.id::text, r.card_id::text AS "cardId", c.card_no AS "cardNo", c.name AS "cardName", r.unit_id::text AS "unitId",
  r.kind, r.note, (r.photo_base64 IS NOT NULL) AS "hasPhoto", u.display_name AS "reporterName", r.status,
  r.document_id::text AS "documentId", d.doc_no AS "docNo", r.handled_note AS "handledNote", r.created_at AS "createdAt"`;
const JOINS = sql`JOIN cards c ON c.id = r.card_id LEFT JOIN users u ON u.id = r.reported_by LEFT JOIN documents d ON d.id = r.document_id`;

const iso = (rows: CardReport[]) => rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));

export async function listCardReports(
  q: Queryable,
  actor: Actor,
  f: { kind?: ReportKind; status?: string },
): Promise<{ items: CardReport[]; total: number }> {
  const where = cardReportsWhere(actor, f);
  const [items, total] = await Promise.all([
    query<CardReport>(q, sql`SELECT ${COLUMNS} FROM card_reports r ${JOINS} WHERE ${where} ORDER BY r.created_at DESC, r.id LIMIT 500`),
    queryOne<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM card_reports r WHERE ${where}`),
  ]);
  return { items: iso(items), total: total?.n ?? 0 };
}

/** What the QR page offers this user for the card, and the card's recent reports (to those who may act). */
export async function selfServiceOf(q: Queryable, actor: Actor, cardId: string): Promise<SelfService> {
  const card = await cardAccess(q, actor, cardId);
  const may = card.asCustodian || card.asAdmin;
  const reports = may
    ? await query<CardReport>(
        q,
        sql`SELECT ${COLUMNS} FROM card_reports r ${JOINS} WHERE r.card_id = ${cardId}
          ORDER BY (r.status = 'open') DESC, r.created_at DESC LIMIT 10`,
      )
    : [];
  return { mayAct: may, asCustodian: card.asCustodian, reports: iso(reports) };
}

/** A report's photo: to its reporter and the unit's administrators. */
export async function reportPhoto(q: Queryable, actor: Actor, id: string): Promise<{ contentType: string; data: Buffer }> {
  const r = await queryOne<{ photo_type: string | null; photo_base64: string | null }>(
    q,
    sql`SELECT photo_type, photo_base64 FROM card_reports r
      WHERE r.id = ${id} AND (r.reported_by = ${actor.userId} OR ${inScope('r.unit_id', unitScope(actor, 'card.write'))})`,
  );
  if (!r?.photo_base64 || !r.photo_type) throw notFound('照片');
  return { contentType: r.photo_type, data: Buffer.from(r.photo_base64, 'base64') };
}
