import ExcelJS from 'exceljs';
import {
  ATTRIBUTE_SETS,
  AttributeSet,
  CATEGORY_ASSET_KINDS,
  Edition,
  IMPORT_COLUMNS,
  type AttributeSet as AttributeSetT,
  type CategoryAssetKind as CategoryAssetKindT,
  type Edition as EditionT,
} from '../../../shared/catalog.contracts.ts';
import { AppError } from '../../platform/errors.ts';
import { codeHint, editionOf, parseCode, pathOf } from './category.codes.ts';

/** One category row from a file (the reference trees or a user's import), checked and normalised. */
export interface CategoryRow {
  row: number;
  edition: EditionT;
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  path: string;
  usefulLifeMonths: number | null;
  depreciable: boolean;
  capitalizationThresholdFen: number;
  attributeSet: AttributeSetT;
  measureUnit: string;
  assetKind: CategoryAssetKindT;
  batchFixed: boolean;
}

export interface RowError {
  row: number;
  code: string;
  errors: Record<string, string>;
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF); lines starting with '#' before the header are comments. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === ''));
}

export async function readXlsx(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new AppError('bad_file', '无法读取 Excel 文件');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('bad_file', 'Excel 文件没有工作表');
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const values = (r.values as unknown[]).slice(1);
    rows.push(
      values.map((v) =>
        v == null ? '' : typeof v === 'object' && 'text' in (v as object) ? String((v as { text: unknown }).text) : String(v),
      ),
    );
  });
  return rows;
}

const TRUE = new Set(['true', '1', 'y', 'yes', '是', '折旧', '计提']);
const FALSE = new Set(['false', '0', 'n', 'no', '否', '不折旧', '不计提']);
const attributeByLabel = new Map<string, AttributeSetT>(
  Object.entries(ATTRIBUTE_SETS).flatMap(([k, [zh, en]]) => [
    [k, k as AttributeSetT],
    [zh, k as AttributeSetT],
    [en.toLowerCase(), k as AttributeSetT],
  ]),
);

/** Maps a header (English or Chinese column names) to column indexes; unknown headers are ignored. */
function headerIndex(header: string[]): Record<string, number> {
  const idx: Record<string, number> = {};
  header.forEach((h, i) => {
    const name = h.trim().toLowerCase();
    for (const [en, zh] of IMPORT_COLUMNS) if (name === en || name === zh.toLowerCase()) idx[en] = i;
  });
  return idx;
}

/**
 * Turns the rows of a file (header first) into checked category rows and per-row errors. Only the
 * shape of each row is checked here; parents and duplicates are checked against the database too.
 */
export function rowsToCategories(table: string[][], defaultEdition?: EditionT): { rows: CategoryRow[]; errors: RowError[] } {
  const lines = table.filter((r) => !(r[0] ?? '').trim().startsWith('#'));
  if (lines.length === 0) throw new AppError('bad_file', '文件为空');
  const idx = headerIndex(lines[0]);
  if (idx.code === undefined || idx.name === undefined) {
    throw new AppError('bad_file', '缺少表头：至少需要 code(编码) 与 name(名称) 两列', { header: 'code, name' });
  }
  const rows: CategoryRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((cells, i) => {
    const rowNo = i + 2; // 1-based, after the header, as a spreadsheet shows it
    const get = (k: string) => (idx[k] === undefined ? '' : (cells[idx[k]] ?? '').trim());
    const code = get('code').toUpperCase();
    const errs: Record<string, string> = {};
    const editionRaw = get('edition') || defaultEdition || editionOf(code) || '';
    const edition = Edition.safeParse(editionRaw);
    if (!edition.success) errs.edition = '版本须为 2010 或 2022';
    const ed = edition.success ? edition.data : '2010';
    const parsed = edition.success ? parseCode(ed, code) : null;
    if (!code) errs.code = '编码必填';
    else if (edition.success && !parsed) errs.code = `编码格式不符：${codeHint(ed)}`;
    const name = get('name');
    if (!name) errs.name = '名称必填';
    else if (name.length > 100) errs.name = '名称过长';
    const parentCode = get('parent_code').toUpperCase() || null;
    if (parsed && parentCode !== null && parentCode !== parsed.parentCode) {
      errs.parent_code = parsed.parentCode ? `上级编码应为 ${parsed.parentCode}` : '顶级分类没有上级';
    }
    const lifeRaw = get('useful_life_months');
    const life = lifeRaw === '' ? null : Number(lifeRaw);
    if (life !== null && !(Number.isInteger(life) && life > 0 && life <= 1200))
      errs.useful_life_months = '使用年限须为 1–1200 的整数（月）';
    const depRaw = get('depreciable').toLowerCase();
    const depreciable = depRaw === '' ? true : TRUE.has(depRaw) ? true : FALSE.has(depRaw) ? false : null;
    if (depreciable === null) errs.depreciable = '是否折旧须为 true/false 或 是/否';
    const thrRaw = get('capitalization_threshold_fen');
    const threshold = thrRaw === '' ? 100000 : Number(thrRaw);
    if (!(Number.isInteger(threshold) && threshold >= 0)) errs.capitalization_threshold_fen = '资本化标准须为非负整数（分）';
    const attrRaw = get('attribute_set');
    const attributeSet = attrRaw === '' ? 'none' : (attributeByLabel.get(attrRaw.toLowerCase()) ?? attributeByLabel.get(attrRaw));
    if (!attributeSet || !AttributeSet.safeParse(attributeSet).success) errs.attribute_set = '属性集须为 none/building/vehicle/it/land';
    const kindRaw = get('asset_kind').toLowerCase();
    const assetKind =
      kindRaw === ''
        ? 'fixed'
        : (Object.entries(CATEGORY_ASSET_KINDS).find(
            ([k, [zh, en]]) => kindRaw === k || kindRaw === zh || kindRaw === en.toLowerCase(),
          )?.[0] as CategoryAssetKindT | undefined);
    if (!assetKind) errs.asset_kind = '资产类型须为 fixed/intangible 或 固定资产/无形资产';
    const batchRaw = get('batch_fixed').toLowerCase();
    const batchFixed = batchRaw === '' ? false : TRUE.has(batchRaw) ? true : FALSE.has(batchRaw) ? false : null;
    if (batchFixed === null) errs.batch_fixed = '批量计入固定资产须为 true/false 或 是/否';
    const measureUnit = get('measure_unit') || '台';
    if (measureUnit.length > 10) errs.measure_unit = '计量单位过长';
    const key = `${ed}:${code}`;
    if (code && seen.has(key)) errs.code = `与第 ${seen.get(key)} 行重复`;
    else seen.set(key, rowNo);
    if (Object.keys(errs).length) {
      errors.push({ row: rowNo, code, errors: errs });
      return;
    }
    rows.push({
      row: rowNo,
      edition: ed,
      code,
      name,
      parentCode: parsed!.parentCode,
      level: parsed!.level,
      path: pathOf(parsed!, code),
      usefulLifeMonths: life,
      depreciable: depreciable!,
      capitalizationThresholdFen: threshold,
      attributeSet: attributeSet!,
      measureUnit,
      assetKind: assetKind!,
      batchFixed: batchFixed!,
    });
  });
  return { rows, errors };
}
