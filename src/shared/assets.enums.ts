// The card vocabularies (docs/domain.md §3, §4), shared by server, web, import files and reports.
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
  // Registered by mistake and never posted: kept (its number and ledger stay), counted nowhere.
  voided: ['已作废', 'Voided'],
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
  // A count's scan of the card (who, when, where, condition) and its result when the count closed.
  count_scanned: ['盘点扫描', 'Scanned in a count'],
  count_result: ['盘点结果', 'Count result'],
  attachment_added: ['上传附件', 'Attachment added'],
  depreciation_adjusted: ['折旧调整', 'Depreciation adjusted'],
  voided: ['作废', 'Voided'], // a card registered by mistake, never posted
  // The custodian's phone, from the card's QR page (自助): each a line in the card's ledger.
  fault_reported: ['报修', 'Fault reported'],
  return_requested: ['申请退库', 'Return requested'],
  custody_confirmed: ['确认在我这里', 'Confirmed in hand'],
  custody_denied: ['报告不在我这里', 'Reported not in hand'],
} as const;
export type CardEventType = keyof typeof CARD_EVENT_TYPES;

export const label = (pair: readonly [string, string], locale: string) => (locale === 'en' ? pair[1] : pair[0]);

// The Ministry of Finance card (行政事业单位资产管理信息系统, docs/domain.md §3).

/** What a card is on the books: a fixed asset, an intangible asset (amortised), or a low-value item (低值易耗品). */
export const ASSET_KINDS = {
  fixed: ['固定资产', 'Fixed asset'],
  intangible: ['无形资产', 'Intangible asset'],
  low_value: ['低值易耗品', 'Low-value item'],
} as const;
export type AssetKind = keyof typeof ASSET_KINDS;

export const VALUE_TYPES = {
  original: ['原值', 'Historical cost'],
  provisional: ['暂估', 'Provisional'],
  replacement: ['重置', 'Replacement cost'],
  appraised: ['评估', 'Appraised'],
  nominal: ['名义金额', 'Nominal amount'],
} as const;
export type ValueType = keyof typeof VALUE_TYPES;

export const PROCUREMENT_FORMS = {
  government_central: ['政府集中采购', 'Central government procurement'],
  department_central: ['部门集中采购', 'Departmental procurement'],
  decentralized: ['分散采购', 'Decentralised procurement'],
} as const;
export type ProcurementForm = keyof typeof PROCUREMENT_FORMS;

export const ASSET_USES = {
  self_use: ['自用', 'Own use'],
  rented: ['出租', 'Rented out'],
  lent: ['出借', 'Lent out'],
  investment: ['对外投资', 'Invested'],
  guarantee: ['担保', 'Pledged'],
  other: ['其他', 'Other'],
} as const;
export type AssetUse = keyof typeof ASSET_USES;

/** 折旧状态: derived from method, category, kind and balances, never stored. */
export const DEPRECIATION_STATUSES = {
  charging: ['计提', 'Depreciating'],
  not_charged: ['不计提', 'Not depreciated'],
  fully_charged: ['已提足', 'Fully depreciated'],
} as const;
export type DepreciationStatus = keyof typeof DEPRECIATION_STATUSES;

// Buildings and land.
export const OWNERSHIP_NATURES = {
  state: ['国有', 'State-owned'],
  collective: ['集体', 'Collective'],
  other: ['其他', 'Other'],
} as const;
export const LAND_RIGHT_TYPES = {
  allocated: ['划拨', 'Allocated'],
  granted: ['出让', 'Granted'],
  leased: ['租赁', 'Leased'],
  contributed: ['作价出资（入股）', 'Contributed'],
  other: ['其他', 'Other'],
} as const;

// Vehicles.
export const VEHICLE_USES = {
  general_official: ['一般公务用车', 'General official'],
  law_enforcement: ['执法执勤用车', 'Law enforcement'],
  special_technical: ['特种专业技术用车', 'Special technical'],
  confidential: ['机要通信用车', 'Confidential communication'],
  emergency: ['应急保障用车', 'Emergency'],
  leaders: ['领导干部用车', 'Senior officials'],
  other: ['其他用车', 'Other'],
} as const;
export const VEHICLE_ESTABLISHMENTS = {
  in_quota: ['编制内', 'Within establishment'],
  out_of_quota: ['编制外', 'Outside establishment'],
} as const;
export const VEHICLE_ORIGINS = {
  domestic: ['国产', 'Domestic'],
  imported: ['进口', 'Imported'],
} as const;
