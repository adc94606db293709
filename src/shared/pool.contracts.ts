import { z } from 'zod';
import { PageQuery, sortOf } from './paging.ts';
import { IsoDate } from './dates.ts';
import { Fen } from './money.ts';
import { SpecAttributes } from './spec-attributes.rules.ts';

// The idle pool (公物仓, DOMAIN §8): listings offered by units, requests by other units, the
// committee's decision, and the utilisation figures. Labels are [zh, en].

export const POOL_MODES = {
  virtual: ['虚拟入仓（资产留在原单位）', 'Virtual (stays with the unit)'],
  physical: ['实物入仓（交管委会保管）', "Physical (in the committee's custody)"],
} as const;
export type PoolMode = keyof typeof POOL_MODES;

export const POOL_REASONS = {
  idle: ['闲置', 'Idle'],
  under_used: ['低效运转', 'Under-used'],
  over_standard: ['超标准配置', 'Over standard'],
  event_end: ['临时机构撤销/大型活动结束', 'End of a temporary body or event'],
} as const;
export type PoolReason = keyof typeof POOL_REASONS;

export const POOL_CONDITIONS = {
  good: ['完好', 'Good'],
  fair: ['一般（可正常使用）', 'Fair'],
  needs_repair: ['需维修后使用', 'Needs repair'],
} as const;
export type PoolCondition = keyof typeof POOL_CONDITIONS;

export const LISTING_STATUSES = {
  listed: ['在仓待调剂', 'In the pool'],
  on_loan: ['借出中', 'On loan'],
  reallocated: ['已调剂', 'Reallocated'],
  withdrawn: ['已撤回', 'Withdrawn'],
  disposal_proposed: ['超期无人申请，拟处置', 'Past its limit: proposed for disposal'],
  in_repair: ['维修中', 'Being repaired'],
  in_disposal: ['打包处置中', 'In a disposal lot'],
  disposed: ['已处置', 'Disposed'],
} as const;
export type ListingStatus = keyof typeof LISTING_STATUSES;

export const REQUEST_STATUSES = {
  pending: ['待审批', 'Pending'],
  approved: ['已批准（已调拨/借出）', 'Approved (transferred or lent)'],
  rejected: ['未获批准', 'Not approved'],
  withdrawn: ['已撤回', 'Withdrawn'],
  returned: ['已归还', 'Returned'],
} as const;
export type RequestStatus = keyof typeof REQUEST_STATUSES;

export const REQUEST_KINDS = {
  transfer: ['调剂（产权划转）', 'Transfer for good'],
  loan: ['借用（到期归还）', 'Loan (returned by a date)'],
} as const;
export type RequestKind = keyof typeof REQUEST_KINDS;

/** Months a listing stays in the pool before, nobody having asked, it is proposed for disposal. */
export const DEFAULT_LISTING_LIMIT_MONTHS = 6;

/**
 * 先调剂后购置: the reasons a configuration-request line may give for buying instead of taking a
 * pooled item. The form offers these; the last lets the applicant write their own.
 */
export const DECLINE_REASONS = [
  '规格型号不满足使用要求',
  '成色较差，维修成本接近新购',
  '存放地点过远，搬运成本过高',
  '剩余使用年限不足',
  '涉密/专用设备，不宜调剂',
] as const;

const enumOf = <T extends Record<string, unknown>>(o: T) => z.enum(Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]);

export const OfferInput = z.object({
  cardIds: z.array(z.uuid()).min(1).max(200),
  mode: enumOf(POOL_MODES),
  reason: enumOf(POOL_REASONS),
  condition: enumOf(POOL_CONDITIONS),
  note: z.string().trim().max(500).optional(),
  /** The time limit in months (default 6): past it with nobody asking, the item is proposed for disposal. */
  limitMonths: z.number().int().min(1).max(36).optional(),
});
export type OfferInput = z.infer<typeof OfferInput>;

export const ListingQuery = PageQuery.extend({
  categoryId: z.uuid().optional(),
  condition: enumOf(POOL_CONDITIONS).optional(),
  /** A fragment of the location: compound, building or room. */
  location: z.string().max(100).optional(),
  status: enumOf(LISTING_STATUSES).optional(),
  /** Only the caller's own unit's listings (what it offered). */
  mine: z.enum(['true', 'false']).optional(),
  /** 有照片: only listings with at least one photo (docs/decisions.md, "Photos of a pool listing"). */
  hasPhoto: z.enum(['true', 'false']).optional(),
  sort: sortOf(['listedOn', 'cardNo', 'netValueFen', 'name'] as const),
});
export type ListingQuery = z.infer<typeof ListingQuery>;

/**
 * A listing as every unit sees it: what the item is, its condition and where it stands — never the
 * card's custodian, department, ledger or attachments other than its photos, which stay with the owning unit.
 */
export const Listing = z.object({
  id: z.string(),
  status: z.string(),
  mode: z.string(),
  reason: z.string(),
  condition: z.string(),
  note: z.string().nullable(),
  listedOn: z.string(),
  expiresOn: z.string().nullable(),
  daysInPool: z.number(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  cardNo: z.string(),
  name: z.string(),
  brand: z.string().nullable(),
  spec: z.string().nullable(),
  /** 规格参数 the item is matched on (memory, storage, seats …; shared/spec-attributes.rules.ts). */
  specAttributes: z.record(z.string(), z.unknown()),
  categoryId: z.string(),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  originalValueFen: z.number(),
  netValueFen: z.number(),
  acquiredOn: z.string(),
  location: z.string().nullable(),
  /** False when a document outside the pool has moved or disposed of the card since it was listed. */
  available: z.boolean(),
  pendingRequests: z.number(),
  /** The caller's unit has a pending request on it. */
  requestedByMe: z.boolean(),
  /** The item's photos, oldest first: read each at /api/pool/listings/:id/photos/:photoId. */
  photoIds: z.array(z.string()),
  /** 入仓单号, e.g. RC-2026-000042: the year listed and the listing's sequence number. */
  receiptNo: z.string(),
});
export type Listing = z.infer<typeof Listing>;

/** The image types a pool photo may have (sniffed from the bytes, as card attachments are). */
export const POOL_PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const PoolPhoto = z.object({
  id: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  uploaderName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type PoolPhoto = z.infer<typeof PoolPhoto>;

/** 入仓单: the entry receipt of a listing, as printed and exported. Amounts in fen and as yuan text. */
export const PoolReceipt = z.object({
  receiptNo: z.string(),
  listingId: z.string(),
  listedOn: z.string(),
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  cardNo: z.string(),
  name: z.string(),
  categoryCode: z.string().nullable(),
  categoryName: z.string().nullable(),
  spec: z.string().nullable(),
  /** The 规格参数 as one line (内存 ≥ 8 GB …), empty when none are recorded. */
  specSummary: z.string(),
  brand: z.string().nullable(),
  quantity: z.number(),
  measureUnit: z.string(),
  originalValueFen: z.number(),
  /** The net value when listed (the listing's snapshot). */
  netValueFen: z.number(),
  originalValueYuan: z.string(),
  netValueYuan: z.string(),
  condition: z.string(),
  mode: z.string(),
  reason: z.string(),
  /** Where the item is kept: the warehouse room of a physical listing; null for a virtual one. */
  warehouseLocation: z.string().nullable(),
  note: z.string().nullable(),
  expiresOn: z.string().nullable(),
  listedByName: z.string().nullable(),
  photos: z.number(),
});
export type PoolReceipt = z.infer<typeof PoolReceipt>;

export const RequestInput = z.object({
  purpose: z.string().trim().min(2, '请填写用途').max(500),
  /** Committee users name the requesting unit; unit users request for their own. */
  unitId: z.uuid().optional(),
  kind: enumOf(REQUEST_KINDS).optional(),
  /** A loan's due date (required for a loan, after today). */
  dueOn: IsoDate.optional(),
});
export type RequestInput = z.infer<typeof RequestInput>;

export const RequestQuery = PageQuery.extend({
  status: enumOf(REQUEST_STATUSES).optional(),
  kind: enumOf(REQUEST_KINDS).optional(),
  /** Only loans out past their due date and not returned. */
  overdue: z.enum(['true', 'false']).optional(),
  sort: sortOf(['createdAt', 'status'] as const),
});
export type RequestQuery = z.infer<typeof RequestQuery>;

export const PoolRequest = z.object({
  id: z.string(),
  status: z.string(),
  kind: z.string(),
  dueOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  /** A loan out past its due date and not returned. */
  overdue: z.boolean(),
  purpose: z.string(),
  comment: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  requestedByName: z.string().nullable(),
  createdAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  listingId: z.string(),
  listingStatus: z.string(),
  cardNo: z.string(),
  name: z.string(),
  fromUnitName: z.string().nullable(),
  netValueFen: z.number(),
  /** The document that executed it, once approved: the 调拨 (transfer) or the 出借 (loan). */
  transferDocumentId: z.string().nullable(),
  transferDocNo: z.string().nullable(),
  /** Other units' pending requests for the same item (the committee decides between them). */
  competing: z.number(),
});
export type PoolRequest = z.infer<typeof PoolRequest>;

export const DecideInput = z.object({
  approve: z.boolean(),
  comment: z.string().trim().max(500).optional(),
});
export type DecideInput = z.infer<typeof DecideInput>;

export const UtilisationQuery = z.object({
  /** Cards idle longer than this many months are flagged. */
  idleMonths: z.coerce.number().int().min(1).max(240).default(6),
});

/** 资产使用效益: per unit, from the cards and the pool. */
export const UtilisationRow = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  /** Cards held (not disposed, not pending posting). */
  held: z.number(),
  inUse: z.number(),
  idle: z.number(),
  /** in use ÷ held, per mille (‰), so it stays an integer. */
  usageRatePermille: z.number(),
  /** Idle cards whose last ledger change is older than `idleMonths`. */
  idleOverdue: z.number(),
  listed: z.number(),
  givenFen: z.number(),
  takenFen: z.number(),
});
export type UtilisationRow = z.infer<typeof UtilisationRow>;

export const UtilisationReport = z.object({ idleMonths: z.number(), asOf: z.string(), items: z.array(UtilisationRow) });
export type UtilisationReport = z.infer<typeof UtilisationReport>;

export const ReturnInput = z.object({ returnedOn: IsoDate.optional() });
export type ReturnInput = z.infer<typeof ReturnInput>;

/** What the time-limit job did: the listings it proposed for disposal. */
export const ExpiryResult = z.object({ asOf: z.string(), proposed: z.number(), cardNos: z.array(z.string()) });
export type ExpiryResult = z.infer<typeof ExpiryResult>;

// ---- 维修再利用: repair for reuse ----

export const REPAIR_OUTCOMES = {
  repaired: ['修复，回仓待调剂', 'Repaired: back in the pool'],
  beyond_repair: ['无修复价值，转拟处置', 'Beyond repair: proposed for disposal'],
} as const;
export type RepairOutcome = keyof typeof REPAIR_OUTCOMES;

export const RepairInput = z.object({
  vendor: z.string().trim().min(2, '请填写维修单位').max(120),
  fault: z.string().trim().min(2, '请填写故障或维修内容').max(500),
  /** The vendor's estimate, fen. */
  estimateFen: Fen.optional(),
});
export type RepairInput = z.infer<typeof RepairInput>;

export const RepairFinishInput = z.object({
  outcome: enumOf(REPAIR_OUTCOMES),
  /** What the repair (or the assessment) cost, fen. */
  costFen: Fen,
  finishedOn: IsoDate.optional(),
  note: z.string().trim().max(500).optional(),
  /** Repaired: the condition it is back in the pool in (完好 unless said otherwise). */
  condition: enumOf(POOL_CONDITIONS).optional(),
});
export type RepairFinishInput = z.infer<typeof RepairFinishInput>;

export const PoolRepair = z.object({
  id: z.string(),
  listingId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  unitName: z.string().nullable(),
  vendor: z.string(),
  fault: z.string(),
  estimateFen: z.number().nullable(),
  sentOn: z.string(),
  outcome: z.string().nullable(),
  costFen: z.number().nullable(),
  finishedOn: z.string().nullable(),
  note: z.string().nullable(),
  /** The 维修 document that put a finished repair on the card's ledger. */
  documentId: z.string().nullable(),
  docNo: z.string().nullable(),
});
export type PoolRepair = z.infer<typeof PoolRepair>;

export const RepairQuery = PageQuery.extend({
  /** open: at the vendor; done: finished. */
  state: z.enum(['open', 'done']).optional(),
});
export type RepairQuery = z.infer<typeof RepairQuery>;

/** 规格参数 of a pool item: replaces what the card held (keys left out are cleared). */
export const SpecInput = SpecAttributes;
export type SpecInput = SpecAttributes;

// ---- 打包处置: bundled disposal of pool items nobody wants ----

export const LotInput = z.object({
  listingIds: z.array(z.uuid()).min(1).max(500),
  /** 受让方 of the open sale. */
  buyer: z.string().trim().min(2, '请填写受让方').max(120),
  /** The lot's price, fen: the disposal's income, turned over to the treasury. */
  priceFen: Fen,
  pricingBasis: z.enum(['appraisal', 'public_trading']),
  appraisal: z.string().trim().max(300).optional(),
  /** Items before their minimum life: the ground (the disposal gate asks for it). */
  earlyGround: z.string().trim().max(500).optional(),
  note: z.string().trim().max(500).optional(),
});
export type LotInput = z.infer<typeof LotInput>;

export const PoolLot = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  documentId: z.string(),
  docNo: z.string(),
  /** The disposal document's status (草稿 … 已执行). */
  documentStatus: z.string(),
  buyer: z.string(),
  priceFen: z.number(),
  pricingBasis: z.string(),
  items: z.number(),
  /** Σ net value of the lot's cards. */
  netValueFen: z.number(),
  createdAt: z.string(),
  released: z.boolean(),
  /** Income (处置收入) as the income module tracks it: received once executed, turned over to the treasury, outstanding. */
  incomeReceivedFen: z.number(),
  incomeTurnedOverFen: z.number(),
  incomeOutstandingFen: z.number(),
  cards: z.array(z.object({ listingId: z.string(), cardNo: z.string(), name: z.string(), netValueFen: z.number() })),
});
export type PoolLot = z.infer<typeof PoolLot>;

// ---- 公物仓统计: pool statistics ----

export const PoolStatsQuery = z.object({ from: IsoDate, to: IsoDate });
export type PoolStatsQuery = z.infer<typeof PoolStatsQuery>;

/** Per unit over a period: what it put in and what it took, what reuse saved it. */
export const PoolStatsRow = z.object({
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  /** Listings it offered in the period, and their net value when listed. */
  offered: z.number(),
  offeredFen: z.number(),
  /** Items it gave by transfer (调剂) in the period. */
  given: z.number(),
  /** Items it took by transfer, their net value (reused instead of bought) and original value (the purchase avoided). */
  taken: z.number(),
  reusedNetFen: z.number(),
  avoidedPurchaseFen: z.number(),
  /** Average days from listing to the transfer of the items it took; null when none. */
  avgDaysToReallocation: z.number().nullable(),
  /** Median of the same days (half took longer, half less); null when none. */
  medianDaysToReallocation: z.number().nullable(),
});
export type PoolStatsRow = z.infer<typeof PoolStatsRow>;

/** One month of the period: into the pool, out of it by transfer and loan, and the value reused. */
export const PoolStatsMonth = z.object({
  month: z.string(),
  inItems: z.number(),
  outTransferred: z.number(),
  outLent: z.number(),
  reusedNetFen: z.number(),
});
export type PoolStatsMonth = z.infer<typeof PoolStatsMonth>;

export const PoolStats = z.object({
  from: z.string(),
  to: z.string(),
  /** Into the pool: listings offered in the period; out of it: transferred, lent, withdrawn, disposed. */
  inItems: z.number(),
  outTransferred: z.number(),
  outLent: z.number(),
  outWithdrawn: z.number(),
  outDisposed: z.number(),
  reusedNetFen: z.number(),
  avoidedPurchaseFen: z.number(),
  /** Repairs finished in the period (cost), and disposal income of lots executed in it. */
  repairCostFen: z.number(),
  disposalIncomeFen: z.number(),
  /** The purchase avoided less what repairs cost: what the pool saved. */
  savingsFen: z.number(),
  avgDaysToReallocation: z.number().nullable(),
  medianDaysToReallocation: z.number().nullable(),
  /** The period month by month (business months, the first and last cut to the period). */
  months: z.array(PoolStatsMonth),
  items: z.array(PoolStatsRow),
});
export type PoolStats = z.infer<typeof PoolStats>;
