// Statutory reports (docs/domain.md §7) and the dashboard: shared by the API and the web.
import { z } from 'zod';
import { Month } from './finance.contracts.ts';
import { ReportCover } from './reportset.contracts.ts';

export const ReportFilter = z.object({
  from: Month,
  to: Month,
  unitId: z.uuid().optional(),
  /** Restrict to a category subtree. */
  categoryId: z.uuid().optional(),
  /** Group categories at this level of the tree (1 = top). */
  categoryLevel: z.coerce.number().int().min(1).max(4).default(1),
});
export type ReportFilter = z.infer<typeof ReportFilter>;

const Amounts = z.object({ count: z.number(), valueFen: z.number(), accumulatedFen: z.number(), netFen: z.number() });
export type Amounts = z.infer<typeof Amounts>;
const ByMethod = z.record(z.string(), z.object({ count: z.number(), valueFen: z.number() }));

export const SummaryRow = z.object({
  unitId: z.string().nullable(),
  unitName: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  opening: Amounts,
  additions: Amounts.extend({ byMethod: ByMethod }),
  /** Revaluations up (additions column) and down (reductions column) while on the books. */
  valueIncreaseFen: z.number(),
  valueDecreaseFen: z.number(),
  depreciationFen: z.number(),
  reductions: Amounts.extend({ byMethod: ByMethod }),
  closing: Amounts,
});
export type SummaryRow = z.infer<typeof SummaryRow>;

/** 低值易耗品: outside the fixed-asset totals, shown on their own line (items and original value). */
export const LowValueLine = z.object({
  opening: z.object({ count: z.number(), valueFen: z.number() }),
  closing: z.object({ count: z.number(), valueFen: z.number() }),
});
export type LowValueLine = z.infer<typeof LowValueLine>;

export const SummaryView = z.object({
  from: Month,
  to: Month,
  unitName: z.string(),
  rows: z.array(SummaryRow),
  total: SummaryRow,
  lowValue: LowValueLine.optional(),
  /** Whether the units of the report have closed (结账) every month of the period: read from what closing froze. */
  periodClosed: z.enum(['all', 'some', 'none']),
  /** The cover (编制单位, 单位负责人, 财务负责人, 制表人, period, date printed): docs/domain.md §7. */
  cover: ReportCover.optional(),
});
export type SummaryView = z.infer<typeof SummaryView>;

export const PackQuery = z.object({ month: Month, unitId: z.uuid().optional() });
export const PackUnit = z.object({
  unitId: z.string(),
  unitName: z.string(),
  previousClosingFen: z.number(),
  closingFen: z.number(),
  /** (closing − previous) / previous; null when the previous month was empty. */
  change: z.number().nullable(),
  needsExplanation: z.boolean(),
  explanation: z.string().nullable(),
});
export const PackView = z.object({ month: Month, annual: z.boolean(), summary: SummaryView, units: z.array(PackUnit) });
export type PackView = z.infer<typeof PackView>;
export const ExplanationBody = z.object({ unitId: z.uuid(), month: Month, text: z.string().trim().min(5, '说明至少 5 个字').max(2000) });

export const LIST_KINDS = {
  additions: ['新增资产明细', 'Additions'],
  disposals: ['处置资产明细', 'Disposals'],
  depreciation: ['折旧明细表', 'Depreciation schedule'],
  idle: ['闲置资产', 'Idle assets'],
  over_standard: ['超标准配置资产', 'Over-standard holdings'],
  past_min_life: ['超过最低使用年限资产', 'Past minimum life'],
  rented_lent: ['出租出借资产', 'Rented and lent'],
  vehicles: ['车辆', 'Vehicles'],
  buildings_land: ['房屋和土地', 'Buildings and land'],
} as const;
export type ListKind = keyof typeof LIST_KINDS;
export const ListQuery = ReportFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(50),
});
export const ListRow = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  unitName: z.string(),
  categoryName: z.string(),
  status: z.string(),
  useMode: z.string(),
  postedOn: z.string().nullable(),
  disposedOn: z.string().nullable(),
  method: z.string().nullable(),
  counterparty: z.string().nullable(),
  originalValueFen: z.number(),
  accumulatedFen: z.number(),
  netFen: z.number(),
  /** Depreciation schedule: charged in the period. */
  periodFen: z.number().nullable(),
  usefulLifeMonths: z.number().nullable(),
  plate: z.string().nullable(),
  area: z.number().nullable(),
});
export type ListRow = z.infer<typeof ListRow>;
export const ListView = z.object({
  items: z.array(ListRow),
  total: z.number(),
  totals: z.object({ originalValueFen: z.number(), accumulatedFen: z.number(), netFen: z.number(), periodFen: z.number() }),
  /** A period's list (additions, disposals, charges): whether its units closed every month of it (frozen at closing). */
  periodClosed: z.enum(['all', 'some', 'none']).optional(),
});

// ---- quantity quotas (数量超标): per unit × allocation standard with a quota ----

const queryBool = z.enum(['true', 'false'], { error: '只能是 true 或 false' }).transform((v) => v === 'true');
export const QuotaQuery = z.object({
  unitId: z.uuid({ error: '单位编号格式不正确' }).optional(),
  /** Also the rows within quota (default: only those over it). */
  showAll: queryBool.optional(),
});
export type QuotaQuery = z.infer<typeof QuotaQuery>;
export const QuotaRow = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  classified: z.boolean(),
  standardCode: z.string(),
  standardName: z.string(),
  /** Establishment headcount the rule counts, the ratio applied, and the allowed quantity. */
  headcount: z.number(),
  ratio: z.number(),
  allowed: z.number(),
  /** Quantity of held cards (not disposed, missing or pending disposal) the standard covers. */
  held: z.number(),
  /** held − allowed when positive, else 0. */
  excess: z.number(),
});
export type QuotaRow = z.infer<typeof QuotaRow>;
export const QuotaView = z.object({
  /** The day the standards in force and the holdings are taken (today, Asia/Shanghai). */
  asOf: z.string(),
  unitName: z.string(),
  items: z.array(QuotaRow),
  totals: z.object({ count: z.number(), allowed: z.number(), held: z.number(), excess: z.number() }),
});
export type QuotaView = z.infer<typeof QuotaView>;
export const QUOTA_REPORT = ['数量超标', 'Over quota'] as const;

export const ExportRequest = z.object({
  report: z.union([
    z.literal('summary'),
    z.literal('pack'),
    z.literal('quota'),
    z.enum(Object.keys(LIST_KINDS) as [ListKind, ...ListKind[]]),
  ]),
  filter: ReportFilter,
  /** The quota report only: include the rows within quota. */
  showAll: z.boolean().optional(),
});

export const DashboardView = z.object({
  byCategory: z.array(z.object({ categoryId: z.string(), name: z.string(), valueFen: z.number(), count: z.number() })),
  byUnit: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      valueFen: z.number(),
      count: z.number(),
      idleRate: z.number(),
      idleCount: z.number(),
      overStandardCount: z.number(),
      /** Standards whose quantity quota the unit exceeds. */
      overQuotaCount: z.number(),
    }),
  ),
  byStatus: z.array(z.object({ status: z.string(), count: z.number() })),
  monthly: z.array(z.object({ month: Month, additions: z.number(), disposals: z.number() })),
  totals: z.object({ count: z.number(), valueFen: z.number(), netFen: z.number() }),
  waiting: z.array(z.object({ id: z.string(), title: z.string(), type: z.string(), createdAt: z.string() })),
});
export type DashboardView = z.infer<typeof DashboardView>;
