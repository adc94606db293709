import { sql } from 'drizzle-orm';
import type { CardInput } from '../../../shared/assets.contracts.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';

/**
 * The rules of DOMAIN §4 that need the database: the category exists, the department, custodian
 * and room belong to the card's units, the category's attribute set is filled in. Returns field
 * errors (empty when the input is good) so an import can collect them row by row.
 */
export async function validateCardInput(q: Queryable, input: CardInput): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const usingUnitId = input.usingUnitId ?? input.unitId;
  // One round trip: every referenced row, or null where the id does not exist.
  const [ref] = await query<{
    unit: string | null; managing: string | null; using_unit: string | null;
    cat_active: boolean | null; attribute_set: string | null;
    dept_unit: string | null; staff_unit: string | null; staff_dept: string | null; room_unit: string | null; room_exists: boolean;
  }>(q, sql`
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
      EXISTS (SELECT 1 FROM rooms WHERE id = ${input.roomId ?? null}::uuid) AS room_exists`);

  if (!ref.unit) fields.unitId = '单位不存在或已停用';
  if (input.managingUnitId && !ref.managing) fields.managingUnitId = '管理单位不存在';
  if (input.usingUnitId && !ref.using_unit) fields.usingUnitId = '使用单位不存在';
  if (ref.cat_active === null) fields.categoryId = '资产分类不存在';
  else if (!ref.cat_active) fields.categoryId = '资产分类已停用';
  if (input.usingDepartmentId && ref.dept_unit !== usingUnitId) fields.usingDepartmentId = '使用部门不属于使用单位';
  if (input.custodianId) {
    if (ref.staff_unit !== usingUnitId) fields.custodianId = '保管人不属于使用单位';
    else if (input.usingDepartmentId && ref.staff_dept && ref.staff_dept !== input.usingDepartmentId) fields.custodianId = '保管人不在所选使用部门';
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
  if (input.warrantyUntil && !fields.warrantyUntil && input.warrantyUntil < input.acquiredOn) fields.warrantyUntil = '保修截止日期不能早于取得日期';
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]{2,39}$/i;
const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;
// Mainland plates: province character, letter, 5 (or 6 for new-energy) letters/digits.
const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;

/** The category's attribute set (DOMAIN §4): buildings structure+area, vehicles plate, IT network and rack. */
export function checkAttributes(set: string, a: Record<string, unknown>, fields: Record<string, string>): void {
  const key = (k: string) => `attributes.${k}`;
  if (set === 'building') {
    if (!a.structure) fields[key('structure')] = '房屋须填写结构';
    if (typeof a.area !== 'number' || !(a.area > 0)) fields[key('area')] = '房屋须填写面积（平方米）';
  } else if (set === 'land') {
    if (typeof a.area !== 'number' || !(a.area > 0)) fields[key('area')] = '土地须填写面积（平方米）';
  } else if (set === 'vehicle') {
    if (typeof a.plateNo !== 'string' || !PLATE.test(a.plateNo)) fields[key('plateNo')] = '车辆须填写有效车牌号（如 京A12345）';
  } else if (set === 'it') {
    if (a.ip !== undefined && a.ip !== '' && !(typeof a.ip === 'string' && (IPV4.test(a.ip) || (a.ip.includes(':') && IPV6.test(a.ip))))) fields[key('ip')] = 'IP 地址格式无效';
    if (a.mac !== undefined && a.mac !== '' && !(typeof a.mac === 'string' && MAC.test(a.mac))) fields[key('mac')] = 'MAC 地址格式无效';
    if ((a.uStart !== undefined || a.uHeight !== undefined) && !a.rack) fields[key('rack')] = '填写 U 位时须填写机柜';
  }
}
