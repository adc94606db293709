// Depreciation (DOMAIN §7): shared by the API and the web forms.
import { z } from 'zod';
import { IsoMonth } from './dates.ts';

/** A calendar month 'YYYY-MM' (the shared rule in dates.ts). */
export const Month = IsoMonth;

/** A workload (units of production) fits numeric(14, 2). */
export const WORKLOAD_MAX = 999_999_999_999;

export const DepreciationRunView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  month: Month,
  status: z.enum(['open', 'closed']),
  cardCount: z.number(),
  totalFen: z.number(),
  runBy: z.string().nullable(),
  runAt: z.string(),
  closedAt: z.string().nullable(),
});
export type DepreciationRunView = z.infer<typeof DepreciationRunView>;

export const RunsQuery = z.object({ unitId: z.uuid().optional(), month: Month.optional() });

export const ChargeView = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  method: z.string(),
  originalValueFen: z.number(),
  usefulLifeMonths: z.number().nullable(),
  accumulatedBeforeFen: z.number(),
  amountFen: z.number(),
  monthlyFen: z.number(),
  months: z.number(),
  workload: z.number().nullable(),
});
export type ChargeView = z.infer<typeof ChargeView>;

export const PreviewQuery = z.object({ unitId: z.uuid(), month: Month });
export const PreviewView = z.object({
  unitId: z.string(),
  month: Month,
  cardCount: z.number(),
  totalFen: z.number(),
  /** The first 500 lines; the totals cover all. */
  items: z.array(ChargeView),
  /** The month is closed: running it is refused. */
  closed: z.boolean(),
});
export type PreviewView = z.infer<typeof PreviewView>;

export const RunRequest = z.object({
  month: Month,
  /** Omitted: every unit in the caller's scope. */
  unitId: z.uuid().optional(),
});
export const JobStarted = z.object({ jobId: z.string() });

export const EntriesQuery = z.object({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(500).default(50) });
export const EntriesView = z.object({ items: z.array(ChargeView), total: z.number() });

export const WorkloadsQuery = z.object({ unitId: z.uuid(), month: Month });
export const WorkloadRow = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  totalWorkload: z.number().nullable(),
  doneBefore: z.number(),
  workload: z.number().nullable(),
});
export const WorkloadsView = z.object({ items: z.array(WorkloadRow) });
export const WorkloadsSave = z.object({
  month: Month,
  items: z.array(z.object({ cardId: z.uuid(), workload: z.number().min(0, '工作量不能为负').max(WORKLOAD_MAX, '工作量过大') })).max(5000),
});

/** A card's depreciation history, for the card timeline. */
export const CardDepreciationView = z.object({
  items: z.array(z.object({ month: Month, amountFen: z.number(), accumulatedAfterFen: z.number(), months: z.number(), status: z.enum(['open', 'closed']) })),
});
