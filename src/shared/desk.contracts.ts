import { z } from 'zod';

/**
 * 我的工作台: the home page per role. Every number is a tile naming the list it opens and that
 * list's own filter (the query its API takes), so the list shows the filter and its total equals
 * the number on the tile.
 */
export const WORKSPACE_LISTS = ['cards', 'documents', 'inbox', 'counts', 'cardReports'] as const;
export type WorkspaceList = (typeof WORKSPACE_LISTS)[number];

export const TILE_KEYS = [
  // mine
  'myAssets',
  'myRequests',
  'inbox',
  // reminders
  'warrantyEnding',
  'lendingDue',
  'countsAssigned',
  'returnedToMe',
  // the unit's to-dos (asset administrators)
  'approvedNotExecuted',
  'overdueLendings',
  'custodiansLeft',
  'faultsReported',
  // from the cards' QR pages: faults to turn into 维修 documents, cards their custodian says are not with them
  'selfReportedFaults',
  'notInHand',
] as const;
export type TileKey = (typeof TILE_KEYS)[number];

export const WorkspaceTile = z.object({
  key: z.enum(TILE_KEYS),
  count: z.number().int(),
  list: z.enum(WORKSPACE_LISTS),
  /** The list API's query parameters (and the web list's URL parameters). */
  filter: z.record(z.string(), z.string()),
});
export type WorkspaceTile = z.infer<typeof WorkspaceTile>;

export const WorkspaceDocument = z.object({
  id: z.string(),
  docNo: z.string(),
  type: z.string(),
  status: z.string(),
  title: z.string().nullable(),
  currentStepLabel: z.string().nullable(),
  /** Who holds the current step: the named colleague of a 转办, else the step's approvers (at most 3). */
  holders: z.array(z.string()),
  submittedAt: z.string().nullable(),
  /** Whole days since submission (business calendar). */
  ageDays: z.number().int().nullable(),
});
export type WorkspaceDocument = z.infer<typeof WorkspaceDocument>;

export const Workspace = z.object({
  /** The sections the role sees; a tile is absent when the role cannot act on it. */
  mine: z.array(WorkspaceTile),
  reminders: z.array(WorkspaceTile),
  unitTodos: z.array(WorkspaceTile),
  /** My latest requests with their state and who holds them. */
  recentRequests: z.array(WorkspaceDocument),
  /** 待我审批, the oldest first. */
  waiting: z.array(WorkspaceDocument),
});
export type Workspace = z.infer<typeof Workspace>;

/** Days ahead of the end of a warranty the reminder starts. */
export const WARRANTY_DUE_DAYS = 30;
