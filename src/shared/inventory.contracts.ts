import { z } from 'zod';
import { IsoDate } from './dates.ts';

// Physical counts (清查盘点, DOMAIN §12): the plan, the snapshot of the books, the scans, the
// reconciliation and the adjustment documents it creates. Labels are [zh, en].

/** Why a count is held: the annual count and the six triggers of the regulation. */
export const COUNT_REASONS = {
  annual: ['年度全面清查', 'Annual count'],
  campaign: ['专项工作', 'Campaign'],
  restructuring: ['机构改革/划转撤并', 'Restructuring'],
  force_majeure: ['遭受重大损失', 'Loss by force majeure'],
  distortion: ['资产信息严重失真', 'Serious distortion'],
  policy_change: ['会计政策变更', 'Accounting policy change'],
  directive: ['财政部门或主管部门要求', 'Decision of the finance bureau or superior'],
} as const;
export type CountReason = keyof typeof COUNT_REASONS;

export const COUNT_STATUSES = {
  planned: ['已计划', 'Planned'],
  counting: ['盘点中', 'Counting'],
  closed: ['已结束', 'Closed'],
} as const;
export type CountStatus = keyof typeof COUNT_STATUSES;

/** What a counter says of a card in hand. */
export const SCAN_CONDITIONS = {
  good: ['完好', 'Good'],
  damaged: ['损坏', 'Damaged'],
} as const;

/** The outcome of each expected card and each scan outside the expected list. */
export const COUNT_OUTCOMES = {
  found: ['账实相符', 'Found in place'],
  moved: ['异位', 'Found elsewhere'],
  missing: ['盘亏', 'Missing'],
  damaged: ['损坏', 'Damaged'],
  surplus: ['盘盈', 'Surplus'],
  outside: ['不在本次范围', 'Outside this count'],
} as const;
export type CountOutcome = keyof typeof COUNT_OUTCOMES;

const uuid = z.uuid();

export const CountInput = z
  .object({
    title: z.string().trim().min(2).max(100),
    reason: z.enum(Object.keys(COUNT_REASONS) as [CountReason, ...CountReason[]]),
    /** The units counted (a unit plans for itself only; the committee for any). */
    unitIds: z.array(uuid).min(1).max(200),
    /** Narrowing, each optional: buildings, rooms, categories (a category includes its sub-classes). */
    buildingIds: z.array(uuid).max(200).default([]),
    roomIds: z.array(uuid).max(2000).default([]),
    categoryIds: z.array(uuid).max(200).default([]),
    baseDate: IsoDate,
    dueDate: IsoDate.optional(),
    /** The counters (user accounts); the first is the lead. */
    counterIds: z.array(uuid).max(200).default([]),
    /** An annual plan that repeats: closing it plans next year's count (same scope, counters, dates a year on). */
    repeatsYearly: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.repeatsYearly && v.reason !== 'annual')
      ctx.addIssue({ code: 'custom', path: ['repeatsYearly'], message: '只有年度全面清查可以每年重复' });
    if (v.dueDate && v.dueDate < v.baseDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: '截止日期不能早于基准日' });
  });
export type CountInput = z.input<typeof CountInput>;

export const CountSummary = z.object({
  id: z.string(),
  title: z.string(),
  reason: z.string(),
  status: z.string(),
  baseDate: z.string(),
  dueDate: z.string().nullable(),
  unitNames: z.array(z.string()),
  expectedCount: z.number(),
  countedCount: z.number(),
  plannedByName: z.string().nullable(),
  createdAt: z.string(),
  /** An annual plan that repeats, and the count it was planned from (last year's). */
  repeatsYearly: z.boolean(),
  repeatOf: z.string().nullable(),
});
export type CountSummary = z.infer<typeof CountSummary>;

export const CountDetail = CountSummary.extend({
  unitIds: z.array(z.string()),
  buildingIds: z.array(z.string()),
  roomIds: z.array(z.string()),
  categoryIds: z.array(z.string()),
  counters: z.array(z.object({ userId: z.string(), name: z.string(), lead: z.boolean(), scans: z.number() })),
  startedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** The adjustment documents the close created. */
  documents: z.array(z.object({ id: z.string(), docNo: z.string(), type: z.string(), status: z.string(), lineCount: z.number() })),
  /** plan: split the share among counters, order a recount, register surpluses (the planner, until closed). */
  can: z.object({ start: z.boolean(), scan: z.boolean(), close: z.boolean(), plan: z.boolean() }),
  /** The next year's count the close of an annual plan that repeats planned. */
  nextCountId: z.string().nullable(),
});
export type CountDetail = z.infer<typeof CountDetail>;

/**
 * One scan from a phone. `key` is made by the phone when the scan happens: sending it again (a retry,
 * a second sync) records nothing new. `code` is the card number typed or the text of its QR label.
 */
export const ScanInput = z.object({
  key: uuid,
  code: z.string().trim().max(300).optional(),
  /** The room the counter is in; a card whose book room differs is found elsewhere. */
  roomId: uuid.optional(),
  condition: z.enum(['good', 'damaged']).default('good'),
  note: z.string().max(300).optional(),
  /** An item found without a label or card (盘盈): what it is. */
  surplusName: z.string().trim().min(1).max(120).optional(),
  scannedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ScanInput = z.input<typeof ScanInput>;

export const ScanBatch = z.object({ scans: z.array(ScanInput).min(1).max(5000) });

export const ScanOutcome = z.object({
  key: z.string(),
  /** recorded: new; duplicate: this key was recorded before; then the card's standing. */
  status: z.enum(['recorded', 'duplicate']),
  /** 'counted': a blind recounter's answer, which does not say where the books expect the card. */
  outcome: z.enum(['found', 'moved', 'surplus', 'outside', 'counted']),
  cardNo: z.string().nullable(),
  name: z.string().nullable(),
});
export type ScanOutcome = z.infer<typeof ScanOutcome>;
export const ScanBatchResult = z.object({ recorded: z.number(), duplicates: z.number(), results: z.array(ScanOutcome) });
export type ScanBatchResult = z.infer<typeof ScanBatchResult>;

/** A counter's share for the phone: every expected card, with whether it has been counted. */
export const CountSheetItem = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  counted: z.boolean(),
});
export type CountSheetItem = z.infer<typeof CountSheetItem>;
export const CountSheet = z.object({
  countId: z.string(),
  title: z.string(),
  status: z.string(),
  items: z.array(CountSheetItem),
  rooms: z.array(z.object({ id: z.string(), name: z.string() })),
  /** Which share this is: the counter's rooms, the whole count, or a recount (blind: no book rooms). */
  share: z.enum(['rooms', 'all', 'rest', 'recount']),
  recount: z.object({ id: z.string(), blind: z.boolean() }).nullable(),
  /** The sheet comes in pages of `limit` cards (in the snapshot's key order, by card id): pass `next` as `after` for the rest; null at the end. */
  next: z.string().nullable(),
});
export const SheetQuery = z.object({
  after: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(5000),
});

/** A count's split: each counter's rooms (a room goes to one counter). */
export const AssignmentInput = z.object({
  assignments: z.array(z.object({ userId: uuid, roomIds: z.array(uuid).min(1).max(2000) })).max(200),
});
export type AssignmentInput = z.infer<typeof AssignmentInput>;

export const ProgressRow = z.object({ expected: z.number(), counted: z.number() });
export const CountProgress = z.object({
  byCounter: z.array(ProgressRow.extend({ userId: z.string(), name: z.string(), lead: z.boolean(), rooms: z.number(), scans: z.number() })),
  byRoom: z.array(
    ProgressRow.extend({
      roomId: z.string().nullable(),
      roomName: z.string().nullable(),
      counterId: z.string().nullable(),
      counterName: z.string().nullable(),
    }),
  ),
  byUnit: z.array(ProgressRow.extend({ unitId: z.string(), unitName: z.string() })),
});
export type CountProgress = z.infer<typeof CountProgress>;

export const RecountInput = z.object({ counterId: uuid, blind: z.boolean().default(true) });
export const RecountView = z.object({
  id: z.string(),
  counterId: z.string(),
  counterName: z.string(),
  blind: z.boolean(),
  cards: z.number(),
  /** Cards of the recount scanned by the recounter so far. */
  counted: z.number(),
  createdAt: z.string(),
});
export type RecountView = z.infer<typeof RecountView>;

/** Where a surplus's value comes from (盘盈资产的计价依据). */
export const VALUE_BASES = {
  appraised: ['评估价值', 'Appraised value'],
  replacement: ['重置成本', 'Replacement cost'],
  nominal: ['名义金额（1 元）', 'Nominal (¥1)'],
} as const;
export type ValueBasis = keyof typeof VALUE_BASES;

export const SurplusInput = z.object({
  /** The surplus scan this registers. */
  scanKey: uuid,
  unitId: uuid,
  categoryId: uuid,
  name: z.string().trim().min(1).max(120),
  valueFen: z.number().int().min(0).max(100_000_000_000),
  valueBasis: z.enum(Object.keys(VALUE_BASES) as [ValueBasis, ...ValueBasis[]]),
  explanation: z.string().trim().min(4).max(1000),
  roomId: uuid.optional(),
});
/** The value a basis allows (checked by the service, after the count's scope): 名义金额 is ¥1, the others above zero. */
export function surplusValueProblem(v: { valueBasis: ValueBasis; valueFen: number }): string | null {
  if (v.valueBasis === 'nominal' && v.valueFen !== 100) return '名义金额为 1 元';
  if (v.valueBasis !== 'nominal' && v.valueFen < 1) return '请填写价值';
  return null;
}
export type SurplusInput = z.input<typeof SurplusInput>;
export type CountSheet = z.infer<typeof CountSheet>;

export const ResultLine = z.object({
  outcome: z.enum(['found', 'moved', 'missing', 'surplus', 'outside']),
  /** Found (in place or elsewhere) and reported damaged. */
  damaged: z.boolean(),
  cardId: z.string().nullable(),
  cardNo: z.string().nullable(),
  name: z.string().nullable(),
  unitName: z.string().nullable(),
  bookRoomName: z.string().nullable(),
  foundRoomName: z.string().nullable(),
  valueFen: z.number().nullable(),
  counterName: z.string().nullable(),
  scannedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** The card was changed by a document after the snapshot (moved while counting). */
  changedSinceSnapshot: z.boolean(),
  /** Surplus: the scan's key, and whether the office has registered it (category, value) for the close. */
  scanKey: z.string().nullable(),
  registered: z.boolean(),
});
export type ResultLine = z.infer<typeof ResultLine>;

export const CountTotals = z.object({
  expected: z.number(),
  found: z.number(),
  moved: z.number(),
  missing: z.number(),
  damaged: z.number(),
  surplus: z.number(),
  outside: z.number(),
  /** 账实相符率 in basis points (found in place ÷ expected × 10,000, rounded down). */
  matchRateBp: z.number(),
  missingValueFen: z.number(),
});
export type CountTotals = z.infer<typeof CountTotals>;

export const ResultQuery = z.object({
  all: z.enum(['true', 'false']).optional(),
  outcome: z.enum(['found', 'moved', 'missing', 'surplus', 'outside']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
});

export const CountResult = z.object({
  totals: CountTotals,
  byUnit: z.array(CountTotals.extend({ unitId: z.string(), unitName: z.string() })),
  /** One page of the lines (discrepancies first); `linesTotal` counts them all. */
  lines: z.array(ResultLine),
  linesTotal: z.number(),
  page: z.number(),
  pageSize: z.number(),
  /** Per unit: the month the adjustments are booked in when the base date's month is closed. */
  periodNotes: z.array(z.string()),
});
export type CountResult = z.infer<typeof CountResult>;

/** The share of a count a card number or a label's text names: the label holds the card's phone URL. */
export function parseScanCode(code: string): { cardId?: string; cardNo?: string } {
  const m = /\/m\/cards\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i.exec(code);
  if (m) return { cardId: m[1].toLowerCase() };
  return { cardNo: code.trim() };
}
