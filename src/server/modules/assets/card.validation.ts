import { sql } from 'drizzle-orm';
import type { CardInput } from '../../../shared/assets.contracts.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { checkAttributes, deriveCardBooks, type CategoryFacts } from './card.rules.ts';

/** The facts card.rules.ts needs of a category, by id. */
export async function categoryFacts(q: Queryable, categoryId: string): Promise<CategoryFacts | undefined> {
  return queryOne<CategoryFacts>(
    q,
    sql`
    SELECT code, name, level, useful_life_months AS "usefulLifeMonths", depreciable,
      capitalization_threshold_fen::float8 AS "capitalizationThresholdFen", attribute_set AS "attributeSet",
      asset_kind AS "assetKind", batch_fixed AS "batchFixed"
    FROM categories WHERE id = ${categoryId}::uuid`,
  );
}

/**
 * The rules of docs/domain.md §3 that need the database: the category exists, the department, custodian
 * and room belong to the card's units, the category's attribute set is filled in. Returns field
 * errors (empty when the input is good) so an import can collect them row by row.
 */
export async function validateCardInput(q: Queryable, input: CardInput): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const usingUnitId = input.usingUnitId ?? input.unitId;
  // One round trip: every referenced row, or null where the id does not exist.
  const [ref] = await query<{
    unit: string | null;
    managing: string | null;
    using_unit: string | null;
    cat_active: boolean | null;
    attribute_set: string | null;
    dept_unit: string | null;
    staff_unit: string | null;
    staff_dept: string | null;
    room_unit: string | null;
    room_exists: boolean;
  }>(
    q,
    sql`
    SELECT
      (SELECT id::text FROM units WHERE id = ${input.unitId} AND active) AS unit,
      (SELECT id::text FROM units WHERE id = ${input.managingUnitId ?? input.unitId}) AS managing,
      (SELECT id::text FROM units WHERE id = ${usingUnitId}) AS using_unit,
      (SELECT active FROM categories WHERE id = ${input.categoryId}) AS cat_active,
      (SELECT attribute_set FROM categories WHERE id = ${input.categoryId}) AS attribute_set,
      (SELECT unit_id::text FROM departments WHERE id = ${input.usingDepartmentId ?? null}::uuid) AS dept_unit,
      (SELECT unit_id::text FROM staff WHERE id = ${input.custodianId ?? null}::uuid) AS staff_unit,
      (SELECT department_id::text FROM staff WHERE id = ${input.custodianId ?? null}::uuid) AS staff_dept,
      (SELECT unit_id::text FROM rooms WHERE id = ${input.roomId ?? null}::uuid) AS room_unit,
      EXISTS (SELECT 1 FROM rooms WHERE id = ${input.roomId ?? null}::uuid) AS room_exists`,
  );

  if (!ref.unit) fields.unitId = '单位不存在或已停用';
  if (input.managingUnitId && !ref.managing) fields.managingUnitId = '管理单位不存在';
  if (input.usingUnitId && !ref.using_unit) fields.usingUnitId = '使用单位不存在';
  if (ref.cat_active === null) fields.categoryId = '资产分类不存在';
  else if (!ref.cat_active) fields.categoryId = '资产分类已停用';
  if (input.usingDepartmentId && ref.dept_unit !== usingUnitId) fields.usingDepartmentId = '使用部门不属于使用单位';
  if (input.custodianId) {
    if (ref.staff_unit !== usingUnitId) fields.custodianId = '保管人不属于使用单位';
    else if (input.usingDepartmentId && ref.staff_dept && ref.staff_dept !== input.usingDepartmentId)
      fields.custodianId = '保管人不在所选使用部门';
  }
  if (input.roomId) {
    // A room is the unit's own, or unassigned (shared rooms, the committee's machine rooms).
    const allowed = [input.unitId, usingUnitId, input.managingUnitId ?? input.unitId];
    if (!ref.room_exists) fields.roomId = '房间不存在';
    else if (ref.room_unit && !allowed.includes(ref.room_unit)) fields.roomId = '房间不属于本单位';
  }

  checkDates(input, fields);
  if (input.accumulatedDepreciationFen > input.originalValueFen) fields.accumulatedDepreciationFen = '累计折旧不能超过原值';
  if (input.openingDepreciatedMonths != null && input.usefulLifeMonths != null && input.openingDepreciatedMonths > input.usefulLifeMonths) {
    fields.openingDepreciatedMonths = `已提折旧月数不能超过使用月数 ${input.usefulLifeMonths}`;
  }
  if ((input.useMode === 'rented' || input.useMode === 'lent') && !input.counterparty) fields.counterparty = '出租、出借须填写对方单位';
  if (input.depreciationMethod === 'units_of_production' && !input.totalWorkload) fields.totalWorkload = '工作量法须填写预计总工作量';
  if (input.quantity > 1 && ref.attribute_set && ref.attribute_set !== 'none') fields.quantity = '房屋、车辆、信息设备须一物一卡';
  checkAttributes(ref.attribute_set ?? 'none', input.attributes ?? {}, fields);
  const cat = ref.cat_active === null ? undefined : await categoryFacts(q, input.categoryId);
  if (cat) deriveCardBooks(cat, input, fields);
  for (const k of ['manufacturedOn'] as const) if (input[k] && input[k]! > businessToday()) fields[k] = '出厂日期不能晚于今天';
  return fields;
}

function checkDates(input: CardInput, fields: Record<string, string>): void {
  const today = businessToday();
  const valid = (d: string) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
  for (const k of ['acquiredOn', 'postedOn', 'inUseOn', 'warrantyUntil'] as const) {
    const v = input[k];
    if (v && !valid(v)) fields[k] = '日期无效';
  }
  if (fields.acquiredOn) return;
  if (input.acquiredOn > today) fields.acquiredOn = '取得日期不能晚于今天';
  if (input.postedOn && !fields.postedOn && input.postedOn < input.acquiredOn) fields.postedOn = '入账日期不能早于取得日期';
  if (input.postedOn && !fields.postedOn && input.postedOn > today) fields.postedOn = '入账日期不能晚于今天';
  if (input.inUseOn && !fields.inUseOn && input.inUseOn < input.acquiredOn) fields.inUseOn = '投入使用日期不能早于取得日期';
  if (input.warrantyUntil && !fields.warrantyUntil && input.warrantyUntil < input.acquiredOn)
    fields.warrantyUntil = '保修截止日期不能早于取得日期';
}
