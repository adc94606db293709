// The printed approval sheet (审批表, docs/domain.md §4): everything the approver decides on, computed
// for any type — the cover, the payload's facts with the names of its ids resolved, and for every line
// the card's value (原值, 累计折旧, 净值), its age since recognition and its place before and after the
// document, or a category line's standard findings and idle-match outcome. Which of these a type
// prints is its own declaration (`sheet` in src/shared/document-types/<type>.doctype.ts).
import { type SQL, sql } from 'drizzle-orm';
import type { DocumentSheet, SheetLine } from '../../../shared/document-sheet.contracts.ts';
import { ageMonths } from '../../../shared/document-types/sheet.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { businessClock, businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { getDocument } from './document.queries.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const idOrNull = (v: unknown): string | null => (typeof v === 'string' && UUID.test(v) ? v : null);

/** "单位 · 部门 · 保管人 · 房间" of the ids given (absent parts left out); null when none. */
function place(unit: SQL, dept: SQL, staff: SQL, room: SQL): SQL {
  return sql`nullif(concat_ws(' · ', (SELECT name FROM units WHERE id = ${unit}), (SELECT name FROM departments WHERE id = ${dept}),
    (SELECT name FROM staff WHERE id = ${staff}), (SELECT coalesce(name, code) FROM rooms WHERE id = ${room})), '')`;
}
/** The card's field before this document (its ledger event's `before`), else as it is now. */
const before = (key: string, column: string): SQL =>
  sql`CASE WHEN e.before->${key} IS NOT NULL THEN (e.before->>${key})::uuid ELSE ${sql.raw(`c.${column}`)} END`;

interface LineRow {
  line_no: number;
  card_no: string | null;
  card_name: string | null;
  name: string | null;
  spec: string | null;
  quantity: number;
  unit_price_fen: string | number;
  amount_fen: string | number;
  reason: string | null;
  details: Record<string, unknown> | null;
  original_value_fen: string | number | null;
  accumulated_depreciation_fen: string | number | null;
  posted_on: string | null;
  from_place: string | null;
  now_place: string | null;
  custodian_name: string | null;
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The standard a configuration line was held against, and what it found. */
function standardOf(details: Record<string, unknown>): string | null {
  if (!('standardCode' in details) && !('findings' in details)) return null;
  const findings = (details.findings as { message: string }[] | undefined) ?? [];
  const code = (details.standardCode as string | null | undefined) ?? '未匹配配置标准';
  return findings.length ? `${code}：${findings.map((f) => f.message).join('；')}` : `${code}：符合标准`;
}

/** What became of the idle items offered for a configuration line (先调剂后购置). */
function poolOutcomeOf(details: Record<string, unknown>): string | null {
  if (!('standardCode' in details) && !('declinedIdle' in details)) return null;
  const declined = (details.declinedIdle as { reason: string }[] | undefined) ?? [];
  return declined.length ? `有可调剂闲置资产 ${declined.length} 项，未调剂：${declined.map((d) => d.reason).join('；')}` : '无须调剂';
}

export async function getDocumentSheet(q: Queryable, actor: Actor, id: string): Promise<DocumentSheet> {
  const doc = await getDocument(q, actor, id);
  const asOf = doc.executedAt ? businessClock(new Date(doc.executedAt)).day : businessToday();
  const p = doc.payload;
  const [dept, staff, room] = [idOrNull(p.departmentId), idOrNull(p.custodianId), idOrNull(p.roomId)];
  const [names] = await query<{ departmentName: string | null; custodianName: string | null; roomName: string | null }>(
    q,
    sql`SELECT (SELECT name FROM departments WHERE id = ${dept}::uuid) AS "departmentName",
      (SELECT name FROM staff WHERE id = ${staff}::uuid) AS "custodianName",
      (SELECT coalesce(name, code) FROM rooms WHERE id = ${room}::uuid) AS "roomName"`,
  );
  const lines = await query<LineRow>(
    q,
    sql`
    SELECT l.line_no, c.card_no, c.name AS card_name, coalesce(l.name, k.name) AS name, l.spec, l.quantity, l.unit_price_fen, l.amount_fen,
      l.reason, l.details, c.original_value_fen, c.accumulated_depreciation_fen, coalesce(c.recognized_on, c.posted_on)::text AS posted_on,
      ${place(before('unitId', 'unit_id'), before('usingDepartmentId', 'using_department_id'), before('custodianId', 'custodian_id'), before('roomId', 'room_id'))} AS from_place,
      ${place(sql`c.unit_id`, sql`c.using_department_id`, sql`c.custodian_id`, sql`c.room_id`)} AS now_place,
      (SELECT name FROM staff WHERE id = c.custodian_id) AS custodian_name
    FROM document_lines l LEFT JOIN cards c ON c.id = l.card_id LEFT JOIN categories k ON k.id = l.category_id
      LEFT JOIN LATERAL (SELECT ev.before FROM card_events ev WHERE ev.card_id = l.card_id AND ev.document_id = l.document_id
        ORDER BY ev.seq LIMIT 1) e ON true
    WHERE l.document_id = ${id} ORDER BY l.line_no`,
  );
  // Where the cards go: after execution the card's place; before it, the place the document names.
  const target =
    [doc.counterpartUnitName, names?.departmentName, names?.custodianName, names?.roomName].filter(Boolean).join(' · ') || null;
  const sheetLines: SheetLine[] = lines.map((l) => {
    const original = num(l.original_value_fen);
    const accumulated = num(l.accumulated_depreciation_fen);
    const details = l.details ?? {};
    return {
      lineNo: l.line_no,
      cardNo: l.card_no,
      cardName: l.card_name,
      name: l.name,
      spec: l.spec,
      quantity: l.quantity,
      unitPriceFen: Number(l.unit_price_fen),
      amountFen: Number(l.amount_fen),
      reason: l.reason,
      originalValueFen: original,
      accumulatedDepreciationFen: accumulated,
      netValueFen: original === null || accumulated === null ? null : original - accumulated,
      postedOn: l.posted_on,
      ageMonths: l.posted_on ? ageMonths(l.posted_on, asOf) : null,
      fromPlace: l.card_no ? l.from_place : null,
      toPlace: l.card_no ? (doc.status === 'executed' ? l.now_place : target) : null,
      custodianName: l.custodian_name,
      standard: standardOf(details),
      poolOutcome: poolOutcomeOf(details),
    };
  });
  const facts: DocumentSheet['facts'] = {};
  for (const [k, v] of Object.entries(p)) if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) facts[k] = v as string;
  Object.assign(facts, names ?? {}, { counterpartUnitName: doc.counterpartUnitName });
  return {
    id: doc.id,
    docNo: doc.docNo,
    type: doc.type,
    status: doc.status,
    title: doc.title,
    unitName: doc.unitName ?? '',
    applicantName: doc.applicantName,
    documentDate: businessClock(new Date(doc.submittedAt ?? doc.createdAt)).day,
    asOf,
    printedOn: businessToday(),
    totalFen: doc.totalFen,
    facts,
    lines: sheetLines,
    steps: doc.steps,
    executedByName: doc.executedByName,
    executedAt: doc.executedAt,
  };
}
