// Depreciation (docs/domain.md §6): shared by the API and the web forms.
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

export const EntriesQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
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
  items: z.array(
    z.object({
      month: Month,
      amountFen: z.number(),
      accumulatedAfterFen: z.number(),
      months: z.number(),
      status: z.enum(['open', 'closed']),
    }),
  ),
  /** The opening balance the card came in with (期初), when it did. */
  opening: z.object({ month: Month, months: z.number(), accumulatedFen: z.number() }).nullable(),
  /** A late entry (补记): the real date of recognition, in a month closed when it was posted. */
  recognizedOn: z.string().nullable(),
  /** 已提折旧月数: the opening months plus the months charged here. */
  monthsDone: z.number(),
});

// ---- books: takeover (期初建账), closing (结账), re-opening (反结账) ----

export const BooksView = z.object({
  unitId: z.string(),
  unitName: z.string(),
  /** The takeover month: opening balances as of its end; the books open from the month after. */
  takeoverMonth: Month.nullable(),
  /** The last closed month. */
  closedThrough: Month.nullable(),
  /** The first month not closed, when the books have a start; null while every month is open. */
  firstOpenMonth: Month.nullable(),
  pendingReopen: z.object({ id: z.string(), month: Month, reason: z.string(), requestedAt: z.string() }).nullable(),
});
export type BooksView = z.infer<typeof BooksView>;

export const CloseRequest = z.object({
  month: Month,
  /** Omitted: every unit in the caller's scope (a unit that cannot close is skipped, and said why). */
  unitId: z.uuid().optional(),
});
export const CloseResultView = z.object({
  month: Month,
  units: z.array(z.object({ unitId: z.string(), closed: z.boolean(), skipped: z.string().optional() })),
});

export const ReopenRequest = z.object({ unitId: z.uuid(), month: Month, reason: z.string().trim().min(2, '请写明反结账的理由').max(500) });
export const ReopenDecision = z.object({ approve: z.boolean(), note: z.string().trim().max(500).optional() });

export const TakeoverRequest = z.object({ unitId: z.uuid(), month: Month });

/** One line of the takeover report: the opening balances of a category, to tick against the old books. */
export const TakeoverLine = z.object({
  categoryCode: z.string(),
  categoryName: z.string(),
  count: z.number(),
  quantity: z.number(),
  originalValueFen: z.number(),
  accumulatedFen: z.number(),
  netFen: z.number(),
});
export const TakeoverReport = z.object({
  unitId: z.string(),
  unitName: z.string(),
  takeoverMonth: Month.nullable(),
  booksOpenFrom: Month.nullable(),
  lines: z.array(TakeoverLine),
  total: TakeoverLine,
});
export type TakeoverReport = z.infer<typeof TakeoverReport>;
