import { z } from 'zod';
import { IsoDate } from './dates.ts';

// 资产使用效益评价 and 责任追究 (docs/domain.md §11): the indicator system, a year's scores per
// unit with their explanation, the ranking, self-evaluation and review, and the violation records.
// Labels are [zh, en].

export const INDICATOR_SOURCES = {
  value_per_head: ['人均资产价值（万元/人）', 'Asset value per head (10k yuan)'],
  idle_rate: ['资产闲置率（%）', 'Idle rate (%)'],
  over_standard: ['超标准配置资产数', 'Over-standard assets'],
  count_match: ['账实相符率（%）', 'Count match rate (%)'],
  overdue_disposal: ['逾期未办结处置单数', 'Overdue disposals'],
  shared_use: ['共享设施使用（小时/人）', 'Shared facility use (hours per head)'],
  pool_given: ['交公物仓调剂价值（万元）', 'Value given to the pool (10k yuan)'],
  pool_taken: ['从公物仓调剂取得价值（万元）', 'Value taken from the pool (10k yuan)'],
  pool_time: ['入仓资产平均在仓天数', 'Average days in the pool'],
  violations: ['责任追究记录数', 'Accountability records'],
} as const;
export type IndicatorSource = keyof typeof INDICATOR_SOURCES;

export const DIRECTIONS = {
  higher: ['越高越好', 'Higher is better'],
  lower: ['越低越好', 'Lower is better'],
  target: ['对标（偏离越少越好）', 'Two-sided against a standard'],
} as const;
export type Direction = keyof typeof DIRECTIONS;

export const VIOLATION_KINDS = {
  pool_overdue: ['公物仓借用逾期未还', 'Pool loan kept past due'],
  late_return: ['出借资产逾期未收回', 'Lending not returned in time'],
  count_loss: ['清查盘亏', 'Lost in a count'],
  over_standard: ['超标准配置未经批准', 'Over-standard purchase without approval'],
  other: ['其他', 'Other'],
} as const;
export type ViolationKind = keyof typeof VIOLATION_KINDS;

const enumOf = <T extends Record<string, unknown>>(o: T) => z.enum(Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]);
const Year = z.coerce.number().int().min(2000).max(2200);

export const Indicator = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  source: z.string(),
  direction: z.string(),
  weight: z.number(),
  best: z.number().nullable(),
  worst: z.number().nullable(),
  target: z.number().nullable(),
  tolerance: z.number().nullable(),
  fromYear: z.number(),
  note: z.string().nullable(),
});
export type Indicator = z.infer<typeof Indicator>;

export const IndicatorInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, '编码为小写字母、数字和下划线'),
    name: z.string().trim().min(2).max(60),
    source: enumOf(INDICATOR_SOURCES),
    direction: enumOf(DIRECTIONS),
    /** 0 retires the indicator from `fromYear` on. */
    weight: z.number().int().min(0).max(100),
    best: z.number().nullable().optional(),
    worst: z.number().nullable().optional(),
    target: z.number().nullable().optional(),
    tolerance: z.number().positive().nullable().optional(),
    fromYear: z.number().int().min(2000).max(2200),
    note: z.string().trim().max(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.direction === 'target') {
      if (v.target === null || v.target === undefined) ctx.addIssue({ code: 'custom', path: ['target'], message: '请填写标准值' });
      if (!v.tolerance) ctx.addIssue({ code: 'custom', path: ['tolerance'], message: '请填写容差（偏离多少得 0 分）' });
    } else {
      if (v.best === null || v.best === undefined) ctx.addIssue({ code: 'custom', path: ['best'], message: '请填写满分值' });
      if (v.worst === null || v.worst === undefined) ctx.addIssue({ code: 'custom', path: ['worst'], message: '请填写零分值' });
      else if (v.best === v.worst) ctx.addIssue({ code: 'custom', path: ['worst'], message: '零分值不能等于满分值' });
    }
  });
export type IndicatorInput = z.infer<typeof IndicatorInput>;

export const IndicatorQuery = z.object({ year: Year.optional() });

export const YearQuery = z.object({ year: Year });

export const IndicatorScore = z.object({
  code: z.string(),
  name: z.string(),
  direction: z.string(),
  weight: z.number(),
  /** The figure as read from the data, to two decimals; null when the indicator does not apply. */
  value: z.number().nullable(),
  applicable: z.boolean(),
  /** Points of its weight, to two decimals. */
  score: z.number(),
  /** Its points after rescaling to the applicable weights (what it adds to the total). */
  weighted: z.number(),
  explanation: z.string(),
});
export type IndicatorScore = z.infer<typeof IndicatorScore>;

export const UnitEvaluation = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  year: z.number(),
  /** Out of 100, to two decimals, rescaled to the applicable indicators. */
  total: z.number(),
  applicableWeight: z.number(),
  rank: z.number(),
  items: z.array(IndicatorScore),
  /** The self-evaluation and the committee's review, when made. */
  status: z.string().nullable(),
  selfScore: z.number().nullable(),
  selfComment: z.string().nullable(),
  reviewScore: z.number().nullable(),
  reviewComment: z.string().nullable(),
  /** The reviewed (else self-submitted) score of the year before: the trend. */
  previousScore: z.number().nullable(),
});
export type UnitEvaluation = z.infer<typeof UnitEvaluation>;

export const EvaluationReport = z.object({ year: z.number(), asOf: z.string(), items: z.array(UnitEvaluation) });
export type EvaluationReport = z.infer<typeof EvaluationReport>;

export const SelfInput = z.object({ year: z.number().int().min(2000).max(2200), comment: z.string().trim().max(1000).optional() });
export type SelfInput = z.infer<typeof SelfInput>;

export const ReviewInput = z.object({
  year: z.number().int().min(2000).max(2200),
  /** The committee's score; the self-evaluation's when omitted. */
  score: z.number().min(0).max(100).optional(),
  comment: z.string().trim().min(2, '请填写复核意见').max(1000),
});
export type ReviewInput = z.infer<typeof ReviewInput>;

export const Violation = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  personName: z.string().nullable(),
  kind: z.string(),
  source: z.string(),
  rule: z.string(),
  evidence: z.string(),
  documentId: z.string().nullable(),
  docNo: z.string().nullable(),
  cardId: z.string().nullable(),
  cardNo: z.string().nullable(),
  occurredOn: z.string(),
  status: z.string(),
  handling: z.string().nullable(),
  outcome: z.string().nullable(),
});
export type Violation = z.infer<typeof Violation>;

export const ViolationQuery = z.object({ year: Year.optional(), status: z.enum(['open', 'closed']).optional() });

export const ViolationInput = z.object({
  unitId: z.uuid(),
  personName: z.string().trim().min(1).max(60),
  kind: enumOf(VIOLATION_KINDS),
  rule: z.string().trim().min(2, '请写明违反的规定').max(300),
  evidence: z.string().trim().min(2, '请写明证据').max(2000),
  documentId: z.uuid().optional(),
  cardId: z.uuid().optional(),
  occurredOn: IsoDate,
});
export type ViolationInput = z.infer<typeof ViolationInput>;

export const CloseViolationInput = z.object({
  handling: z.string().trim().min(2, '请填写处理措施').max(1000),
  outcome: z.string().trim().min(2, '请填写处理结果').max(1000),
});
export type CloseViolationInput = z.infer<typeof CloseViolationInput>;

export const DetectResult = z.object({ found: z.number() });
