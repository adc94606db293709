import {
  ACQUISITION_METHODS, CARD_EVENT_TYPES, CARD_STATUSES, DEPRECIATION_METHODS, DISPOSAL_METHODS, FUNDING_SOURCES, USE_MODES, label,
} from '../../../shared/assets.enums.ts';
import { ATTACHMENT_KINDS, BUILDING_STRUCTURES } from '../../../shared/assets.contracts.ts';
import { formatYuan } from '../../../shared/money.ts';

/** Names of card fields as the ledger records them (camelCase keys of before/after). */
export const CARD_FIELD_LABELS: Record<string, readonly [string, string]> = {
  cardNo: ['卡片编号', 'Card no.'], unitId: ['产权单位', 'Owner unit'], name: ['资产名称', 'Name'], categoryId: ['资产分类', 'Category'],
  spec: ['规格型号', 'Spec'], brand: ['品牌', 'Brand'], serialNo: ['序列号', 'Serial no.'], quantity: ['数量', 'Quantity'],
  measureUnit: ['计量单位', 'Measure unit'], originalValueFen: ['原值', 'Original value'], fundingSource: ['资金来源', 'Funding source'],
  acquisitionMethod: ['取得方式', 'Acquisition method'], acquiredOn: ['取得日期', 'Acquired on'], postedOn: ['入账日期', 'Posted on'],
  inUseOn: ['投入使用日期', 'In use since'], voucherNo: ['凭证号', 'Voucher no.'], supplier: ['供应商', 'Supplier'],
  warrantyUntil: ['保修截止', 'Warranty until'], usefulLifeMonths: ['使用年限（月）', 'Useful life (months)'],
  depreciationMethod: ['折旧方法', 'Depreciation method'], totalWorkload: ['预计总工作量', 'Total workload'],
  accumulatedDepreciationFen: ['累计折旧', 'Accumulated depreciation'], netValueFen: ['净值', 'Net value'], status: ['状态', 'Status'],
  useMode: ['使用方式', 'Use mode'], counterparty: ['对方单位', 'Counterparty'], managingUnitId: ['管理单位', 'Managing unit'],
  usingUnitId: ['使用单位', 'Using unit'], usingDepartmentId: ['使用部门', 'Department'], custodianId: ['保管人', 'Custodian'],
  roomId: ['存放地点', 'Location'], attributes: ['扩展属性', 'Attributes'], disposedOn: ['处置日期', 'Disposed on'],
  disposalMethod: ['处置方式', 'Disposal method'], sourceDocumentId: ['来源单据', 'Source document'],
  attachmentId: ['附件', 'Attachment'], fileName: ['文件名', 'File name'], kind: ['类别', 'Kind'], sha256: ['SHA-256', 'SHA-256'], size: ['大小', 'Size'],
};

const VOCABULARIES: Record<string, Record<string, readonly [string, string]>> = {
  status: CARD_STATUSES, useMode: USE_MODES, acquisitionMethod: ACQUISITION_METHODS, disposalMethod: DISPOSAL_METHODS,
  depreciationMethod: DEPRECIATION_METHODS, fundingSource: FUNDING_SOURCES, kind: ATTACHMENT_KINDS,
};

export const ATTRIBUTE_LABELS: Record<string, readonly [string, string]> = {
  structure: ['结构', 'Structure'], area: ['面积（㎡）', 'Area (m²)'], plateNo: ['车牌号', 'Plate no.'], ip: ['IP 地址', 'IP address'],
  mac: ['MAC 地址', 'MAC address'], rack: ['机柜', 'Rack'], uStart: ['起始 U 位', 'Start U'], uHeight: ['占用 U 数', 'Height (U)'],
};

/** A ledger value as a person reads it: money in yuan, codes by their names, ids shortened. */
export function fieldValueText(field: string, value: unknown, locale: string, names: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && names[value]) return names[value];
  if (field.endsWith('Fen') && typeof value === 'number') return `¥${formatYuan(value)}`;
  const vocab = VOCABULARIES[field];
  if (vocab && typeof value === 'string' && vocab[value]) return label(vocab[value], locale);
  if (field === 'attributes' && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${ATTRIBUTE_LABELS[k] ? label(ATTRIBUTE_LABELS[k], locale) : k}: ${k === 'structure' && typeof v === 'string' && v in BUILDING_STRUCTURES ? label(BUILDING_STRUCTURES[v as keyof typeof BUILDING_STRUCTURES], locale) : String(v)}`)
      .join('，') || '—';
  }
  if (typeof value === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(value)) return value.slice(0, 8);
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export const fieldLabel = (field: string, locale: string) => (CARD_FIELD_LABELS[field] ? label(CARD_FIELD_LABELS[field], locale) : field);
export const eventLabel = (type: string, locale: string) => {
  const pair = (CARD_EVENT_TYPES as Record<string, readonly [string, string]>)[type];
  return pair ? label(pair, locale) : type;
};
