// The monthly report set as filed (docs/domain.md §7): contracts shared by the routes and the web.
import { z } from 'zod';
import { Month } from './finance.contracts.ts';

/** What a column holds: text, a count (数量, 人数), money in fen, an area in m² (two decimals). */
export const ColumnKind = z.enum(['text', 'count', 'fen', 'area']);
export const SetColumn = z.object({ key: z.string(), label: z.string(), group: z.string().optional(), kind: ColumnKind });
export type SetColumn = z.infer<typeof SetColumn>;

/** A row: a unit's line, its 小计 (when the report has several units) or the one 合计. */
export const SetRow = z.object({
  kind: z.enum(['row', 'subtotal', 'total']),
  /** The unit the row belongs to (null on the 合计); its first row starts the unit's merged block. */
  unitId: z.string().nullable(),
  unitName: z.string(),
  cells: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});
export type SetRow = z.infer<typeof SetRow>;

export const SetTable = z.object({
  key: z.string(),
  /** 表号 and title, as printed. */
  code: z.string(),
  title: z.string(),
  /** Unit of the money columns, the note under the title. */
  note: z.string().optional(),
  columns: z.array(SetColumn),
  rows: z.array(SetRow),
  /** A table the set lists but another module fills (the income tables): shown with this text instead of rows. */
  pending: z.string().optional(),
});
export type SetTable = z.infer<typeof SetTable>;

/** The cover (封面) every report carries: in the page, the print and the workbook. */
export const ReportCover = z.object({
  /** 编制单位: the unit's own name for a unit's report, the committee's for the whole. */
  unitName: z.string(),
  leaderName: z.string(),
  financeHeadName: z.string(),
  /** 制表人. */
  preparedBy: z.string(),
  month: Month,
  /** 报表期间 as printed: 2026年11月. */
  period: z.string(),
  printedOn: z.string(),
});
export type ReportCover = z.infer<typeof ReportCover>;

export const FilingStatus = z.enum(['none', 'submitted', 'returned', 'locked']);
export type FilingStatus = z.infer<typeof FilingStatus>;
export const FILING_STATUSES: Record<FilingStatus, [string, string]> = {
  none: ['未报送', 'Not submitted'],
  submitted: ['已报送待审核', 'Submitted'],
  returned: ['已退回', 'Returned'],
  locked: ['已审核锁定', 'Locked'],
};

export const FilingSummary = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  month: Month,
  status: FilingStatus,
  submittedAt: z.string(),
  submittedBy: z.string(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewNote: z.string().nullable(),
  /** Locked only: the ledger hash of the stored report. */
  hash: z.string().nullable(),
});
export type FilingSummary = z.infer<typeof FilingSummary>;

export const ReportSetView = z.object({
  cover: ReportCover,
  tables: z.array(SetTable),
  /** Whether the books of every unit in the report are closed through the month (结账). */
  monthClosed: z.boolean(),
  /** A unit's report: its filing, if any; a locked filing's set is the stored one. */
  filing: FilingSummary.nullable(),
});
export type ReportSetView = z.infer<typeof ReportSetView>;

export const ReportSetQuery = z.object({ month: Month, unitId: z.uuid().optional() });
export type ReportSetQuery = z.infer<typeof ReportSetQuery>;
export const FilingSubmit = z.object({ month: Month, unitId: z.uuid() });
export const FilingReview = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(500).optional(),
});
export const FilingQuery = z.object({ month: Month.optional() });

export const EditionMapRow = z.object({
  code2010: z.string().regex(/^\d{7}$/, '2010 版编码为 7 位数字'),
  code2022: z.string().regex(/^A\d{8}$/, '2022 版编码为 A 加 8 位数字'),
  note: z.string().trim().max(200).nullish(),
});
export type EditionMapRow = z.infer<typeof EditionMapRow>;
export const EditionMapView = EditionMapRow.extend({
  name2010: z.string().nullable(),
  name2022: z.string().nullable(),
  updatedAt: z.string(),
});
export const EditionMapImport = z.object({ inserted: z.number(), updated: z.number() });
