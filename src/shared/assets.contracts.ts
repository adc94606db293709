// Contracts of the card library (资产卡片库), shared by the API and the web forms.
import { z } from 'zod';
import {
  ACQUISITION_METHODS,
  ASSET_KINDS,
  ASSET_USES,
  CARD_EVENT_TYPES,
  CARD_STATUSES,
  DEPRECIATION_METHODS,
  DEPRECIATION_STATUSES,
  DISPOSAL_METHODS,
  FUNDING_SOURCES,
  LAND_RIGHT_TYPES,
  OWNERSHIP_NATURES,
  PROCUREMENT_FORMS,
  USE_MODES,
  VALUE_TYPES,
  VEHICLE_ESTABLISHMENTS,
  VEHICLE_ORIGINS,
  VEHICLE_USES,
} from './assets.enums.ts';
import { IsoDate } from './dates.ts';
import { Fen } from './money.ts';
import { PageQuery } from './paging.ts';
import { StandardAck } from './standards.contracts.ts';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];
export const CardStatusCode = z.enum(keys(CARD_STATUSES));
export const UseModeCode = z.enum(keys(USE_MODES));
export const AcquisitionMethodCode = z.enum(keys(ACQUISITION_METHODS));
export const DisposalMethodCode = z.enum(keys(DISPOSAL_METHODS));
export const DepreciationMethodCode = z.enum(keys(DEPRECIATION_METHODS));
export const FundingSourceCode = z.enum(keys(FUNDING_SOURCES));
export const CardEventTypeCode = z.enum(keys(CARD_EVENT_TYPES));
export const AssetKindCode = z.enum(keys(ASSET_KINDS));
export const ValueTypeCode = z.enum(keys(VALUE_TYPES));
export const ProcurementFormCode = z.enum(keys(PROCUREMENT_FORMS));
export const AssetUseCode = z.enum(keys(ASSET_USES));
export const DepreciationStatusCode = z.enum(keys(DEPRECIATION_STATUSES));

const isoDate = IsoDate;
const uuid = z.uuid();
/** A query-string list: `status=in_use,idle` or repeated `status=in_use&status=idle`. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item)).optional();

/** The card library's filters: the list, exports and batch selections all use these. */
export const CardFilter = z.object({
  unitId: uuid.optional(),
  departmentId: uuid.optional(),
  /** The category and its whole subtree. */
  categoryId: uuid.optional(),
  status: listOf(CardStatusCode),
  useMode: UseModeCode.optional(),
  roomId: uuid.optional(),
  buildingId: uuid.optional(),
  compoundId: uuid.optional(),
  custodianId: uuid.optional(),
  /** Original value in fen, inclusive. */
  valueMin: z.coerce.number().int().min(0).optional(),
  valueMax: z.coerce.number().int().min(0).optional(),
  acquiredFrom: isoDate.optional(),
  acquiredTo: isoDate.optional(),
  postedFrom: isoDate.optional(),
  postedTo: isoDate.optional(),
  /** Any fragment of card number, name, spec, brand or serial number. */
  q: z.string().max(100).optional(),
  // The Ministry's card (docs/domain.md §3).
  assetKind: listOf(AssetKindCode),
  valueType: listOf(ValueTypeCode),
  procurementForm: listOf(ProcurementFormCode),
  assetUse: listOf(AssetUseCode),
  /** 财政拨款 in fen, inclusive. */
  fiscalMin: z.coerce.number().int().min(0).optional(),
  fiscalMax: z.coerce.number().int().min(0).optional(),
  /** 保修到期, inclusive (the workspace's "warranty ending" reminder opens the list with them). */
  warrantyFrom: isoDate.optional(),
  warrantyTo: isoDate.optional(),
  /** Cards whose custodian has left (staff no longer active): a unit administrator's to-do. */
  custodianLeft: z.enum(['true']).optional(),
});
export type CardFilter = z.infer<typeof CardFilter>;

export const CARD_SORTS = [
  'cardNo',
  'name',
  'categoryCode',
  'spec',
  'brand',
  'originalValueFen',
  'netValueFen',
  'accumulatedDepreciationFen',
  'status',
  'useMode',
  'acquiredOn',
  'postedOn',
  'unitName',
  'departmentName',
  'custodianName',
  'createdAt',
  'updatedAt',
] as const;
export const CardListQuery = PageQuery.extend(CardFilter.shape).extend({ sort: z.enum(CARD_SORTS).optional() });
export type CardListQuery = z.infer<typeof CardListQuery>;

/** Category-specific attributes (docs/domain.md §3); which apply depends on the category's attribute set. */
export const BUILDING_STRUCTURES = {
  steel: ['钢结构', 'Steel'],
  reinforced_concrete: ['钢混', 'Reinforced concrete'],
  brick_concrete: ['砖混', 'Brick-concrete'],
  brick_wood: ['砖木', 'Brick-wood'],
  simple: ['简易', 'Simple'],
} as const;
const attrDate = isoDate;
const area = z.number().min(0);
/**
 * Category-specific attributes, typed here and checked against the category's attribute set by
 * card.rules.ts (checkAttributes). Fields the reports filter on are columns of `cards`; these are not.
 */
export const CardAttributes = z
  .object({
    // Buildings and land (房屋、土地).
    ownershipNature: z.enum(keys(OWNERSHIP_NATURES)).optional(),
    /** 不动产权证号 (权属证号). */
    titleCertNo: z.string().max(64).optional(),
    certIssuedOn: attrDate.optional(),
    /** 坐落位置. */
    address: z.string().max(200).optional(),
    landRightType: z.enum(keys(LAND_RIGHT_TYPES)).optional(),
    floorsAbove: z.number().int().min(0).max(200).optional(),
    floorsBelow: z.number().int().min(0).max(20).optional(),
    completedOn: attrDate.optional(),
    /** Area by use, m²: 自用, 出租, 出借, 闲置; together at most the area. */
    areaSelfUse: area.optional(),
    areaRented: area.optional(),
    areaLent: area.optional(),
    areaIdle: area.optional(),
    // Vehicles (车辆).
    vehicleUse: z.enum(keys(VEHICLE_USES)).optional(),
    establishment: z.enum(keys(VEHICLE_ESTABLISHMENTS)).optional(),
    /** 排气量, litres. */
    displacement: z.number().min(0).max(30).optional(),
    /** 车架号 (VIN). */
    vin: z.string().max(17).optional(),
    engineNo: z.string().max(40).optional(),
    seats: z.number().int().min(1).max(100).optional(),
    vehicleOrigin: z.enum(keys(VEHICLE_ORIGINS)).optional(),
    structure: z.enum(keys(BUILDING_STRUCTURES)).optional(),
    /** m² (buildings, land). */
    area: z.number().positive().optional(),
    plateNo: z.string().max(20).optional(),
    ip: z.string().max(64).optional(),
    mac: z.string().max(32).optional(),
    rack: z.string().max(64).optional(),
    uStart: z.number().int().min(1).max(60).optional(),
    uHeight: z.number().int().min(1).max(60).optional(),
  })
  .catchall(z.unknown());
export type CardAttributes = z.infer<typeof CardAttributes>;

const text = (max: number) => z.string().trim().max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
const optId = uuid.nullish();
const optDate = isoDate.nullish();

/**
 * The Ministry's card fields a person enters (docs/domain.md §3). Funding amounts: 财政拨款 + 非财政拨款 = 原值;
 * when neither is given the whole value goes to the card's funding source (财政拨款 unless it says
 * 非财政拨款); when one is given the other is the rest.
 */
function mofFields() {
  return {
    fiscalFundingFen: z.number().int('金额应为整数分').min(0, '金额不能为负').nullish(),
    nonFiscalFundingFen: z.number().int('金额应为整数分').min(0, '金额不能为负').nullish(),
    procurementForm: ProcurementFormCode.nullish(),
    manufacturer: optText(200),
    /** 国别/产地. */
    originCountry: optText(100),
    manufacturedOn: optDate,
    contractNo: optText(64),
    /** 发票号: its own field, never the voucher number. */
    invoiceNo: optText(64),
  };
}

/** A card's descriptive and financial fields as a person enters them (POST /api/cards). */
export const CardInput = z.object({
  unitId: uuid,
  name: text(200).min(1, '必填'),
  categoryId: uuid,
  spec: optText(200),
  brand: optText(100),
  serialNo: optText(100),
  quantity: z.number().int().min(1).default(1),
  measureUnit: text(10).min(1).optional(),
  originalValueFen: Fen,
  accumulatedDepreciationFen: Fen.default(0),
  /**
   * 已提折旧月数: the months of depreciation the accumulated amount holds (an opening balance). When
   * omitted for a card with accumulated depreciation, the months from posting to the balance month.
   */
  openingDepreciatedMonths: z.number().int().min(0).max(1200).nullish(),
  /** 补录理由: required for a card registered by hand after the unit's takeover (it then awaits finance's posting). */
  supplementReason: z.string().trim().max(500).nullish(),
  fundingSource: FundingSourceCode.nullish(),
  acquisitionMethod: AcquisitionMethodCode,
  acquiredOn: isoDate,
  postedOn: optDate,
  inUseOn: optDate,
  voucherNo: optText(64),
  supplier: optText(200),
  warrantyUntil: optDate,
  usefulLifeMonths: z.number().int().min(0).max(1200).nullish(),
  depreciationMethod: DepreciationMethodCode.optional(),
  totalWorkload: z.number().positive().max(999_999_999_999, '工作量过大').nullish(),
  status: CardStatusCode.optional(),
  useMode: UseModeCode.optional(),
  counterparty: optText(200),
  managingUnitId: optId,
  usingUnitId: optId,
  usingDepartmentId: optId,
  custodianId: optId,
  roomId: optId,
  attributes: CardAttributes.optional(),
  ...mofFields(),
  valueType: ValueTypeCode.optional(),
  assetUse: AssetUseCode.optional(),
  /** Over an allocation standard's cap: the acknowledgement and its reason (recorded on the ledger). */
  standardAck: StandardAck.optional(),
});
export type CardInput = z.infer<typeof CardInput>;

/** Descriptive fields a unit admin may edit directly; value, status and ownership change only by documents. */
export const CardPatch = z.object({
  expectVersion: z.number().int().min(1),
  name: text(200).min(1, '必填').optional(),
  spec: optText(200),
  brand: optText(100),
  serialNo: optText(100),
  measureUnit: text(10).min(1).optional(),
  fundingSource: FundingSourceCode.nullish(),
  voucherNo: optText(64),
  supplier: optText(200),
  warrantyUntil: optDate,
  inUseOn: optDate,
  attributes: CardAttributes.optional(),
  ...mofFields(),
  /** 名义金额 is set at registration only (it decides depreciation). */
  valueType: ValueTypeCode.exclude(['nominal'], { message: '名义金额只能在登记时选择' }).optional(),
  assetUse: AssetUseCode.optional(),
  note: optText(500),
});
export type CardPatch = z.infer<typeof CardPatch>;

export const CardListItem = z.object({
  id: z.string(),
  cardNo: z.string(),
  name: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  /** The managing unit when it is not the owner (委托管理, the pool's physical custody); null otherwise. */
  managerName: z.string().nullable(),
  categoryId: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  spec: z.string().nullable(),
  brand: z.string().nullable(),
  serialNo: z.string().nullable(),
  quantity: z.number(),
  measureUnit: z.string(),
  originalValueFen: z.number(),
  accumulatedDepreciationFen: z.number(),
  netValueFen: z.number(),
  status: z.string(),
  useMode: z.string(),
  acquiredOn: z.string(),
  postedOn: z.string().nullable(),
  usingDepartmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  custodianId: z.string().nullable(),
  custodianName: z.string().nullable(),
  roomId: z.string().nullable(),
  roomName: z.string().nullable(),
  assetKind: AssetKindCode,
  version: z.number(),
});
export type CardListItem = z.infer<typeof CardListItem>;

export const CardDetail = CardListItem.extend({
  fundingSource: z.string().nullable(),
  acquisitionMethod: z.string(),
  inUseOn: z.string().nullable(),
  voucherNo: z.string().nullable(),
  supplier: z.string().nullable(),
  warrantyUntil: z.string().nullable(),
  usefulLifeMonths: z.number().nullable(),
  depreciationMethod: z.string(),
  totalWorkload: z.number().nullable(),
  counterparty: z.string().nullable(),
  managingUnitId: z.string(),
  managingUnitName: z.string(),
  usingUnitId: z.string().nullable(),
  usingUnitName: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  categoryAttributeSet: z.string(),
  disposedOn: z.string().nullable(),
  disposalMethod: z.string().nullable(),
  sourceDocumentId: z.string().nullable(),
  valueType: ValueTypeCode,
  fiscalFundingFen: z.number().nullable(),
  nonFiscalFundingFen: z.number().nullable(),
  procurementForm: ProcurementFormCode.nullable(),
  assetUse: AssetUseCode,
  manufacturer: z.string().nullable(),
  originCountry: z.string().nullable(),
  manufacturedOn: z.string().nullable(),
  contractNo: z.string().nullable(),
  invoiceNo: z.string().nullable(),
  /** Derived: 计提 / 不计提 / 已提足. */
  depreciationStatus: DepreciationStatusCode,
  /** 已提折旧月数: the opening balance's months plus the months of the card's entries. */
  depreciatedMonths: z.number(),
  /** 月折旧额: the last entry's monthly charge; null before the first. */
  monthlyDepreciationFen: z.number().nullable(),
  /** The floor of the card's life (不低于), months; null when none applies. */
  lifeFloorMonths: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CardDetail = z.infer<typeof CardDetail>;

export const CardEventItem = z.object({
  id: z.number(),
  seq: z.number(),
  type: z.string(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  documentId: z.string().nullable(),
  documentType: z.string().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  note: z.string().nullable(),
  hash: z.string(),
});
export type CardEventItem = z.infer<typeof CardEventItem>;

export const ATTACHMENT_KINDS = {
  invoice: ['发票', 'Invoice'],
  photo: ['照片', 'Photo'],
  appraisal: ['鉴定报告', 'Appraisal'],
  other: ['其他', 'Other'],
} as const;
export const AttachmentKindCode = z.enum(keys(ATTACHMENT_KINDS));
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

export const CardAttachmentItem = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploaderName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type CardAttachmentItem = z.infer<typeof CardAttachmentItem>;

/** The ledger verification's answer (docs/domain.md §8). */
export const LEDGER_PROBLEMS = {
  altered: ['内容被篡改', 'Altered'],
  removed: ['记录缺失', 'Removed'],
  reordered: ['顺序被打乱', 'Reordered'],
} as const;
/** What `audit verify` finds wrong in the depreciation ledger, named by card (or unit) and month. */
export const DEPRECIATION_LEDGER_PROBLEMS = {
  altered: ['折旧记录被篡改', 'Charge altered'],
  removed: ['折旧记录缺失', 'Charge removed'],
  inserted: ['折旧记录被添加', 'Charge inserted'],
  run_mismatch: ['计提汇总与明细不符', 'Run totals differ from its charges'],
  balance_mismatch: ['卡片累计折旧与折旧记录不符', 'Card balance differs from its charges'],
} as const;
export const REPORT_LEDGER_PROBLEMS = {
  altered: ['已锁定的月报被篡改', 'Locked report altered'],
  removed: ['已锁定的月报缺失', 'Locked report removed'],
} as const;
export const LedgerVerification = z.object({
  ok: z.boolean(),
  checkedCards: z.number(),
  checkedEvents: z.number(),
  failedCards: z.number(),
  counts: z.object({ altered: z.number(), removed: z.number(), reordered: z.number() }),
  failures: z.array(
    z.object({
      cardId: z.string(),
      cardNo: z.string().nullable(),
      unitId: z.string().nullable(),
      problems: z.array(z.enum(keys(LEDGER_PROBLEMS))),
      /** The first seq at which the chain breaks. */
      firstBadSeq: z.number().nullable(),
    }),
  ),
  /** The depreciation ledger (one chain of monthly charges per card, and each run's count and total). */
  depreciation: z.object({
    checkedEntries: z.number(),
    failures: z.array(
      z.object({
        cardId: z.string().nullable(),
        cardNo: z.string().nullable(),
        unitId: z.string().nullable(),
        month: z.string(),
        problem: z.enum(keys(DEPRECIATION_LEDGER_PROBLEMS)),
      }),
    ),
  }),
  /** Locked monthly reports (docs/domain.md §7): each stored report's hashes and their chain. */
  reports: z
    .object({
      checkedFilings: z.number(),
      failures: z.array(
        z.object({ filingId: z.string(), unitId: z.string(), month: z.string(), problem: z.enum(keys(REPORT_LEDGER_PROBLEMS)) }),
      ),
    })
    .optional(),
  durationMs: z.number(),
  checkedAt: z.string(),
});
export type LedgerVerification = z.infer<typeof LedgerVerification>;

/** 作废: why a card registered by mistake, and never posted, is voided. */
export const VoidInput = z.object({ reason: z.string().trim().min(1, '请写明作废原因').max(200, '作废原因不超过 200 个字') });
export type VoidInput = z.infer<typeof VoidInput>;
