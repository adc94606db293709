// The ids a document carries in its payload and lines, declared once with the table they name and
// the unit they must belong to, and checked by one helper on every create and edit. A document is a
// write by other means: a custodian or room named in a payload is held to the same scope as on a
// direct write of the card, and a new id field is refused by the test until it is declared here.
import { sql } from 'drizzle-orm';
import { type DocumentInput, documentTypeSpec } from '../../../shared/workflow.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { invalid } from '../../platform/errors.ts';

export interface RefRule {
  /** The table the id names (a constant, never input). */
  table: 'departments' | 'staff' | 'rooms' | 'units' | 'cards' | 'categories' | 'documents' | 'document_lines';
  label: string;
  /**
   * Which unit the record must belong to: 'side' — the unit the document places cards in (the
   * receiving unit of a transfer between units, else the applicant unit); 'applicant' — the
   * applicant unit; 'none' — any (shared records, offers from other units, the committee's orders).
   */
  owner: 'side' | 'applicant' | 'none';
  /** A record of no unit passes (shared rooms), as on a direct write of a card. */
  sharedOk?: boolean;
  /** Extra condition on the row (a constant). */
  where?: string;
}

/** Every id field of any type's payload (a field name means the same in every type that has it). */
export const PAYLOAD_REFS: Record<string, RefRule> = {
  departmentId: { table: 'departments', label: '使用部门', owner: 'side' },
  custodianId: { table: 'staff', label: '保管人', owner: 'side' },
  roomId: { table: 'rooms', label: '存放地点', owner: 'side', sharedOk: true },
  orderId: { table: 'documents', label: '采购单', owner: 'none', where: "type = 'procurement'" },
};

/** Every id field of a line (nested arrays as `declinedIdle.cardId`). */
export const LINE_REFS: Record<string, RefRule> = {
  cardId: { table: 'cards', label: '资产', owner: 'applicant' },
  categoryId: { table: 'categories', label: '资产分类', owner: 'none' },
  replacesCardId: { table: 'cards', label: '被替换的资产', owner: 'applicant' },
  sourceLineId: { table: 'document_lines', label: '申请明细', owner: 'none' },
  'declinedIdle.cardId': { table: 'cards', label: '闲置资产', owner: 'none' },
  forStaffId: { table: 'staff', label: '使用人', owner: 'applicant' },
  forRoomId: { table: 'rooms', label: '存放房间', owner: 'applicant', sharedOk: true },
};

/** Top-level id fields of DocumentInput besides unitId (which is the scope itself). */
export const INPUT_REFS: Record<string, RefRule> = {
  counterpartUnitId: { table: 'units', label: '调入单位', owner: 'none', where: 'active' },
};

interface Ref {
  field: string;
  id: string;
  rule: RefRule;
}

function collect(input: DocumentInput): Ref[] {
  const refs: Ref[] = [];
  const payload = input.payload as Record<string, unknown>;
  for (const [k, rule] of Object.entries(PAYLOAD_REFS)) {
    if (typeof payload[k] === 'string') refs.push({ field: `payload.${k}`, id: payload[k] as string, rule });
  }
  for (const [k, rule] of Object.entries(INPUT_REFS)) {
    const v = (input as unknown as Record<string, unknown>)[k];
    if (typeof v === 'string') refs.push({ field: k, id: v, rule });
  }
  input.lines.forEach((line, i) => {
    for (const [path, rule] of Object.entries(LINE_REFS)) {
      const [head, tail] = path.split('.');
      const v = (line as Record<string, unknown>)[head];
      if (!tail) {
        if (typeof v === 'string') refs.push({ field: `lines.${i}.${head}`, id: v, rule });
      } else if (Array.isArray(v)) {
        v.forEach((item, j) => {
          const id = (item as Record<string, unknown> | null)?.[tail];
          if (typeof id === 'string') refs.push({ field: `lines.${i}.${head}.${j}.${tail}`, id, rule });
        });
      }
    }
  });
  return refs;
}

/** The unit a document places its cards in: the receiving unit, for a type that has one (a transfer between units). */
export function sideUnit(input: Pick<DocumentInput, 'type' | 'counterpartUnitId'>, unitId: string): string {
  const receiving = documentTypeSpec(input.type).counterpart ? input.counterpartUnitId : undefined;
  return receiving && receiving !== unitId ? receiving : unitId;
}

/**
 * Checks every declared id of the input: it exists and belongs to the unit its rule names. A
 * foreign id and a missing one get the same answer (400 naming the field), so ids cannot be probed.
 */
export async function checkRefs(q: Queryable, input: DocumentInput, unitId: string): Promise<void> {
  const refs = collect(input);
  if (!refs.length) return;
  const side = sideUnit(input, unitId);
  const byTable = new Map<RefRule['table'], Ref[]>();
  for (const r of refs) byTable.set(r.rule.table, [...(byTable.get(r.rule.table) ?? []), r]);
  const rows = new Map<string, { unit_id: string | null; department_id: string | null; ok: boolean }>();
  for (const [table, list] of byTable) {
    const ids = [...new Set(list.map((r) => r.id))];
    const unitCol = table === 'units' ? 'id' : table === 'categories' ? 'null::uuid' : 'unit_id';
    const deptCol = table === 'staff' ? 'department_id' : 'null::uuid';
    const where = list[0].rule.where ? sql.raw(list[0].rule.where) : sql`true`;
    const found = await query<{ id: string; unit_id: string | null; department_id: string | null; ok: boolean }>(
      q,
      sql`
      SELECT id::text, ${sql.raw(unitCol)}::text AS unit_id, ${sql.raw(deptCol)}::text AS department_id, (${where}) AS ok
      FROM ${sql.raw(table)} WHERE id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`,
    );
    for (const f of found) rows.set(`${table}:${f.id}`, f);
  }
  const fields: Record<string, string> = {};
  for (const r of refs) {
    const row = rows.get(`${r.rule.table}:${r.id}`);
    const want = r.rule.owner === 'side' ? side : r.rule.owner === 'applicant' ? unitId : null;
    const whose = want === unitId ? '申请单位' : '调入单位';
    const owned = !want || row?.unit_id === want || (r.rule.sharedOk && row?.unit_id === null);
    if (!row?.ok) fields[r.field] = `${r.rule.label}不存在`;
    else if (!owned) fields[r.field] = `${r.rule.label}不存在或不属于${whose}`;
  }
  // As on a direct write: the custodian works in the department named beside them.
  const p = input.payload as { departmentId?: string; custodianId?: string };
  const custodian = p.custodianId ? rows.get(`staff:${p.custodianId}`) : undefined;
  if (
    !fields['payload.custodianId'] &&
    !fields['payload.departmentId'] &&
    p.departmentId &&
    custodian?.department_id &&
    custodian.department_id !== p.departmentId
  ) {
    fields['payload.custodianId'] = '保管人不在所选使用部门';
  }
  if (Object.keys(fields).length) throw invalid(fields, Object.values(fields)[0]);
}
