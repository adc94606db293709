// The card's book rules that need no database (docs/domain.md §3, §6): its kind (fixed, intangible,
// low-value), the floor of its useful life, who may be "not depreciated", the funding split, and the
// category's attribute set. The card service, the import and the category checks all call these,
// so a rule is written once; each returns field errors in Chinese rather than throwing.
import { BUILDING_STRUCTURES, type CardInput } from '../../../shared/assets.contracts.ts';
import type { AssetKind, DepreciationStatus } from '../../../shared/assets.enums.ts';
import { formatYuan as yuan } from '../../../shared/money.ts';
import { businessToday } from '../../platform/clock.ts';

/** What the rules need to know of a card's category. */
export interface CategoryFacts {
  code: string;
  name: string;
  level: number;
  usefulLifeMonths: number | null;
  depreciable: boolean;
  capitalizationThresholdFen: number;
  attributeSet: string;
  assetKind: string; // fixed | intangible
  batchFixed: boolean;
}

export type FieldErrors = Record<string, string>;

/** Nominal-value assets are carried at ¥1 (名义金额). */
export const NOMINAL_VALUE_FEN = 100;

/**
 * Buildings take the floor of their structure whatever their use (财会〔2017〕4号): steel and
 * reinforced concrete 50 years, brick-concrete and brick-wood 30, simple buildings 8.
 */
export const STRUCTURE_FLOOR_MONTHS: Record<keyof typeof BUILDING_STRUCTURES, number> = {
  steel: 600,
  reinforced_concrete: 600,
  brick_concrete: 360,
  brick_wood: 360,
  simple: 96,
};

const months = (m: number) => (m % 12 === 0 ? `${m} 个月（${m / 12} 年）` : `${m} 个月`);

/**
 * The card's kind: intangible by its category; otherwise a low-value item (低值易耗品) when each item
 * is worth less than the category's threshold (¥1,000; ¥1,500 for special equipment), except a batch
 * card of furniture or books (docs/domain.md §6) and an asset at nominal value.
 */
export function assetKindOf(
  cat: Pick<CategoryFacts, 'assetKind' | 'capitalizationThresholdFen' | 'batchFixed'>,
  card: { originalValueFen: number; quantity: number; valueType?: string | null },
): AssetKind {
  if (cat.assetKind === 'intangible') return 'intangible';
  if (card.valueType === 'nominal') return 'fixed';
  if (card.quantity > 1 && cat.batchFixed) return 'fixed';
  return card.originalValueFen < cat.capitalizationThresholdFen * Math.max(1, card.quantity) ? 'low_value' : 'fixed';
}

/** The floor of a card's life (不低于) and what it comes from; null when no floor applies. */
export function lifeFloor(
  cat: Pick<CategoryFacts, 'name' | 'usefulLifeMonths' | 'attributeSet'>,
  attributes: Record<string, unknown> | null | undefined,
): { months: number; basis: string } | null {
  const structure = attributes?.structure as keyof typeof STRUCTURE_FLOOR_MONTHS | undefined;
  if (cat.attributeSet === 'building' && structure && STRUCTURE_FLOOR_MONTHS[structure]) {
    const zh = BUILDING_STRUCTURES[structure][0];
    return { months: STRUCTURE_FLOOR_MONTHS[structure], basis: `${zh}${zh.endsWith('结构') ? '' : '结构'}房屋` };
  }
  if (cat.usefulLifeMonths) return { months: cat.usefulLifeMonths, basis: `分类“${cat.name}”` };
  return null;
}

/** May a card of this category and value type be "not depreciated"? Only the five exempt kinds (and low-value items). */
export function mayBeUndepreciated(
  cat: Pick<CategoryFacts, 'depreciable'>,
  valueType: string | null | undefined,
  kind: AssetKind,
): boolean {
  return !cat.depreciable || valueType === 'nominal' || kind === 'low_value';
}

export interface DepreciationFields {
  depreciationMethod: string;
  usefulLifeMonths: number | null;
  valueType?: string | null;
  attributes?: Record<string, unknown> | null;
  assetKind: AssetKind;
}

/**
 * Lives and exemptions (docs/domain.md §6): a depreciable top-level category without a life takes no cards;
 * only the exempt kinds may be 'none'; an exempt category is not depreciated; a straight-line card
 * has a life; no life is below its floor (a longer one is allowed). Errors go on the field to fix.
 */
export function checkDepreciationRules(cat: CategoryFacts, card: DepreciationFields, fields: FieldErrors): void {
  if (cat.level === 1 && cat.depreciable && !cat.usefulLifeMonths) {
    fields.categoryId = `一级分类“${cat.name}”没有使用年限，不能直接登记卡片，请选择其下级分类`;
    return;
  }
  const method = card.depreciationMethod;
  if (method === 'none') {
    if (!mayBeUndepreciated(cat, card.valueType, card.assetKind)) {
      fields.depreciationMethod = `“${cat.name}”须计提${cat.assetKind === 'intangible' ? '摊销' : '折旧'}：只有单独计价入账的土地、文物和陈列品、图书和档案、特种动植物及以名义金额计量的资产可以不计提折旧`;
    }
    return;
  }
  if (!cat.depreciable) {
    fields.depreciationMethod = `“${cat.name}”属于不计提折旧的资产（土地、文物和陈列品、图书和档案、特种动植物等），折旧方法应为“不计提折旧”`;
    return;
  }
  if (card.valueType === 'nominal') {
    fields.depreciationMethod = '以名义金额计量的资产不计提折旧';
    return;
  }
  const floor = lifeFloor(cat, card.attributes);
  if (method === 'straight_line' && !card.usefulLifeMonths) {
    fields.usefulLifeMonths = floor ? `使用年限必填，不得低于 ${months(floor.months)}` : '年限平均法须填写使用年限（月）';
    return;
  }
  if (floor && card.usefulLifeMonths && card.usefulLifeMonths < floor.months) {
    fields.usefulLifeMonths = `使用年限不得低于 ${months(floor.months)}（${floor.basis}的最低折旧年限），填写的是 ${months(card.usefulLifeMonths)}`;
  }
}

/**
 * The funding split: 财政拨款 + 非财政拨款 = 原值. Neither given: all of it to the card's funding
 * source (财政拨款 unless it is 非财政拨款); one given: the other is the rest.
 */
export function resolveFunding(
  card: { originalValueFen: number; fiscalFundingFen?: number | null; nonFiscalFundingFen?: number | null; fundingSource?: string | null },
  fields: FieldErrors,
): { fiscalFundingFen: number; nonFiscalFundingFen: number } {
  const v = card.originalValueFen;
  const f = card.fiscalFundingFen ?? null;
  const n = card.nonFiscalFundingFen ?? null;
  if (f === null && n === null)
    return card.fundingSource === 'non_fiscal'
      ? { fiscalFundingFen: 0, nonFiscalFundingFen: v }
      : { fiscalFundingFen: v, nonFiscalFundingFen: 0 };
  if (f !== null && n === null) {
    if (f > v) fields.fiscalFundingFen = `财政拨款（¥${yuan(f)}）不能大于原值（¥${yuan(v)}）`;
    return { fiscalFundingFen: f, nonFiscalFundingFen: Math.max(0, v - f) };
  }
  if (f === null && n !== null) {
    if (n > v) fields.nonFiscalFundingFen = `非财政拨款（¥${yuan(n)}）不能大于原值（¥${yuan(v)}）`;
    return { fiscalFundingFen: Math.max(0, v - n), nonFiscalFundingFen: n };
  }
  if (f! + n! !== v) fields.fiscalFundingFen = `财政拨款（¥${yuan(f!)}）与非财政拨款（¥${yuan(n!)}）之和应等于原值（¥${yuan(v)}）`;
  return { fiscalFundingFen: f!, nonFiscalFundingFen: n! };
}

/** A nominal-value card is carried at ¥1. */
export function checkValueType(card: { valueType?: string | null; originalValueFen: number }, fields: FieldErrors): void {
  if (card.valueType === 'nominal' && card.originalValueFen !== NOMINAL_VALUE_FEN)
    fields.originalValueFen = '以名义金额计量的资产，原值应为 1 元';
}

/** 折旧状态, shown on the card: 不计提 (exempt, low-value, 'none'), 已提足, else 计提. */
export function depreciationStatusOf(
  card: { depreciationMethod: string; assetKind: string; valueType: string; originalValueFen: number; accumulatedDepreciationFen: number },
  categoryDepreciable: boolean,
): DepreciationStatus {
  if (card.depreciationMethod === 'none' || card.assetKind === 'low_value' || card.valueType === 'nominal' || !categoryDepreciable)
    return 'not_charged';
  if (card.accumulatedDepreciationFen >= card.originalValueFen) return 'fully_charged';
  return 'charging';
}

/**
 * What registration derives from the input and the category: the card's kind, its depreciation
 * method (low-value items are never depreciated; an exempt category defaults to 'none') and life
 * (the floor, when not given), and the funding split. Field errors go into `fields`.
 */
export type BooksInput = Pick<
  CardInput,
  | 'originalValueFen'
  | 'quantity'
  | 'valueType'
  | 'depreciationMethod'
  | 'attributes'
  | 'usefulLifeMonths'
  | 'fiscalFundingFen'
  | 'nonFiscalFundingFen'
  | 'fundingSource'
>;
export function deriveCardBooks(cat: CategoryFacts, input: BooksInput, fields: FieldErrors) {
  const assetKind = assetKindOf(cat, {
    originalValueFen: input.originalValueFen,
    quantity: input.quantity ?? 1,
    valueType: input.valueType,
  });
  const exempt = !cat.depreciable || input.valueType === 'nominal';
  const depreciationMethod = assetKind === 'low_value' ? 'none' : (input.depreciationMethod ?? (exempt ? 'none' : 'straight_line'));
  // Not given: the floor (the structure's for a building, else the category's).
  const usefulLifeMonths = input.usefulLifeMonths ?? lifeFloor(cat, input.attributes)?.months ?? null;
  checkValueType(input, fields);
  checkDepreciationRules(
    cat,
    { depreciationMethod, usefulLifeMonths, valueType: input.valueType, attributes: input.attributes, assetKind },
    fields,
  );
  const funding = resolveFunding(input, fields);
  return { assetKind, depreciationMethod, usefulLifeMonths, ...funding };
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6 = /^[0-9a-f:]{2,39}$/i;
const MAC = /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i;
// Mainland plates: province character, letter, 5 (or 6 for new-energy) letters/digits.
const PLATE = /^[\u4e00-\u9fa5][A-Z][A-Z0-9]{5,6}$/;
// A VIN: 17 characters, no I, O or Q.
const VIN = /^[A-HJ-NPR-Z0-9]{17}$/;
const BUILDING_ONLY = ['structure', 'floorsAbove', 'floorsBelow', 'completedOn'];
const LAND_AND_BUILDING = [
  'ownershipNature',
  'titleCertNo',
  'certIssuedOn',
  'address',
  'areaSelfUse',
  'areaRented',
  'areaLent',
  'areaIdle',
];
const LAND_ONLY = ['landRightType'];
const VEHICLE_ONLY = ['plateNo', 'vehicleUse', 'establishment', 'displacement', 'vin', 'engineNo', 'seats', 'vehicleOrigin'];
const IT_ONLY = ['ip', 'mac', 'rack', 'uStart', 'uHeight'];
const ALLOWED: Record<string, string[]> = {
  building: [...BUILDING_ONLY, ...LAND_AND_BUILDING, 'area'],
  land: [...LAND_ONLY, ...LAND_AND_BUILDING, 'area'],
  vehicle: VEHICLE_ONLY,
  it: IT_ONLY,
  none: [],
};
const ALL_TYPED = new Set([...BUILDING_ONLY, ...LAND_AND_BUILDING, ...LAND_ONLY, ...VEHICLE_ONLY, ...IT_ONLY, 'area']);
const SET_LABEL: Record<string, string> = { building: '房屋构筑物', land: '土地', vehicle: '车辆', it: '信息化设备', none: '本分类' };

/**
 * The category's attribute set (docs/domain.md §3): buildings structure and area, land area, vehicles
 * plate, IT network and rack; the Ministry's building, land and vehicle fields are checked for shape
 * and sense, and a typed field of another set is refused (a plate on a desk). Free keys (note) pass.
 */
export function checkAttributes(set: string, a: Record<string, unknown>, fields: FieldErrors, today = businessToday()): void {
  const key = (k: string) => `attributes.${k}`;
  const given = (k: string) => a[k] !== undefined && a[k] !== null && a[k] !== '';
  const allowed = new Set(ALLOWED[set] ?? []);
  for (const k of Object.keys(a)) {
    if (ALL_TYPED.has(k) && given(k) && !allowed.has(k)) fields[key(k)] = `${SET_LABEL[set] ?? '本分类'}的卡片没有这一项`;
  }
  if (set === 'building') {
    if (!a.structure) fields[key('structure')] = '房屋须填写结构';
    if (typeof a.area !== 'number' || !(a.area > 0)) fields[key('area')] = '房屋须填写面积（平方米）';
  } else if (set === 'land') {
    if (typeof a.area !== 'number' || !(a.area > 0)) fields[key('area')] = '土地须填写面积（平方米）';
  } else if (set === 'vehicle') {
    if (typeof a.plateNo !== 'string' || !PLATE.test(a.plateNo)) fields[key('plateNo')] = '车辆须填写有效车牌号（如 京A12345）';
    if (given('vin') && !(typeof a.vin === 'string' && VIN.test(a.vin.toUpperCase())))
      fields[key('vin')] = '车架号应为 17 位字母数字（不含 I、O、Q）';
  } else if (set === 'it') {
    if (given('ip') && !(typeof a.ip === 'string' && (IPV4.test(a.ip) || (a.ip.includes(':') && IPV6.test(a.ip)))))
      fields[key('ip')] = 'IP 地址格式无效';
    if (given('mac') && !(typeof a.mac === 'string' && MAC.test(a.mac))) fields[key('mac')] = 'MAC 地址格式无效';
    if ((a.uStart !== undefined || a.uHeight !== undefined) && !a.rack) fields[key('rack')] = '填写 U 位时须填写机柜';
  }
  if (set === 'building' || set === 'land') {
    const parts = ['areaSelfUse', 'areaRented', 'areaLent', 'areaIdle'].map((k) => (typeof a[k] === 'number' ? (a[k] as number) : 0));
    const sum = Math.round(parts.reduce((s, x) => s + x, 0) * 100) / 100;
    if (typeof a.area === 'number' && sum > a.area)
      fields[key('areaSelfUse')] = `自用、出租、出借、闲置面积之和（${sum} 平方米）不能大于面积（${a.area} 平方米）`;
    for (const k of ['certIssuedOn', 'completedOn']) {
      if (given(k) && typeof a[k] === 'string' && (a[k] as string) > today) fields[key(k)] = '日期不能晚于今天';
    }
  }
}
