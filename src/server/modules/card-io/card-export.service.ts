import { sql } from 'drizzle-orm';
import type { CardFilter } from '../../../shared/assets.contracts.ts';
import { CARD_EXPORT_EXTRA, CARD_IMPORT_COLUMNS, type CardColumn } from '../../../shared/card-io.contracts.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { cardFilterWhere } from '../assets/index.ts';
import { XlsxStreamWriter, type XlsxColumn } from './xlsx-stream.writer.ts';

interface ExportRow {
  card_no: string;
  unit_name: string;
  name: string;
  category_code: string;
  category_name: string;
  spec: string | null;
  brand: string | null;
  serial_no: string | null;
  quantity: number;
  measure_unit: string;
  original_value_fen: number;
  accumulated_depreciation_fen: number;
  net_value_fen: number;
  funding_source: string | null;
  acquisition_method: string;
  acquired_on: string;
  posted_on: string | null;
  in_use_on: string | null;
  voucher_no: string | null;
  supplier: string | null;
  warranty_until: string | null;
  useful_life_months: number | null;
  depreciation_method: string;
  status: string;
  use_mode: string;
  counterparty: string | null;
  department: string | null;
  custodian_no: string | null;
  custodian_name: string | null;
  location: string | null;
  attributes: Record<string, unknown> | null;
  value_type: string;
  fiscal_funding_fen: number | null;
  non_fiscal_funding_fen: number | null;
  procurement_form: string | null;
  asset_use: string;
  manufacturer: string | null;
  origin_country: string | null;
  manufactured_on: string | null;
  contract_no: string | null;
  invoice_no: string | null;
}

const BATCH = 5000;

const zhOf = (c: CardColumn, code: unknown) => (code == null ? null : (c.vocabulary?.[String(code)]?.[0] ?? String(code)));

/** One spreadsheet row in the template's column order, so an export can be edited and imported elsewhere. */
function cells(r: ExportRow): Record<string, unknown> {
  const a = r.attributes ?? {};
  const byKey: Record<string, unknown> = {
    name: r.name,
    categoryCode: r.category_code,
    spec: r.spec,
    brand: r.brand,
    serialNo: r.serial_no,
    quantity: r.quantity,
    measureUnit: r.measure_unit,
    originalValue: r.original_value_fen / 100,
    accumulatedDepreciation: r.accumulated_depreciation_fen / 100,
    fundingSource: r.funding_source,
    acquisitionMethod: r.acquisition_method,
    acquiredOn: r.acquired_on,
    postedOn: r.posted_on,
    inUseOn: r.in_use_on,
    voucherNo: r.voucher_no,
    supplier: r.supplier,
    warrantyUntil: r.warranty_until,
    usefulLifeMonths: r.useful_life_months,
    depreciationMethod: r.depreciation_method,
    status: r.status,
    useMode: r.use_mode,
    counterparty: r.counterparty,
    department: r.department,
    custodianNo: r.custodian_no,
    custodianName: r.custodian_name,
    location: r.location,
    note: a.note ?? null,
    structure: a.structure ?? null,
    area: a.area ?? null,
    plateNo: a.plateNo ?? null,
    ip: a.ip ?? null,
    mac: a.mac ?? null,
    valueType: r.value_type,
    // Written outside the card service without a split: all 财政拨款.
    fiscalFunding: (r.fiscal_funding_fen ?? r.original_value_fen - (r.non_fiscal_funding_fen ?? 0)) / 100,
    nonFiscalFunding: (r.non_fiscal_funding_fen ?? 0) / 100,
    procurementForm: r.procurement_form,
    assetUse: r.asset_use,
    manufacturer: r.manufacturer,
    originCountry: r.origin_country,
    manufacturedOn: r.manufactured_on,
    contractNo: r.contract_no,
    invoiceNo: r.invoice_no,
  };
  for (const c of CARD_IMPORT_COLUMNS) if (c.attr) byKey[c.key] = a[c.key] ?? null;
  const out: Record<string, unknown> = {
    cardNo: r.card_no,
    unit: r.unit_name,
    categoryName: r.category_name,
    netValue: r.net_value_fen / 100,
  };
  for (const c of CARD_IMPORT_COLUMNS) {
    const v = byKey[c.key];
    out[c.key] = c.kind === 'enum' ? zhOf(c, v) : v;
  }
  return out;
}

export async function countForExport(q: Queryable, filter: CardFilter, scope: 'all' | string[]): Promise<number> {
  const row = await queryOne<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM cards WHERE ${cardFilterWhere(filter, scope)}`);
  return row?.n ?? 0;
}

/**
 * Writes the cards matching the filter, within the scope, to an .xlsx file: keyset pages of 5,000
 * by card number from the database, each row streamed into the file, so memory stays flat whether
 * the export has ten rows or a million.
 */
export async function exportCards(
  q: Queryable,
  file: string,
  filter: CardFilter,
  scope: 'all' | string[],
  progress?: (written: number, total: number) => void,
): Promise<{ rows: number }> {
  const total = await countForExport(q, filter, scope);
  progress?.(0, total);
  const keys = ['cardNo', 'unit', ...CARD_IMPORT_COLUMNS.map((c) => c.key), 'categoryName', 'netValue'];
  const writer = await XlsxStreamWriter.create(file, '资产卡片', [
    { header: CARD_EXPORT_EXTRA.cardNo.zh, width: 20 },
    { header: CARD_EXPORT_EXTRA.unit.zh, width: 20 },
    ...CARD_IMPORT_COLUMNS.map(
      (c): XlsxColumn => ({
        header: c.zh,
        width: c.width ?? 14,
        style: c.kind === 'money' ? 'money' : c.kind === 'date' ? 'date' : c.kind === 'int' || c.kind === 'decimal' ? 'number' : 'text',
      }),
    ),
    { header: CARD_EXPORT_EXTRA.categoryName.zh, width: 24 },
    { header: CARD_EXPORT_EXTRA.netValue.zh, width: 14, style: 'money' },
  ]);
  const where = cardFilterWhere(filter, scope);
  let last = '';
  let written = 0;
  for (;;) {
    const rows = await query<ExportRow>(
      q,
      sql`
      SELECT cards.card_no, u.name AS unit_name, cards.name, cat.code AS category_code, cat.name AS category_name, cards.spec,
        cards.brand, cards.serial_no, cards.quantity, cards.measure_unit, cards.original_value_fen, cards.accumulated_depreciation_fen,
        cards.net_value_fen, cards.funding_source, cards.acquisition_method, cards.acquired_on::text AS acquired_on,
        cards.posted_on::text AS posted_on, cards.in_use_on::text AS in_use_on, cards.voucher_no, cards.supplier,
        cards.warranty_until::text AS warranty_until, cards.useful_life_months, cards.depreciation_method, cards.status,
        cards.use_mode, cards.counterparty, d.name AS department, s.employee_no AS custodian_no, s.name AS custodian_name,
        CASE WHEN r.id IS NULL THEN NULL ELSE co.code || '/' || b.code || '/' || r.code END AS location, cards.attributes,
        cards.value_type, cards.fiscal_funding_fen, cards.non_fiscal_funding_fen, cards.procurement_form, cards.asset_use,
        cards.manufacturer, cards.origin_country, cards.manufactured_on::text AS manufactured_on, cards.contract_no, cards.invoice_no
      FROM cards
      JOIN units u ON u.id = cards.unit_id
      JOIN categories cat ON cat.id = cards.category_id
      LEFT JOIN departments d ON d.id = cards.using_department_id
      LEFT JOIN staff s ON s.id = cards.custodian_id
      LEFT JOIN rooms r ON r.id = cards.room_id
      LEFT JOIN buildings b ON b.id = r.building_id
      LEFT JOIN compounds co ON co.id = r.compound_id
      WHERE ${where} AND cards.card_no > ${last}
      ORDER BY cards.card_no LIMIT ${BATCH}`,
    );
    for (const r of rows) {
      const c = cells(r);
      await writer.addRow(keys.map((k) => c[k]));
    }
    written += rows.length;
    progress?.(written, Math.max(total, written));
    if (rows.length < BATCH) break;
    last = rows[rows.length - 1].card_no;
  }
  await writer.close();
  return { rows: written };
}
