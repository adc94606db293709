import { CARD_IMPORT_COLUMNS, type CardColumn, type ImportError } from '../../../shared/card-io.contracts.ts';
import { DATE_MAX_YEAR, DATE_MIN_YEAR, isCalendarDate } from '../../../shared/dates.ts';
import { FEN_MAX, FEN_MAX_MESSAGE } from '../../../shared/money.ts';
import type { AcquisitionMethod, CardStatus, DepreciationMethod, UseMode } from '../../../shared/assets.enums.ts';
import type { CardDraft } from '../assets/index.ts';
import { checkAttributes, deriveCardBooks } from '../assets/index.ts';
import { roomKey, type ImportLookups } from './card-import.lookups.ts';
import type { RawCell, RawRow } from './card-sheet.reader.ts';

const COL = Object.fromEntries(CARD_IMPORT_COLUMNS.map((c) => [c.key, c])) as Record<string, CardColumn>;

/** Thrown inside a field parser; becomes one {row, column, value, reason}. */
class FieldError extends Error {}

/** Characters of a bad cell quoted in the error report: enough to find it, never the whole cell. */
export const QUOTED_CELL_MAX = 100;

/**
 * The error as reported: a value longer than QUOTED_CELL_MAX + 20 characters is cut to
 * QUOTED_CELL_MAX and says how long it was (a cell may hold megabytes). Applying it twice changes nothing.
 */
export function quotedError(e: ImportError): ImportError {
  if (e.value.length <= QUOTED_CELL_MAX + 20) return e;
  return {
    ...e,
    value: `${Array.from(e.value.slice(0, QUOTED_CELL_MAX * 2))
      .slice(0, QUOTED_CELL_MAX)
      .join('')}…（共 ${e.value.length} 字符）`,
  };
}

export function shownValue(v: RawCell | undefined): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') return v.error;
  return String(v);
}

const isoDate = (d: Date) =>
  `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;

/** The shared calendar rule (src/shared/dates.ts) decides, whatever shape the cell had. */
function calendarDate(s: string): string {
  if (!isCalendarDate(s)) throw new FieldError(`不是有效日期（${DATE_MIN_YEAR}–${DATE_MAX_YEAR} 年）`);
  return s;
}

const validYmd = (y: number, m: number, d: number) =>
  calendarDate(`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

/** Dates typed as dates, as Excel serial numbers, or as text in the usual Chinese office forms. */
export function parseDate(v: RawCell): string {
  if (v instanceof Date) return calendarDate(isoDate(v));
  if (typeof v === 'number') {
    // An unformatted Excel date serial (days since 1899-12-30).
    if (v > 1 && v < 120000 && Number.isInteger(v)) return calendarDate(isoDate(new Date(Date.UTC(1899, 11, 30) + v * 86400000)));
    throw new FieldError('不是有效日期');
  }
  const s = String(v).trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return validYmd(+m[1], +m[2], +m[3]);
  throw new FieldError('日期格式应为 YYYY-MM-DD');
}

/** Yuan → fen: ≥ 0, at most two decimals; "1,234.50" and "¥1234.5" are fine. */
export function parseMoney(v: RawCell): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new FieldError('不是金额');
    // Floating noise from Excel (0.1+0.2) is not a third decimal; a real third decimal is.
    const cents = Math.round(v * 100);
    if (Math.abs(cents - v * 100) > 1e-6) throw new FieldError('金额最多两位小数');
    if (cents < 0) throw new FieldError('金额不能为负');
    if (!Number.isSafeInteger(cents) || cents > FEN_MAX) throw new FieldError(FEN_MAX_MESSAGE);
    return cents;
  }
  const s = String(v)
    .trim()
    .replace(/[,，\s¥￥元]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) throw new FieldError('不是金额');
  if (s.startsWith('-')) throw new FieldError('金额不能为负');
  if (/\.\d{3,}$/.test(s)) throw new FieldError('金额最多两位小数');
  const [int, frac = ''] = s.split('.');
  const fen = Number(int) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(fen) || fen > FEN_MAX) throw new FieldError(FEN_MAX_MESSAGE);
  return fen;
}

function parseBoundedInt(v: RawCell, min: number, max: number): number {
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isInteger(n)) throw new FieldError('应为整数');
  if (n < min || n > max) throw new FieldError(`应在 ${min}–${max} 之间`);
  return n;
}

function parseDecimal(v: RawCell): number {
  const n = typeof v === 'number' ? v : Number(String(v).trim().replace(/[,，]/g, ''));
  if (!Number.isFinite(n) || n < 0) throw new FieldError('应为不小于 0 的数');
  if (Math.abs(Math.round(n * 100) - n * 100) > 1e-6) throw new FieldError('最多两位小数');
  return Math.round(n * 100) / 100;
}

function parseText(v: RawCell, max = 200): string {
  const s = (v instanceof Date ? isoDate(v) : String(v)).trim();
  if (s.includes('\u0000')) throw new FieldError('含有不允许的字符（NUL）');
  if (s.length > max) throw new FieldError(`不超过 ${max} 字`);
  return s;
}

function parseEnum<T extends string>(v: RawCell, column: CardColumn): T {
  const s = String(v).trim();
  for (const [code, [zh, en]] of Object.entries(column.vocabulary ?? {})) {
    if (s === zh || s.toLowerCase() === en.toLowerCase() || s.toLowerCase() === code) return code as T;
  }
  throw new FieldError(
    `可选值：${Object.values(column.vocabulary ?? {})
      .map(([zh]) => zh)
      .join('、')}`,
  );
}

/**
 * Checks one row against the rules and the unit's reference data. Returns the card to write, or the
 * row's errors — every one of them, so a person fixes the file in one pass.
 */
export function validateRow(rowNo: number, raw: RawRow, lk: ImportLookups, today: string): { draft?: CardDraft; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const field = <T>(key: string, parse: (v: RawCell) => T): T | null => {
    const v = raw[key] ?? null;
    const column = COL[key];
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      errors.push({ row: rowNo, column: column.zh, value: v.error, reason: '单元格是错误值（公式出错）' });
      return null;
    }
    if (v === null) {
      if (column.required) errors.push({ row: rowNo, column: column.zh, value: '', reason: '必填' });
      return null;
    }
    try {
      return parse(v);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      errors.push({ row: rowNo, column: column.zh, value: shownValue(v), reason: err.message });
      return null;
    }
  };
  const fail = (key: string, reason: string) => errors.push({ row: rowNo, column: COL[key].zh, value: shownValue(raw[key]), reason });
  const text = (key: string, max?: number) => field(key, (v) => parseText(v, max) || null);
  const date = (key: string) => field(key, parseDate);

  const name = text('name');
  const category = field('categoryCode', (v) => {
    const c = lk.categories.get(String(v).trim().toUpperCase());
    if (!c) throw new FieldError('分类代码不存在（2010 版和 2022 版中都没有）');
    return c;
  });
  const quantity = field('quantity', (v) => parseBoundedInt(v, 1, 1_000_000)) ?? 1;
  const originalValueFen = field('originalValue', parseMoney);
  const accumulatedDepreciationFen = field('accumulatedDepreciation', parseMoney) ?? 0;
  if (originalValueFen !== null && accumulatedDepreciationFen > originalValueFen) fail('accumulatedDepreciation', '累计折旧不得大于原值');
  const fundingSource = field('fundingSource', (v) => parseEnum<string>(v, COL.fundingSource));
  const acquisitionMethod = field('acquisitionMethod', (v) => parseEnum<AcquisitionMethod>(v, COL.acquisitionMethod));
  const acquiredOn = date('acquiredOn');
  if (acquiredOn && acquiredOn > today) fail('acquiredOn', '取得日期不能晚于今天');
  const status =
    field('status', (v) => {
      const s = parseEnum<CardStatus>(v, COL.status);
      if (s === 'disposed') throw new FieldError('已处置的资产不作为期初卡片导入');
      return s;
    }) ?? 'in_use';
  let postedOn = date('postedOn');
  if (postedOn && acquiredOn && postedOn < acquiredOn) fail('postedOn', '入账日期不能早于取得日期');
  if (!postedOn && status !== 'pending_posting') postedOn = acquiredOn;
  const inUseOn = date('inUseOn');
  const warrantyUntil = date('warrantyUntil');
  const usefulLifeGiven = field('usefulLifeMonths', (v) => parseBoundedInt(v, 1, 1200));
  const openingDepreciatedMonths = field('openingDepreciatedMonths', (v) => parseBoundedInt(v, 0, 1200));
  const methodGiven = field('depreciationMethod', (v) => parseEnum<DepreciationMethod>(v, COL.depreciationMethod));
  const useMode = field('useMode', (v) => parseEnum<UseMode>(v, COL.useMode)) ?? 'self_use';
  const usingDepartmentId = field('department', (v) => {
    const id = lk.departments.get(String(v).trim());
    if (!id) throw new FieldError('本单位没有这个处室');
    return id;
  });
  let custodianId = field('custodianNo', (v) => {
    const id = lk.staffByNo.get(String(v).trim());
    if (!id) throw new FieldError('本单位没有这个工号');
    return id;
  });
  const byName = field('custodianName', (v) => {
    const ids = lk.staffByName.get(String(v).trim()) ?? [];
    if (ids.length === 0) throw new FieldError('本单位没有这个人员');
    if (ids.length > 1 && !raw.custodianNo) throw new FieldError('本单位有重名人员，请填写保管人工号');
    return ids[0];
  });
  custodianId ??= byName;
  const roomId = field('location', (v) => {
    const parts = String(v).trim().split(/[/／]/);
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p.trim()))
      throw new FieldError('格式应为 楼宇/房间号（如 A/301）或 办公区代码/楼宇/房间号（如 C01/A/301）');
    const ids = lk.rooms.get(roomKey(...parts)) ?? [];
    if (ids.length === 0) throw new FieldError('找不到该房间（须为本单位或未分配的房间）');
    if (ids.length > 1) throw new FieldError('多个办公区有同名楼宇和房间，请写成 办公区代码/楼宇/房间号');
    return ids[0];
  });

  const attributes: Record<string, unknown> = {};
  const structure = field('structure', (v) => parseEnum<string>(v, COL.structure));
  if (structure) attributes.structure = structure;
  const area = field('area', parseDecimal);
  if (area !== null) attributes.area = area;
  const plateNo = text('plateNo', 20);
  if (plateNo) attributes.plateNo = plateNo;
  const ip = field('ip', (v) => {
    const s = String(v).trim();
    const parts = s.split('.');
    if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw new FieldError('不是有效的 IPv4 地址');
    return s;
  });
  if (ip) attributes.ip = ip;
  const mac = field('mac', (v) => {
    const s = String(v).trim().toUpperCase().replace(/-/g, ':');
    if (!/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/.test(s)) throw new FieldError('不是有效的 MAC 地址');
    return s;
  });
  if (mac) attributes.mac = mac;
  const note = text('note', 500);
  if (note) attributes.note = note;
  // The Ministry's building, land and vehicle fields, kept in attributes under the column's key.
  for (const c of CARD_IMPORT_COLUMNS) {
    if (!c.attr) continue;
    const v = field(c.key, (x) =>
      c.kind === 'enum'
        ? parseEnum<string>(x, c)
        : c.kind === 'int'
          ? parseBoundedInt(x, 0, 10_000)
          : c.kind === 'decimal'
            ? parseDecimal(x)
            : c.kind === 'date'
              ? parseDate(x)
              : parseText(x, 200) || null,
    );
    if (v !== null) attributes[c.key] = c.key === 'vin' && typeof v === 'string' ? v.toUpperCase() : v;
  }
  const valueType = field('valueType', (v) => parseEnum<string>(v, COL.valueType));
  const fiscalFundingFen = field('fiscalFunding', parseMoney);
  const nonFiscalFundingFen = field('nonFiscalFunding', parseMoney);
  const procurementForm = field('procurementForm', (v) => parseEnum<string>(v, COL.procurementForm));
  const assetUse =
    field('assetUse', (v) => parseEnum<string>(v, COL.assetUse)) ??
    (useMode === 'rented' ? 'rented' : useMode === 'lent' ? 'lent' : 'self_use');
  const manufacturedOn = date('manufacturedOn');
  if (manufacturedOn && manufacturedOn > today) fail('manufacturedOn', '出厂日期不能晚于今天');
  const manufacturer = text('manufacturer');
  const originCountry = text('originCountry', 100);
  const contractNo = text('contractNo', 64);
  const invoiceNo = text('invoiceNo', 64);

  // The book rules (card.rules.ts), the same as the card service's: attribute set, lives and
  // exemptions, the threshold, the funding split. Their field names map back to the file's columns.
  const ruleErrors: Record<string, string> = {};
  let books: ReturnType<typeof deriveCardBooks> | null = null;
  if (category && originalValueFen !== null) {
    if (quantity > 1 && category.attributeSet !== 'none') ruleErrors.quantity = '房屋、车辆、信息设备须一物一卡';
    checkAttributes(category.attributeSet, attributes, ruleErrors, today);
    books = deriveCardBooks(
      category,
      {
        originalValueFen,
        quantity,
        valueType: valueType as never,
        depreciationMethod: methodGiven ?? undefined,
        attributes,
        usefulLifeMonths: usefulLifeGiven,
        fiscalFundingFen,
        nonFiscalFundingFen,
        fundingSource: fundingSource as never,
      },
      ruleErrors,
    );
  }
  const RULE_COLUMN: Record<string, string> = {
    categoryId: 'categoryCode',
    originalValueFen: 'originalValue',
    fiscalFundingFen: 'fiscalFunding',
    nonFiscalFundingFen: 'nonFiscalFunding',
  };
  for (const [k, reason] of Object.entries(ruleErrors)) {
    const key = k.startsWith('attributes.') ? k.slice('attributes.'.length) : (RULE_COLUMN[k] ?? k);
    if (COL[key]) fail(key, reason);
    else errors.push({ row: rowNo, column: COL.categoryCode.zh, value: shownValue(raw.categoryCode), reason });
  }

  const spec = text('spec');
  const brand = text('brand', 100);
  const serialNo = text('serialNo', 100);
  const measureUnit = text('measureUnit', 10);
  const voucherNo = text('voucherNo', 100);
  const supplier = text('supplier');
  const counterparty = text('counterparty');

  if (errors.length || !name || !category || originalValueFen === null || !acquisitionMethod || !acquiredOn || !books) return { errors };
  return {
    errors,
    draft: {
      name,
      categoryId: category.id,
      spec,
      brand,
      serialNo,
      quantity,
      measureUnit: measureUnit ?? category.measureUnit,
      originalValueFen,
      accumulatedDepreciationFen,
      fundingSource,
      acquisitionMethod,
      acquiredOn,
      postedOn,
      inUseOn,
      voucherNo,
      supplier,
      warrantyUntil,
      usefulLifeMonths: books.usefulLifeMonths,
      openingDepreciatedMonths,
      depreciationMethod: books.depreciationMethod as DepreciationMethod,
      status,
      useMode,
      counterparty,
      usingDepartmentId,
      custodianId,
      roomId,
      attributes,
      assetKind: books.assetKind,
      valueType: valueType ?? 'original',
      fiscalFundingFen: books.fiscalFundingFen,
      nonFiscalFundingFen: books.nonFiscalFundingFen,
      procurementForm,
      assetUse,
      manufacturer,
      originCountry,
      manufacturedOn,
      contractNo,
      invoiceNo,
    },
  };
}
