import { z } from 'zod';
import { BUILDING_STRUCTURES } from './assets.contracts.ts';
import {
  ACQUISITION_METHODS,
  ASSET_USES,
  CARD_STATUSES,
  DEPRECIATION_METHODS,
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

/**
 * The card spreadsheet: one column list shared by the template, the importer, the exporter and the
 * web page that explains the template. Files speak Chinese labels; the database stores codes.
 */
export type CardColumnKind = 'text' | 'int' | 'decimal' | 'money' | 'date' | 'enum';

export interface CardColumn {
  key: string;
  zh: string;
  en: string;
  kind: CardColumnKind;
  required?: boolean;
  /** For 'enum': the vocabulary (code → [zh, en]). */
  vocabulary?: Record<string, readonly [string, string]>;
  /** What the 填写说明 sheet says beyond kind and vocabulary. */
  note: string;
  /** Category attribute columns: which attribute set they belong to. */
  attributeSet?: 'building' | 'vehicle' | 'it' | 'land';
  /** Kept in the card's attributes under `key` (the Ministry's building, land and vehicle fields). */
  attr?: boolean;
  width?: number;
}

export const CARD_IMPORT_COLUMNS: CardColumn[] = [
  { key: 'name', zh: '资产名称', en: 'Name', kind: 'text', required: true, note: '不超过 200 字', width: 24 },
  {
    key: 'categoryCode',
    zh: '分类代码',
    en: 'Category code',
    kind: 'text',
    required: true,
    note: 'GB/T 14885 分类代码，2022 版（如 A02010104）或 2010 版（如 2010104）均可',
    width: 14,
  },
  { key: 'spec', zh: '规格型号', en: 'Spec / model', kind: 'text', note: '', width: 18 },
  { key: 'brand', zh: '品牌', en: 'Brand', kind: 'text', note: '', width: 12 },
  {
    key: 'serialNo',
    zh: '序列号',
    en: 'Serial number',
    kind: 'text',
    note: '同一单位内不可重复（文件内、与已有卡片均不可重复）',
    width: 18,
  },
  { key: 'quantity', zh: '数量', en: 'Quantity', kind: 'int', note: '正整数，默认 1；家具等批量卡片可大于 1', width: 8 },
  { key: 'measureUnit', zh: '计量单位', en: 'Measure unit', kind: 'text', note: '如 台、套、张、辆；默认取分类的计量单位', width: 10 },
  {
    key: 'originalValue',
    zh: '原值(元)',
    en: 'Original value (yuan)',
    kind: 'money',
    required: true,
    note: '金额（元），不小于 0，最多两位小数',
    width: 14,
  },
  {
    key: 'accumulatedDepreciation',
    zh: '累计折旧(元)',
    en: 'Accumulated depreciation (yuan)',
    kind: 'money',
    note: '金额（元），不小于 0，最多两位小数，不得大于原值；默认 0',
    width: 14,
  },
  {
    key: 'openingDepreciatedMonths',
    zh: '已提折旧月数',
    en: 'Months depreciated',
    kind: 'int',
    note: '期初卡片：累计折旧所含的月数（不超过使用年限）；不填时按入账月份至期初建账月份计',
    width: 10,
  },
  { key: 'fundingSource', zh: '经费来源', en: 'Funding source', kind: 'enum', vocabulary: FUNDING_SOURCES, note: '', width: 12 },
  {
    key: 'acquisitionMethod',
    zh: '取得方式',
    en: 'Acquisition method',
    kind: 'enum',
    required: true,
    vocabulary: ACQUISITION_METHODS,
    note: '',
    width: 12,
  },
  {
    key: 'acquiredOn',
    zh: '取得日期',
    en: 'Acquired on',
    kind: 'date',
    required: true,
    note: '日期，如 2024-03-15；不得晚于今天',
    width: 12,
  },
  { key: 'postedOn', zh: '入账日期', en: 'Posted on', kind: 'date', note: '日期；状态不是“待入账”时默认等于取得日期', width: 12 },
  { key: 'inUseOn', zh: '投入使用日期', en: 'In use since', kind: 'date', note: '日期', width: 12 },
  { key: 'voucherNo', zh: '凭证号', en: 'Voucher number', kind: 'text', note: '', width: 12 },
  { key: 'supplier', zh: '供应商', en: 'Supplier', kind: 'text', note: '', width: 18 },
  { key: 'warrantyUntil', zh: '保修截止', en: 'Warranty until', kind: 'date', note: '日期', width: 12 },
  {
    key: 'usefulLifeMonths',
    zh: '使用年限(月)',
    en: 'Useful life (months)',
    kind: 'int',
    note: '正整数（月）；默认取分类的使用年限',
    width: 10,
  },
  {
    key: 'depreciationMethod',
    zh: '折旧方法',
    en: 'Depreciation method',
    kind: 'enum',
    vocabulary: DEPRECIATION_METHODS,
    note: '默认：分类计提折旧时为年限平均法，否则不计提折旧',
    width: 12,
  },
  {
    key: 'status',
    zh: '状态',
    en: 'Status',
    kind: 'enum',
    vocabulary: CARD_STATUSES,
    note: '默认 在用；导入的卡片不能是“已处置”',
    width: 10,
  },
  { key: 'useMode', zh: '使用方式', en: 'Use mode', kind: 'enum', vocabulary: USE_MODES, note: '默认 自用', width: 10 },
  { key: 'counterparty', zh: '出租出借对象', en: 'Counterparty', kind: 'text', note: '使用方式为出租、出借时填写', width: 16 },
  { key: 'department', zh: '使用部门', en: 'Using department', kind: 'text', note: '本单位处室的名称或代码', width: 14 },
  {
    key: 'custodianNo',
    zh: '保管人工号',
    en: 'Custodian employee no.',
    kind: 'text',
    note: '本单位人员的工号（优先于“保管人”）',
    width: 12,
  },
  { key: 'custodianName', zh: '保管人', en: 'Custodian', kind: 'text', note: '本单位人员姓名；重名时请填写工号', width: 10 },
  {
    key: 'location',
    zh: '存放地点(楼宇/房间号)',
    en: 'Location (building/room)',
    kind: 'text',
    note: '楼宇代码或名称/房间号，如 A/301；楼宇同名时写 办公区代码/楼宇/房间号，如 C01/A/301；须为本单位或未分配的房间',
    width: 18,
  },
  { key: 'note', zh: '备注', en: 'Note', kind: 'text', note: '', width: 20 },
  {
    key: 'structure',
    zh: '建筑结构',
    en: 'Structure',
    kind: 'enum',
    attributeSet: 'building',
    vocabulary: BUILDING_STRUCTURES,
    note: '房屋类',
    width: 10,
  },
  {
    key: 'area',
    zh: '面积(㎡)',
    en: 'Area (m²)',
    kind: 'decimal',
    attributeSet: 'building',
    note: '房屋、土地类：面积（平方米），最多两位小数',
    width: 10,
  },
  { key: 'plateNo', zh: '车牌号', en: 'Plate number', kind: 'text', attributeSet: 'vehicle', note: '车辆类', width: 12 },
  { key: 'ip', zh: 'IP', en: 'IP', kind: 'text', attributeSet: 'it', note: '信息设备：IPv4 地址', width: 14 },
  { key: 'mac', zh: 'MAC', en: 'MAC', kind: 'text', attributeSet: 'it', note: '信息设备：如 00:1A:2B:3C:4D:5E', width: 18 },
  // The Ministry's card (财政部行政事业单位资产管理信息系统, docs/domain.md §3).
  {
    key: 'valueType',
    zh: '价值类型',
    en: 'Value type',
    kind: 'enum',
    vocabulary: VALUE_TYPES,
    note: '默认 原值；名义金额的资产原值应为 1 元，不计提折旧',
    width: 10,
  },
  {
    key: 'fiscalFunding',
    zh: '财政拨款(元)',
    en: 'Fiscal funding (yuan)',
    kind: 'money',
    note: '财政拨款 + 非财政拨款 = 原值；只填一项时另一项为差额；都不填时按经费来源全额计入（默认财政拨款）',
    width: 14,
  },
  { key: 'nonFiscalFunding', zh: '非财政拨款(元)', en: 'Non-fiscal funding (yuan)', kind: 'money', note: '见“财政拨款”', width: 14 },
  { key: 'procurementForm', zh: '采购组织形式', en: 'Procurement form', kind: 'enum', vocabulary: PROCUREMENT_FORMS, note: '', width: 14 },
  {
    key: 'assetUse',
    zh: '资产用途',
    en: 'Asset use',
    kind: 'enum',
    vocabulary: ASSET_USES,
    note: '默认按使用方式：出租、出借，否则自用',
    width: 10,
  },
  { key: 'manufacturer', zh: '生产厂家', en: 'Manufacturer', kind: 'text', note: '', width: 18 },
  { key: 'originCountry', zh: '国别/产地', en: 'Country / place of origin', kind: 'text', note: '', width: 12 },
  { key: 'manufacturedOn', zh: '出厂日期', en: 'Manufactured on', kind: 'date', note: '日期；不得晚于今天', width: 12 },
  { key: 'contractNo', zh: '合同编号', en: 'Contract number', kind: 'text', note: '', width: 16 },
  { key: 'invoiceNo', zh: '发票号', en: 'Invoice number', kind: 'text', note: '发票号码，不是会计凭证号', width: 16 },
  {
    key: 'ownershipNature',
    zh: '权属性质',
    en: 'Ownership',
    kind: 'enum',
    vocabulary: OWNERSHIP_NATURES,
    attributeSet: 'building',
    attr: true,
    note: '房屋、土地类',
    width: 10,
  },
  {
    key: 'titleCertNo',
    zh: '不动产权证号',
    en: 'Title certificate no.',
    kind: 'text',
    attributeSet: 'building',
    attr: true,
    note: '房屋、土地类',
    width: 18,
  },
  {
    key: 'certIssuedOn',
    zh: '发证日期',
    en: 'Certificate issued on',
    kind: 'date',
    attributeSet: 'building',
    attr: true,
    note: '房屋、土地类；日期',
    width: 12,
  },
  { key: 'address', zh: '坐落位置', en: 'Address', kind: 'text', attributeSet: 'building', attr: true, note: '房屋、土地类', width: 24 },
  {
    key: 'landRightType',
    zh: '土地使用权类型',
    en: 'Land right type',
    kind: 'enum',
    vocabulary: LAND_RIGHT_TYPES,
    attributeSet: 'land',
    attr: true,
    note: '土地类',
    width: 12,
  },
  {
    key: 'floorsAbove',
    zh: '地上层数',
    en: 'Floors above ground',
    kind: 'int',
    attributeSet: 'building',
    attr: true,
    note: '房屋类',
    width: 8,
  },
  {
    key: 'floorsBelow',
    zh: '地下层数',
    en: 'Floors below ground',
    kind: 'int',
    attributeSet: 'building',
    attr: true,
    note: '房屋类',
    width: 8,
  },
  {
    key: 'completedOn',
    zh: '竣工日期',
    en: 'Completed on',
    kind: 'date',
    attributeSet: 'building',
    attr: true,
    note: '房屋类；日期',
    width: 12,
  },
  {
    key: 'areaSelfUse',
    zh: '自用面积(㎡)',
    en: 'Area in own use (m²)',
    kind: 'decimal',
    attributeSet: 'building',
    attr: true,
    note: '房屋、土地类；自用、出租、出借、闲置面积之和不大于面积',
    width: 10,
  },
  {
    key: 'areaRented',
    zh: '出租面积(㎡)',
    en: 'Area rented (m²)',
    kind: 'decimal',
    attributeSet: 'building',
    attr: true,
    note: '房屋、土地类',
    width: 10,
  },
  {
    key: 'areaLent',
    zh: '出借面积(㎡)',
    en: 'Area lent (m²)',
    kind: 'decimal',
    attributeSet: 'building',
    attr: true,
    note: '房屋、土地类',
    width: 10,
  },
  {
    key: 'areaIdle',
    zh: '闲置面积(㎡)',
    en: 'Area idle (m²)',
    kind: 'decimal',
    attributeSet: 'building',
    attr: true,
    note: '房屋、土地类',
    width: 10,
  },
  {
    key: 'vehicleUse',
    zh: '车辆用途',
    en: 'Vehicle use',
    kind: 'enum',
    vocabulary: VEHICLE_USES,
    attributeSet: 'vehicle',
    attr: true,
    note: '车辆类',
    width: 14,
  },
  {
    key: 'establishment',
    zh: '编制情况',
    en: 'Establishment',
    kind: 'enum',
    vocabulary: VEHICLE_ESTABLISHMENTS,
    attributeSet: 'vehicle',
    attr: true,
    note: '车辆类',
    width: 10,
  },
  {
    key: 'displacement',
    zh: '排气量(升)',
    en: 'Displacement (L)',
    kind: 'decimal',
    attributeSet: 'vehicle',
    attr: true,
    note: '车辆类；升，如 1.6',
    width: 10,
  },
  { key: 'vin', zh: '车架号', en: 'VIN', kind: 'text', attributeSet: 'vehicle', attr: true, note: '车辆类；17 位', width: 20 },
  { key: 'engineNo', zh: '发动机号', en: 'Engine number', kind: 'text', attributeSet: 'vehicle', attr: true, note: '车辆类', width: 14 },
  { key: 'seats', zh: '座位数', en: 'Seats', kind: 'int', attributeSet: 'vehicle', attr: true, note: '车辆类', width: 8 },
  {
    key: 'vehicleOrigin',
    zh: '国产/进口',
    en: 'Domestic / imported',
    kind: 'enum',
    vocabulary: VEHICLE_ORIGINS,
    attributeSet: 'vehicle',
    attr: true,
    note: '车辆类',
    width: 10,
  },
];

/** Export adds what the system assigns. */
export const CARD_EXPORT_EXTRA = {
  cardNo: { zh: '卡片编号', en: 'Card number' },
  unit: { zh: '产权单位', en: 'Owner unit' },
  categoryName: { zh: '分类名称', en: 'Category' },
  netValue: { zh: '净值(元)', en: 'Net value (yuan)' },
} as const;

/** One problem in an import file; `row` is the spreadsheet's row number (header = 1). */
export const ImportError = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
});
export type ImportError = z.infer<typeof ImportError>;

/** The job result of 'cards.import': success (count) or rejection (errors, first 1,000). */
export const ImportResult = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  imported: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(ImportError),
  unitId: z.string().nullable(),
  firstCardNo: z.string().nullable(),
  lastCardNo: z.string().nullable(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const IMPORT_ERRORS_IN_RESULT = 1000;

export const JobStarted = z.object({ jobId: z.string() });

export const LABEL_STOCKS = {
  '60x40': { width: 60, height: 40, zh: '60×40 mm', en: '60×40 mm' },
  '70x30': { width: 70, height: 30, zh: '70×30 mm', en: '70×30 mm' },
  '50x30': { width: 50, height: 30, zh: '50×30 mm', en: '50×30 mm' },
} as const;
export type LabelStock = keyof typeof LABEL_STOCKS;

export const LABELS_MAX = 2000;

export const LabelCard = z.object({
  id: z.string(),
  cardNo: z.string(),
  name: z.string(),
  unitName: z.string(),
  /** Posted on, else acquired on. */
  date: z.string(),
});
export type LabelCard = z.infer<typeof LabelCard>;

export const LabelsResponse = z.object({ items: z.array(LabelCard), total: z.number().int(), truncated: z.boolean() });
export type LabelsResponse = z.infer<typeof LabelsResponse>;
