import {
  ACQUISITION_METHODS,
  ASSET_KINDS,
  ASSET_USES,
  CARD_EVENT_TYPES,
  CARD_STATUSES,
  DEPRECIATION_METHODS,
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
  label,
} from '../../../shared/assets.enums.ts';
import { ATTACHMENT_KINDS, BUILDING_STRUCTURES } from '../../../shared/assets.contracts.ts';
import { formatYuan } from '../../../shared/money.ts';

/** Names of card fields as the ledger records them (camelCase keys of before/after). */
export const CARD_FIELD_LABELS: Record<string, readonly [string, string]> = {
  cardNo: ['卡片编号', 'Card no.'],
  unitId: ['产权单位', 'Owner unit'],
  name: ['资产名称', 'Name'],
  categoryId: ['资产分类', 'Category'],
  spec: ['规格型号', 'Spec'],
  brand: ['品牌', 'Brand'],
  serialNo: ['序列号', 'Serial no.'],
  quantity: ['数量', 'Quantity'],
  measureUnit: ['计量单位', 'Measure unit'],
  originalValueFen: ['原值', 'Original value'],
  fundingSource: ['资金来源', 'Funding source'],
  acquisitionMethod: ['取得方式', 'Acquisition method'],
  acquiredOn: ['取得日期', 'Acquired on'],
  postedOn: ['入账日期', 'Posted on'],
  inUseOn: ['投入使用日期', 'In use since'],
  voucherNo: ['凭证号', 'Voucher no.'],
  supplier: ['供应商', 'Supplier'],
  warrantyUntil: ['保修截止', 'Warranty until'],
  usefulLifeMonths: ['使用年限（月）', 'Useful life (months)'],
  depreciationMethod: ['折旧方法', 'Depreciation method'],
  totalWorkload: ['预计总工作量', 'Total workload'],
  accumulatedDepreciationFen: ['累计折旧', 'Accumulated depreciation'],
  netValueFen: ['净值', 'Net value'],
  status: ['状态', 'Status'],
  useMode: ['使用方式', 'Use mode'],
  counterparty: ['对方单位', 'Counterparty'],
  managingUnitId: ['管理单位', 'Managing unit'],
  usingUnitId: ['使用单位', 'Using unit'],
  usingDepartmentId: ['使用部门', 'Department'],
  custodianId: ['保管人', 'Custodian'],
  roomId: ['存放地点', 'Location'],
  attributes: ['扩展属性', 'Attributes'],
  disposedOn: ['处置日期', 'Disposed on'],
  disposalMethod: ['处置方式', 'Disposal method'],
  sourceDocumentId: ['来源单据', 'Source document'],
  assetKind: ['资产类型', 'Asset kind'],
  valueType: ['价值类型', 'Value type'],
  fiscalFundingFen: ['财政拨款', 'Fiscal funding'],
  nonFiscalFundingFen: ['非财政拨款', 'Non-fiscal funding'],
  procurementForm: ['采购组织形式', 'Procurement form'],
  assetUse: ['资产用途', 'Asset use'],
  manufacturer: ['生产厂家', 'Manufacturer'],
  originCountry: ['国别/产地', 'Origin'],
  manufacturedOn: ['出厂日期', 'Manufactured on'],
  contractNo: ['合同编号', 'Contract no.'],
  invoiceNo: ['发票号', 'Invoice no.'],
  attachmentId: ['附件', 'Attachment'],
  fileName: ['文件名', 'File name'],
  kind: ['类别', 'Kind'],
  sha256: ['SHA-256', 'SHA-256'],
  size: ['大小', 'Size'],
};

const VOCABULARIES: Record<string, Record<string, readonly [string, string]>> = {
  status: CARD_STATUSES,
  useMode: USE_MODES,
  acquisitionMethod: ACQUISITION_METHODS,
  disposalMethod: DISPOSAL_METHODS,
  depreciationMethod: DEPRECIATION_METHODS,
  fundingSource: FUNDING_SOURCES,
  kind: ATTACHMENT_KINDS,
  assetKind: ASSET_KINDS,
  valueType: VALUE_TYPES,
  procurementForm: PROCUREMENT_FORMS,
  assetUse: ASSET_USES,
};

/** Vocabularies of the attributes that hold codes. */
export const ATTRIBUTE_VOCABULARIES: Record<string, Record<string, readonly [string, string]>> = {
  structure: BUILDING_STRUCTURES,
  ownershipNature: OWNERSHIP_NATURES,
  landRightType: LAND_RIGHT_TYPES,
  vehicleUse: VEHICLE_USES,
  establishment: VEHICLE_ESTABLISHMENTS,
  vehicleOrigin: VEHICLE_ORIGINS,
};

export const ATTRIBUTE_LABELS: Record<string, readonly [string, string]> = {
  structure: ['结构', 'Structure'],
  area: ['面积（㎡）', 'Area (m²)'],
  plateNo: ['车牌号', 'Plate no.'],
  ip: ['IP 地址', 'IP address'],
  mac: ['MAC 地址', 'MAC address'],
  rack: ['机柜', 'Rack'],
  uStart: ['起始 U 位', 'Start U'],
  uHeight: ['占用 U 数', 'Height (U)'],
  ownershipNature: ['权属性质', 'Ownership'],
  titleCertNo: ['不动产权证号', 'Title certificate'],
  certIssuedOn: ['发证日期', 'Issued on'],
  address: ['坐落位置', 'Address'],
  landRightType: ['土地使用权类型', 'Land right'],
  floorsAbove: ['地上层数', 'Floors above'],
  floorsBelow: ['地下层数', 'Floors below'],
  completedOn: ['竣工日期', 'Completed on'],
  areaSelfUse: ['自用面积（㎡）', 'Own use (m²)'],
  areaRented: ['出租面积（㎡）', 'Rented (m²)'],
  areaLent: ['出借面积（㎡）', 'Lent (m²)'],
  areaIdle: ['闲置面积（㎡）', 'Idle (m²)'],
  vehicleUse: ['车辆用途', 'Vehicle use'],
  establishment: ['编制情况', 'Establishment'],
  displacement: ['排气量（升）', 'Displacement (L)'],
  vin: ['车架号', 'VIN'],
  engineNo: ['发动机号', 'Engine no.'],
  seats: ['座位数', 'Seats'],
  vehicleOrigin: ['国产/进口', 'Domestic / imported'],
};

/** A ledger value as a person reads it: money in yuan, codes by their names, ids shortened. */
export function fieldValueText(field: string, value: unknown, locale: string, names: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && names[value]) return names[value];
  if (field.endsWith('Fen') && typeof value === 'number') return `¥${formatYuan(value)}`;
  const vocab = VOCABULARIES[field];
  if (vocab && typeof value === 'string' && vocab[value]) return label(vocab[value], locale);
  if (field === 'attributes' && typeof value === 'object') {
    return (
      Object.entries(value as Record<string, unknown>)
        .map(
          ([k, v]) =>
            `${ATTRIBUTE_LABELS[k] ? label(ATTRIBUTE_LABELS[k], locale) : k}: ${typeof v === 'string' && ATTRIBUTE_VOCABULARIES[k]?.[v] ? label(ATTRIBUTE_VOCABULARIES[k][v], locale) : String(v)}`,
        )
        .join('，') || '—'
    );
  }
  if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value)) return value.slice(0, 8);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export const fieldLabel = (field: string, locale: string) => (CARD_FIELD_LABELS[field] ? label(CARD_FIELD_LABELS[field], locale) : field);
export const eventLabel = (type: string, locale: string) => {
  const pair = (CARD_EVENT_TYPES as Record<string, readonly [string, string]>)[type];
  return pair ? label(pair, locale) : type;
};
