// 规格参数 (docs/domain.md §11): the structured spec a configuration line asks for and a card holds,
// so 先调剂后购置 matches an item on what it is (memory ≥ 8 GB, 5 seats, 1.5 匹) rather than on the
// words of its spec text. A card keeps them in its attributes under the same keys; a line names the
// ones it needs; an item is offered only when it has every one the line names and each holds.
// One vocabulary for the server's SQL, the reasons the form shows, the pool page and the tests.
import { z } from 'zod';

/** How an item's value must compare with the line's: at least, exactly, at most. */
export type SpecCompare = 'min' | 'eq' | 'max';

interface SpecAttributeDef {
  zh: string;
  en: string;
  kind: 'number' | 'enum' | 'boolean';
  compare: SpecCompare;
  /** Number: the unit shown after the value; enum: its values with their labels. */
  unit?: string;
  options?: Record<string, string>;
  max?: number;
}

export const SPEC_ATTRIBUTES = {
  cpuType: { zh: '处理器', en: 'Processor', kind: 'enum', compare: 'eq', options: { x86: '通用（x86）', domestic: '国产（信创）' } },
  memoryGb: { zh: '内存', en: 'Memory', kind: 'number', compare: 'min', unit: 'GB', max: 4096 },
  storageGb: { zh: '硬盘', en: 'Storage', kind: 'number', compare: 'min', unit: 'GB', max: 1_000_000 },
  screenInch: { zh: '屏幕尺寸', en: 'Screen', kind: 'number', compare: 'min', unit: '英寸', max: 200 },
  printPpm: { zh: '打印速度', en: 'Print speed', kind: 'number', compare: 'min', unit: '页/分', max: 500 },
  duplex: { zh: '自动双面', en: 'Duplex', kind: 'boolean', compare: 'eq' },
  acHp: { zh: '空调匹数', en: 'AC power', kind: 'number', compare: 'eq', unit: '匹', max: 50 },
  seats: { zh: '座位数', en: 'Seats', kind: 'number', compare: 'eq', unit: '座', max: 100 },
  // The vehicle's typed attribute (排气量, litres) doubles as a spec: a line names the most it allows.
  displacement: { zh: '排气量', en: 'Displacement', kind: 'number', compare: 'max', unit: 'L', max: 30 },
} as const satisfies Record<string, SpecAttributeDef>;
export type SpecKey = keyof typeof SPEC_ATTRIBUTES;
export const SPEC_KEYS = Object.keys(SPEC_ATTRIBUTES) as SpecKey[];

const num = (k: SpecKey) =>
  z
    .number()
    .positive()
    .max((SPEC_ATTRIBUTES[k] as SpecAttributeDef).max ?? 1e6);
/** The spec a line asks for (and a card holds): only the known keys, each of its own kind. */
export const SpecAttributes = z
  .object({
    cpuType: z.enum(['x86', 'domestic']).optional(),
    memoryGb: num('memoryGb').optional(),
    storageGb: num('storageGb').optional(),
    screenInch: num('screenInch').optional(),
    printPpm: num('printPpm').optional(),
    duplex: z.boolean().optional(),
    acHp: num('acHp').optional(),
    seats: z.number().int().min(1).max(100).optional(),
    displacement: num('displacement').optional(),
  })
  .strict();
export type SpecAttributes = z.infer<typeof SpecAttributes>;

/**
 * Which spec attributes a category's cards have, by GB/T 14885 code prefix (the 2022 edition's codes
 * are the 2010 edition's behind "A0"). A category none of these covers has none (furniture is matched
 * on its category alone).
 */
const SPEC_GROUPS: { prefixes: string[]; keys: SpecKey[] }[] = [
  { prefixes: ['2010104', '2010105'], keys: ['cpuType', 'memoryGb', 'storageGb', 'screenInch'] },
  { prefixes: ['2010601', '2060804', '2021300'], keys: ['screenInch'] },
  { prefixes: ['20201', '20204', '20205'], keys: ['printPpm', 'duplex'] },
  { prefixes: ['2060801'], keys: ['acHp'] },
  { prefixes: ['2030'], keys: ['seats', 'displacement'] },
];

export function specKeysFor(categoryCode: string | null | undefined): SpecKey[] {
  if (!categoryCode) return [];
  const code = categoryCode.startsWith('A0') ? categoryCode.slice(2) : categoryCode;
  return SPEC_GROUPS.find((g) => g.prefixes.some((p) => code.startsWith(p)))?.keys ?? [];
}

/** The spec keys a line names (a value given). */
export function namedSpec(want: SpecAttributes | null | undefined): [SpecKey, string | number | boolean][] {
  if (!want) return [];
  return SPEC_KEYS.filter((k) => want[k] !== undefined && want[k] !== null).map((k) => [k, want[k]!]);
}

/** A value as a person reads it: 16 GB, 国产（信创）, 是. */
export function specValueText(key: SpecKey, v: unknown): string {
  const def = SPEC_ATTRIBUTES[key] as SpecAttributeDef;
  if (def.kind === 'boolean') return v === true ? '是' : '否';
  if (def.kind === 'enum') return def.options?.[String(v)] ?? String(v);
  return `${v}${def.unit ? ` ${def.unit}` : ''}`;
}

/** Whether the item's value satisfies what the line asks for this key. */
export function specHolds(key: SpecKey, want: unknown, have: unknown): boolean {
  const def = SPEC_ATTRIBUTES[key] as SpecAttributeDef;
  if (def.kind === 'boolean') return (have === true) === (want === true);
  if (have === undefined || have === null) return false;
  if (def.kind === 'enum') return have === want;
  if (typeof have !== 'number' || typeof want !== 'number') return false;
  return def.compare === 'min' ? have >= want : def.compare === 'max' ? have <= want : have === want;
}

/** Every key the line names holds for the item's attributes. */
export function specFits(want: SpecAttributes | null | undefined, have: Record<string, unknown> | null | undefined): boolean {
  return namedSpec(want).every(([k, v]) => specHolds(k, v, have?.[k]));
}

const SIGN: Record<SpecCompare, string> = { min: '≥', eq: '=', max: '≤' };

/** Why an offered item fits, one reason per key the line names: 内存 16 GB（≥ 8 GB）. */
export function specReasons(want: SpecAttributes | null | undefined, have: Record<string, unknown> | null | undefined): string[] {
  return namedSpec(want).map(([k, v]) => {
    const def = SPEC_ATTRIBUTES[k] as SpecAttributeDef;
    const got = specValueText(k, have?.[k]);
    return def.compare === 'eq' ? `${def.zh} ${got}` : `${def.zh} ${got}（${SIGN[def.compare]} ${specValueText(k, v)}）`;
  });
}

/** The card's spec as a short text for lists: 内存 16 GB · 硬盘 512 GB. */
export function specSummary(have: Record<string, unknown> | null | undefined): string {
  if (!have) return '';
  return SPEC_KEYS.filter((k) => have[k] !== undefined && have[k] !== null)
    .map((k) => `${SPEC_ATTRIBUTES[k].zh} ${specValueText(k, have[k])}`)
    .join(' · ');
}
