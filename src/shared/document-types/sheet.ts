// The printed approval sheet (审批表, docs/domain.md §4): what the approver decides on. Each document
// type declares its sheet in its `<type>.doctype.ts` (`sheet`): the facts shown above the lines
// (payload fields, and the names the server resolves for the payload's ids) and the lines' columns
// (from the line facts the server computes for every line: SHEET_LINE_KEYS). The sheet page renders
// any type from this; it names none.

/** How a value prints: as it is, yuan, a date, an age in years and months, or a label from a vocabulary. */
export type SheetFormat = 'text' | 'fen' | 'date' | 'age' | Readonly<Record<string, readonly [string, string]>>;

/**
 * Facts the server adds beside the payload's own fields: the names of the payload's department,
 * custodian and room, and the receiving unit.
 */
export const SHEET_RESOLVED_FACTS = ['departmentName', 'custodianName', 'roomName', 'counterpartUnitName'] as const;

/** What the server computes for every line; a type's columns pick from these. */
export const SHEET_LINE_KEYS = [
  'cardNo',
  'cardName',
  'name',
  'spec',
  'quantity',
  'unitPriceFen',
  'amountFen',
  'reason',
  /** The card: 原值, 累计折旧, 净值 as the books hold them, the date it was posted and its age since (months). */
  'originalValueFen',
  'accumulatedDepreciationFen',
  'netValueFen',
  'postedOn',
  'ageMonths',
  /** The card's place before the document (from its ledger once executed) and after it. */
  'fromPlace',
  'toPlace',
  'custodianName',
  /** Configuration request: the standard matched and its findings; the idle/pool match outcome. */
  'standard',
  'poolOutcome',
] as const;
export type SheetLineKey = (typeof SHEET_LINE_KEYS)[number];

export interface SheetField {
  key: string;
  label: readonly [string, string];
  format?: SheetFormat;
}
export interface SheetColumn {
  key: SheetLineKey;
  label: readonly [string, string];
  format?: SheetFormat;
}
export interface SheetSpec {
  fields: readonly SheetField[];
  columns: readonly SheetColumn[];
}

/** Whole months from `from` to `asOf` (dates 'YYYY-MM-DD'): 2023-03-15 → 2026-03-14 is 35, → 2026-03-15 is 36. */
export function ageMonths(from: string, asOf: string): number {
  const months = (Number(asOf.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(asOf.slice(5, 7)) - Number(from.slice(5, 7));
  const m = Number(asOf.slice(8, 10)) < Number(from.slice(8, 10)) ? months - 1 : months;
  return Math.max(0, m);
}

/** An age in months as 已使用 years and months: "3年1个月". */
export function formatAge(months: number, t: (zh: string, en: string) => string = (zh) => zh): string {
  const y = Math.floor(months / 12);
  const m = months % 12;
  return t(`${y}年${m}个月`, `${y} y ${m} m`);
}

/** The columns of the card lines every card sheet starts with. */
export const CARD_COLUMNS: readonly SheetColumn[] = [
  { key: 'cardNo', label: ['卡片编号', 'Card no.'] },
  { key: 'cardName', label: ['资产名称', 'Name'] },
];
/** The value columns: 原值, 累计折旧, 净值. */
export const VALUE_COLUMNS: readonly SheetColumn[] = [
  { key: 'originalValueFen', label: ['原值（元）', 'Original value'], format: 'fen' },
  { key: 'accumulatedDepreciationFen', label: ['累计折旧（元）', 'Accumulated depreciation'], format: 'fen' },
  { key: 'netValueFen', label: ['净值（元）', 'Net value'], format: 'fen' },
];
/** The columns of category lines (configuration request, procurement, acceptance). */
export const CATEGORY_COLUMNS: readonly SheetColumn[] = [
  { key: 'name', label: ['品目', 'Item'] },
  { key: 'spec', label: ['规格', 'Spec'] },
  { key: 'quantity', label: ['数量', 'Qty'] },
  { key: 'unitPriceFen', label: ['单价（元）', 'Unit price'], format: 'fen' },
  { key: 'amountFen', label: ['金额（元）', 'Amount'], format: 'fen' },
];
/** The place a document gives: department, custodian, room (resolved names). */
export const PLACE_FIELDS: readonly SheetField[] = [
  { key: 'departmentName', label: ['使用部门', 'Department'] },
  { key: 'custodianName', label: ['领用人/保管人', 'Receiver'] },
  { key: 'roomName', label: ['存放地点', 'Place'] },
];
