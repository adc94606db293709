// The card vocabularies (DOMAIN §4, §5), shared by server, web, import files and reports.
// Labels are [zh, en]; codes are what the database stores.

export const CARD_STATUSES = {
  pending_posting: ['待入账', 'Pending posting'],
  in_use: ['在用', 'In use'],
  idle: ['闲置', 'Idle'],
  lent: ['出借', 'Lent'],
  rented: ['出租', 'Rented'],
  under_repair: ['维修', 'Under repair'],
  pending_disposal: ['待处置', 'Pending disposal'],
  disposed: ['已处置', 'Disposed'],
  missing: ['盘亏', 'Missing'],
} as const;
export type CardStatus = keyof typeof CARD_STATUSES;

export const USE_MODES = {
  self_use: ['自用', 'Own use'],
  rented: ['出租', 'Rented out'],
  lent: ['出借', 'Lent out'],
  idle: ['闲置', 'Idle'],
  other: ['其他', 'Other'],
} as const;
export type UseMode = keyof typeof USE_MODES;

export const ACQUISITION_METHODS = {
  purchase: ['购置', 'Purchase'],
  transfer_in: ['调入', 'Transfer in'],
  donation: ['接受捐赠', 'Donation received'],
  self_built: ['自建', 'Self-built'],
  surplus: ['盘盈', 'Count surplus'],
  swap: ['置换', 'Swap'],
  other: ['其他', 'Other'],
} as const;
export type AcquisitionMethod = keyof typeof ACQUISITION_METHODS;

/**
 * How the asset summary splits its additions: the acquisition methods, and apart from them the late
 * entries of an earlier, closed year (以前年度盈余调整).
 */
export const ADDITION_KINDS = {
  ...ACQUISITION_METHODS,
  prior_year_adjustment: ['以前年度盈余调整', 'Prior-year adjustment'],
} as const;

export const DISPOSAL_METHODS = {
  scrap: ['报废', 'Scrap'],
  sale: ['出售', 'Sale'],
  transfer_out: ['无偿划转', 'Transfer out'],
  donation: ['对外捐赠', 'Donation'],
  swap: ['置换', 'Swap'],
  write_off: ['损失核销', 'Loss write-off'],
} as const;
export type DisposalMethod = keyof typeof DISPOSAL_METHODS;

export const DEPRECIATION_METHODS = {
  straight_line: ['年限平均法', 'Straight-line'],
  units_of_production: ['工作量法', 'Units of production'],
  none: ['不计提折旧', 'Not depreciated'],
} as const;
export type DepreciationMethod = keyof typeof DEPRECIATION_METHODS;

export const FUNDING_SOURCES = {
  fiscal: ['财政拨款', 'Fiscal appropriation'],
  non_fiscal: ['非财政拨款', 'Non-fiscal funds'],
  other: ['其他', 'Other'],
} as const;

/**
 * The card ledger's event types. Reports count additions and reductions from these, so every
 * writer uses exactly these codes.
 */
export const CARD_EVENT_TYPES = {
  opening_registration: ['期初登记', 'Opening registration'], // existing asset entered (by hand or import)
  created: ['新增登记', 'Registered'], // card created by acceptance (验收), pending posting
  posted: ['入账', 'Posted'],
  edited: ['信息修改', 'Edited'], // direct edit of descriptive fields
  requisitioned: ['领用', 'Requisitioned'],
  returned: ['退库', 'Returned to stock'],
  handed_over: ['交接', 'Handed over'], // custodian / location change (art. 15)
  revalued: ['价值变动', 'Revalued'],
  life_changed: ['使用年限变动', 'Useful life changed'],
  transferred_out: ['调出', 'Transferred out'],
  transferred_in: ['调入', 'Transferred in'],
  lent: ['出借', 'Lent'],
  rented: ['出租', 'Rented'],
  lending_returned: ['出借/出租收回', 'Lending returned'],
  idle_posted: ['闲置登记', 'Posted as idle'],
  repair_started: ['送修', 'Sent for repair'],
  repair_finished: ['维修完成', 'Repaired'],
  disposal_pending: ['待处置', 'Pending disposal'],
  disposed: ['处置', 'Disposed'],
  count_missing: ['盘亏', 'Missing in count'],
  count_surplus: ['盘盈', 'Surplus in count'],
  attachment_added: ['上传附件', 'Attachment added'],
  depreciation_adjusted: ['折旧调整', 'Depreciation adjusted'],
} as const;
export type CardEventType = keyof typeof CARD_EVENT_TYPES;

export const label = (pair: readonly [string, string], locale: string) => (locale === 'en' ? pair[1] : pair[0]);
