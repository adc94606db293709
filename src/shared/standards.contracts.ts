import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { Fen } from './money.ts';
import { RANKS } from './roles.ts';

// Allocation standards (配置标准, docs/domain.md §5, 财资〔2016〕27号), shared by the API and the web.

/** The item attributes a standard may be matched on (printers: paper size and colour). */
export const STANDARD_ATTRIBUTES = {
  paperSize: { label: ['幅面', 'Paper size'], values: ['A4', 'A3'], default: 'A4' },
  colour: { label: ['彩色', 'Colour'], values: [false, true], default: false },
} as const;
export type StandardAttribute = keyof typeof STANDARD_ATTRIBUTES;

export const MatchAttributes = z.object({ paperSize: z.enum(['A4', 'A3']).optional(), colour: z.boolean().optional() }).strict();
export type MatchAttributes = z.infer<typeof MatchAttributes>;

export const QuotaRule = z.object({
  /**
   * per_staff: items ≤ Σ over ranks of headcount × ratio (rankRatios overrides the ratio for a rank;
   * ranks filters; a classified unit uses classifiedRatio). copier: ⌈first / perFirst⌉ for the first
   * `firstStaff` heads plus ⌈rest / perAbove⌉ above them (a part group counts as a whole).
   */
  kind: z.enum(['none', 'per_staff', 'copier']),
  ratio: z.number().min(0).max(10).optional(),
  classifiedRatio: z.number().min(0).max(10).optional(),
  ranks: z.array(z.enum(RANKS)).optional(),
  rankRatios: z.partialRecord(z.enum(RANKS), z.number().min(0).max(10)).optional(),
  firstStaff: z.number().int().min(1).max(100_000).optional(),
  perFirst: z.number().int().min(1).max(10_000).optional(),
  perAbove: z.number().int().min(1).max(10_000).optional(),
});
export type QuotaRule = z.infer<typeof QuotaRule>;

/** Cap per m² of the room by the room's usable area: the first tier whose maxM2 (inclusive) holds it; null = no upper bound. */
export const AreaCapTier = z.object({ maxM2: z.number().positive().nullable(), fenPerM2: Fen });
export type AreaCapTier = z.infer<typeof AreaCapTier>;

export const RankCaps = z.partialRecord(z.enum(RANKS), Fen);
export type RankCaps = z.infer<typeof RankCaps>;

export const Standard = z.object({
  id: z.string(),
  code: z.string(),
  jurisdiction: z.string(),
  name: z.string(),
  /** GB/T 14885 code prefixes (either edition) the standard covers. */
  categoryCodes: z.array(z.string()),
  matchAttributes: MatchAttributes,
  capFen: z.number().nullable(),
  rankCaps: RankCaps,
  areaCaps: z.array(AreaCapTier),
  minLifeMonths: z.number().nullable(),
  /** Copiers: replacement also allowed after this many copies (6 years or 300,000 copies). */
  minLifeCopies: z.number().nullable(),
  quota: QuotaRule,
  effectiveFrom: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type Standard = z.infer<typeof Standard>;

export const StandardInput = z.object({
  name: z.string().min(1).max(60).optional(),
  categoryCodes: z
    .array(z.string().regex(/^[A-Z]?\d{1,8}$/, '分类代码格式无效'))
    .min(1)
    .max(20)
    .optional(),
  matchAttributes: MatchAttributes.optional(),
  capFen: Fen.nullable().optional(),
  rankCaps: RankCaps.optional(),
  areaCaps: z.array(AreaCapTier).max(6).optional(),
  minLifeMonths: z.number().int().min(0).max(1200).nullable().optional(),
  minLifeCopies: z.number().int().min(0).max(100_000_000).nullable().optional(),
  quota: QuotaRule.optional(),
  effectiveFrom: IsoDate,
  note: z.string().max(300).optional(),
});
export type StandardInput = z.infer<typeof StandardInput>;

export const StandardHistoryEntry = z.object({
  id: z.number(),
  field: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
  effectiveFrom: z.string(),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
});

/** What a standard check knows of an item beyond its category: who and where it is for, and its attributes. */
export const StandardTarget = z.object({
  /** The staff member the item is for: the caps by rank use their rank. */
  forStaffId: z.uuid().optional(),
  /** The room it goes into: the conference-table cap is per m² of it. */
  forRoomId: z.uuid().optional(),
});

/** A warning at acceptance or hand registration, acknowledged with a reason (recorded on the card's ledger). */
export const StandardAck = z.object({ reason: z.string().trim().min(4, '请说明超标准的理由（至少 4 个字）').max(300) });
export type StandardAck = z.infer<typeof StandardAck>;
