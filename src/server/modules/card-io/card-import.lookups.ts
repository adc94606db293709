import { sql } from 'drizzle-orm';
import { query, type Queryable } from '../../platform/db/engine.ts';
import type { CategoryFacts } from '../assets/index.ts';

/** A category as an import row needs it: the book rules' facts (card.rules.ts) and the defaults. */
export interface CategoryRef extends CategoryFacts {
  id: string;
  edition: string;
  measureUnit: string;
}

/**
 * What an import row may name, loaded once per import: categories of both editions and the unit's
 * departments, staff and rooms. Read-only look-ups of reference data; a few thousand rows at most.
 */
export interface ImportLookups {
  unitId: string;
  categories: Map<string, CategoryRef>;
  departments: Map<string, string>;
  staffByNo: Map<string, string>;
  staffByName: Map<string, string[]>;
  rooms: Map<string, string[]>;
}

/** 'building/room' or 'compound/building/room', case- and space-insensitive. */
export const roomKey = (...parts: string[]) => parts.map((p) => p.trim().toLowerCase()).join('/');

export async function loadImportLookups(q: Queryable, unitId: string): Promise<ImportLookups> {
  const cats = await query<CategoryRef>(
    q,
    sql`
    SELECT id, edition, code, name, level, attribute_set AS "attributeSet", useful_life_months AS "usefulLifeMonths", depreciable,
      measure_unit AS "measureUnit", capitalization_threshold_fen::float8 AS "capitalizationThresholdFen", asset_kind AS "assetKind",
      batch_fixed AS "batchFixed"
    FROM categories ORDER BY edition`,
  );
  const categories = new Map<string, CategoryRef>();
  // Ordered by edition so the 2022 code wins if both editions ever used the same code.
  for (const c of cats) {
    categories.set(c.code.toUpperCase(), c);
  }
  const departments = new Map<string, string>();
  for (const d of await query<{ id: string; code: string | null; name: string }>(
    q,
    sql`SELECT id, code, name FROM departments WHERE unit_id = ${unitId}`,
  )) {
    departments.set(d.name.trim(), d.id);
    if (d.code) departments.set(d.code.trim(), d.id);
  }
  const staffByNo = new Map<string, string>();
  const staffByName = new Map<string, string[]>();
  for (const s of await query<{ id: string; employee_no: string | null; name: string }>(
    q,
    sql`SELECT id, employee_no, name FROM staff WHERE unit_id = ${unitId}`,
  )) {
    if (s.employee_no) staffByNo.set(s.employee_no.trim(), s.id);
    const list = staffByName.get(s.name.trim()) ?? [];
    list.push(s.id);
    staffByName.set(s.name.trim(), list);
  }
  const rooms = new Map<string, string[]>();
  const roomRows = await query<{ id: string; code: string; b_code: string; b_name: string; c_code: string }>(
    q,
    sql`
    SELECT r.id, r.code, b.code AS b_code, b.name AS b_name, c.code AS c_code
    FROM rooms r JOIN buildings b ON b.id = r.building_id JOIN compounds c ON c.id = r.compound_id
    WHERE r.unit_id = ${unitId} OR r.unit_id IS NULL`,
  );
  // Building codes repeat across compounds ('A'), so the compound may be named to disambiguate.
  for (const r of roomRows) {
    const keys = [
      roomKey(r.b_code, r.code),
      roomKey(r.b_name, r.code),
      roomKey(r.c_code, r.b_code, r.code),
      roomKey(r.c_code, r.b_name, r.code),
    ];
    for (const key of new Set(keys)) {
      const list = rooms.get(key) ?? [];
      list.push(r.id);
      rooms.set(key, list);
    }
  }
  return { unitId, categories, departments, staffByNo, staffByName, rooms };
}

/** Serial numbers among `serials` that cards of the unit already carry (one statement, any count). */
export async function existingSerials(q: Queryable, unitId: string, serials: string[]): Promise<Set<string>> {
  if (serials.length === 0) return new Set();
  const rows = await query<{ serial_no: string }>(
    q,
    sql`
    SELECT DISTINCT serial_no FROM cards
    WHERE unit_id = ${unitId} AND serial_no IN (SELECT jsonb_array_elements_text(${JSON.stringify(serials)}::jsonb))`,
  );
  return new Set(rows.map((r) => r.serial_no));
}
