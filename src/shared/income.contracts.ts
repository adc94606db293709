import { z } from 'zod';
import { addDays, IsoDate, IsoMonth } from './dates.ts';
import { Fen } from './money.ts';
import { PageQuery, pageOf, sortOf } from './paging.ts';

// 国有资产收入 (docs/domain.md §4a): disposal income and rental/lending income recorded on executed
// documents, tracked until turned over to the treasury (上缴国库) by the unit's finance officer.

/** Where an income comes from, as the reports split it. */
export const INCOME_SOURCES = {
  disposal: ['处置收入', 'Disposal income'],
  lending: ['出租出借收入', 'Rental and lending income'],
} as const;
export type IncomeSource = keyof typeof INCOME_SOURCES;

/**
 * Days after receipt within which income is turned over before it counts as overdue. A committee
 * default (local rules set 30 days from the agreed payment date, e.g. 西宁), not national law.
 */
export const TURNOVER_DAYS = 30;
/** The last day to turn over income received on `receivedOn`. */
export const turnoverDueOn = (receivedOn: string): string => addDays(receivedOn, TURNOVER_DAYS);

export const INCOME_STATES = {
  outstanding: ['未缴清', 'Outstanding'],
  overdue: ['逾期未缴', 'Overdue'],
  settled: ['已缴清', 'Settled'],
} as const;
export type IncomeState = keyof typeof INCOME_STATES;

export const IncomeListQuery = PageQuery.extend({
  sort: sortOf(['receivedOn', 'docNo', 'amountFen', 'outstandingFen']),
  unitId: z.uuid().optional(),
  state: z.enum(['outstanding', 'overdue', 'settled']).optional(),
  source: z.enum(['disposal', 'lending']).optional(),
  /** Received in these months (inclusive). */
  from: IsoMonth.optional(),
  to: IsoMonth.optional(),
});
export type IncomeListQuery = z.infer<typeof IncomeListQuery>;

export const IncomeItem = z.object({
  documentId: z.string(),
  docNo: z.string(),
  type: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  source: z.enum(['disposal', 'lending']),
  kind: z.string(),
  counterparty: z.string().nullable(),
  receivedOn: z.string(),
  dueOn: z.string(),
  amountFen: z.number(),
  turnedOverFen: z.number(),
  outstandingFen: z.number(),
  state: z.enum(['outstanding', 'overdue', 'settled']),
});
export type IncomeItem = z.infer<typeof IncomeItem>;
export const IncomePage = pageOf(IncomeItem);

export const Turnover = z.object({
  id: z.string(),
  amountFen: z.number(),
  paidOn: z.string(),
  bookedOn: z.string(),
  /** Paid in a closed month and booked in the first open one (补记). */
  late: z.boolean(),
  voucherNo: z.string(),
  note: z.string().nullable(),
  recordedByName: z.string().nullable(),
  recordedAt: z.string(),
});
export type Turnover = z.infer<typeof Turnover>;

export const IncomeDetail = IncomeItem.extend({
  turnovers: z.array(Turnover),
  /** The caller may record a turnover (the unit's finance officer, while a balance is due). */
  canTurnOver: z.boolean(),
});
export type IncomeDetail = z.infer<typeof IncomeDetail>;

export const TurnoverInput = z.object({
  amountFen: Fen.min(1, '上缴金额须大于零'),
  paidOn: IsoDate,
  voucherNo: z.string().trim().min(1, '请填写缴款凭证号').max(64),
  note: z.string().trim().max(300).optional(),
});
export type TurnoverInput = z.infer<typeof TurnoverInput>;

export const IncomeReportQuery = z.object({ from: IsoMonth, to: IsoMonth, unitId: z.uuid().optional() });
export type IncomeReportQuery = z.infer<typeof IncomeReportQuery>;

/** One unit and source over the period: opening + received − turned over = closing, to the fen. */
export const IncomeReportRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  source: z.enum(['disposal', 'lending']),
  documents: z.number(),
  openingFen: z.number(),
  receivedFen: z.number(),
  turnedOverFen: z.number(),
  closingFen: z.number(),
  /** Of the closing balance, what is past its turnover day (as of the period's end, or today). */
  overdueFen: z.number(),
});
export type IncomeReportRow = z.infer<typeof IncomeReportRow>;
export const IncomeReportTotals = IncomeReportRow.pick({
  documents: true,
  openingFen: true,
  receivedFen: true,
  turnedOverFen: true,
  closingFen: true,
  overdueFen: true,
});
export const IncomeReport = z.object({
  from: z.string(),
  to: z.string(),
  /** The day overdue is judged on. */
  asOf: z.string(),
  /** 编制单位: the unit's own name for one unit's report. */
  preparedBy: z.string(),
  rows: z.array(IncomeReportRow),
  totals: IncomeReportTotals,
});
export type IncomeReport = z.infer<typeof IncomeReport>;
