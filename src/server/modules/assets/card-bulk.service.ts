import { sql } from 'drizzle-orm';
import type { Fen } from '../../../shared/money.ts';
import type { AcquisitionMethod, CardEventType, CardStatus, DepreciationMethod, UseMode } from '../../../shared/assets.enums.ts';
import { query, type Tx } from '../../platform/db/engine.ts';
import { allocateCardNumbers } from './card-number.service.ts';
import { businessYear } from '../../platform/clock.ts';

/** A card ready to be written: codes, ids and fen, already validated by the caller. */
export interface CardDraft {
  name: string;
  categoryId: string;
  spec: string | null;
  brand: string | null;
  serialNo: string | null;
  quantity: number;
  measureUnit: string;
  originalValueFen: Fen;
  accumulatedDepreciationFen: Fen;
  fundingSource: string | null;
  acquisitionMethod: AcquisitionMethod;
  acquiredOn: string;
  postedOn: string | null;
  inUseOn: string | null;
  voucherNo: string | null;
  supplier: string | null;
  warrantyUntil: string | null;
  usefulLifeMonths: number | null;
  /** 已提折旧月数 of an opening balance; null: the opening-balance trigger counts them from posting. */
  openingDepreciatedMonths?: number | null;
  depreciationMethod: DepreciationMethod;
  status: CardStatus;
  useMode: UseMode;
  counterparty: string | null;
  usingDepartmentId: string | null;
  custodianId: string | null;
  roomId: string | null;
  attributes: Record<string, unknown>;
  // The card's kind and the Ministry's card (card.rules.ts deriveCardBooks gives kind, method and
  // funding). Left out: a fixed asset at historical cost, all 财政拨款.
  assetKind?: string;
  valueType?: string;
  fiscalFundingFen?: Fen;
  nonFiscalFundingFen?: Fen;
  procurementForm?: string | null;
  assetUse?: string;
  manufacturer?: string | null;
  originCountry?: string | null;
  manufacturedOn?: string | null;
  contractNo?: string | null;
  invoiceNo?: string | null;
}

export interface BulkRegistration {
  unitId: string;
  drafts: CardDraft[];
  /** The document behind the cards (for an import: its job id); recorded on cards and events. */
  documentId: string;
  documentType: string;
  actorId: string | null;
  eventType?: CardEventType;
  note?: string;
  /** Rows per statement: large enough to be few statements, small enough to keep each one light. */
  chunkSize?: number;
  onProgress?: (written: number) => void;
}

/**
 * Registers many cards in the caller's transaction, set-based: one card-number reservation for the
 * whole batch, then per chunk ONE statement that inserts the cards and their ledger events together
 * (the chain trigger fills seq and hashes). Never a statement per row: 100,000 cards are ~50 statements.
 * The event's `after` is the card as registered, keyed like registerCard's, so a timeline reads
 * every opening registration the same way.
 */
export async function registerCardsBulk(
  tx: Tx,
  b: BulkRegistration,
): Promise<{ count: number; firstCardNo: string | null; lastCardNo: string | null }> {
  const n = b.drafts.length;
  if (n === 0) return { count: 0, firstCardNo: null, lastCardNo: null };
  const numbers = await allocateCardNumbers(tx, b.unitId, businessYear(), n);
  const chunk = b.chunkSize ?? 2000;
  for (let start = 0; start < n; start += chunk) {
    const rows = b.drafts.slice(start, start + chunk).map((d, i) => ({
      card_no: numbers[start + i],
      name: d.name,
      category_id: d.categoryId,
      spec: d.spec,
      brand: d.brand,
      serial_no: d.serialNo,
      quantity: d.quantity,
      measure_unit: d.measureUnit,
      original_value_fen: d.originalValueFen,
      accumulated_depreciation_fen: d.accumulatedDepreciationFen,
      funding_source: d.fundingSource,
      acquisition_method: d.acquisitionMethod,
      acquired_on: d.acquiredOn,
      posted_on: d.postedOn,
      in_use_on: d.inUseOn,
      voucher_no: d.voucherNo,
      supplier: d.supplier,
      warranty_until: d.warrantyUntil,
      useful_life_months: d.usefulLifeMonths,
      opening_depreciated_months: d.openingDepreciatedMonths ?? null,
      depreciation_method: d.depreciationMethod,
      status: d.status,
      use_mode: d.useMode,
      counterparty: d.counterparty,
      using_department_id: d.usingDepartmentId,
      custodian_id: d.custodianId,
      room_id: d.roomId,
      attributes: d.attributes,
      asset_kind: d.assetKind ?? 'fixed',
      value_type: d.valueType ?? 'original',
      fiscal_funding_fen: d.fiscalFundingFen ?? d.originalValueFen - (d.nonFiscalFundingFen ?? 0),
      non_fiscal_funding_fen: d.nonFiscalFundingFen ?? 0,
      procurement_form: d.procurementForm ?? null,
      asset_use: d.assetUse ?? 'self_use',
      manufacturer: d.manufacturer ?? null,
      origin_country: d.originCountry ?? null,
      manufactured_on: d.manufacturedOn ?? null,
      contract_no: d.contractNo ?? null,
      invoice_no: d.invoiceNo ?? null,
    }));
    await query(
      tx,
      sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
          card_no text, name text, category_id uuid, spec text, brand text, serial_no text, quantity int,
          measure_unit text, original_value_fen bigint, accumulated_depreciation_fen bigint, funding_source text,
          acquisition_method text, acquired_on date, posted_on date, in_use_on date, voucher_no text, supplier text,
          warranty_until date, useful_life_months int, depreciation_method text, status text, use_mode text,
          counterparty text, using_department_id uuid, custodian_id uuid, room_id uuid, attributes jsonb,
          asset_kind text, value_type text, fiscal_funding_fen bigint, non_fiscal_funding_fen bigint, procurement_form text,
          asset_use text, manufacturer text, origin_country text, manufactured_on date, contract_no text, invoice_no text,
          opening_depreciated_months int)
      ), ins AS (
        INSERT INTO cards (card_no, unit_id, name, category_id, spec, brand, serial_no, quantity, measure_unit,
          original_value_fen, accumulated_depreciation_fen, funding_source, acquisition_method, acquired_on, posted_on,
          in_use_on, voucher_no, supplier, warranty_until, useful_life_months, depreciation_method, status, use_mode,
          counterparty, managing_unit_id, using_unit_id, using_department_id, custodian_id, room_id, attributes,
          source_document_id, asset_kind, value_type, fiscal_funding_fen, non_fiscal_funding_fen, procurement_form,
          asset_use, manufacturer, origin_country, manufactured_on, contract_no, invoice_no, opening_depreciated_months)
        SELECT card_no, ${b.unitId}::uuid, name, category_id, spec, brand, serial_no, quantity, measure_unit,
          original_value_fen, accumulated_depreciation_fen, funding_source, acquisition_method, acquired_on, posted_on,
          in_use_on, voucher_no, supplier, warranty_until, useful_life_months, depreciation_method, status, use_mode,
          counterparty, ${b.unitId}::uuid, ${b.unitId}::uuid, using_department_id, custodian_id, room_id,
          coalesce(attributes, '{}'::jsonb), ${b.documentId}::uuid, asset_kind, value_type, fiscal_funding_fen,
          non_fiscal_funding_fen, procurement_form, asset_use, manufacturer, origin_country, manufactured_on, contract_no, invoice_no,
          opening_depreciated_months
        FROM input ORDER BY card_no
        RETURNING *
      )
      INSERT INTO card_events (card_id, unit_id, type, document_id, document_type, actor_id, after, note)
      SELECT ins.id, ins.unit_id, ${b.eventType ?? 'opening_registration'}, ${b.documentId}::uuid, ${b.documentType},
        ${b.actorId}::uuid,
        jsonb_build_object('cardNo', ins.card_no, 'unitId', ins.unit_id, 'name', ins.name, 'categoryId', ins.category_id,
          'spec', ins.spec, 'brand', ins.brand, 'serialNo', ins.serial_no, 'quantity', ins.quantity,
          'measureUnit', ins.measure_unit, 'originalValueFen', ins.original_value_fen, 'fundingSource', ins.funding_source,
          'acquisitionMethod', ins.acquisition_method, 'acquiredOn', ins.acquired_on::text, 'postedOn', ins.posted_on::text,
          'inUseOn', ins.in_use_on::text, 'voucherNo', ins.voucher_no, 'supplier', ins.supplier,
          'warrantyUntil', ins.warranty_until::text, 'usefulLifeMonths', ins.useful_life_months,
          'depreciationMethod', ins.depreciation_method, 'totalWorkload', ins.total_workload,
          'accumulatedDepreciationFen', ins.accumulated_depreciation_fen, 'netValueFen', ins.net_value_fen, 'status', ins.status,
          'useMode', ins.use_mode, 'counterparty', ins.counterparty, 'managingUnitId', ins.managing_unit_id,
          'usingUnitId', ins.using_unit_id, 'usingDepartmentId', ins.using_department_id, 'custodianId', ins.custodian_id,
          'roomId', ins.room_id, 'attributes', ins.attributes, 'disposedOn', ins.disposed_on::text,
          'disposalMethod', ins.disposal_method, 'sourceDocumentId', ins.source_document_id)
          || jsonb_build_object('assetKind', ins.asset_kind, 'valueType', ins.value_type, 'fiscalFundingFen', ins.fiscal_funding_fen,
          'nonFiscalFundingFen', ins.non_fiscal_funding_fen, 'procurementForm', ins.procurement_form, 'assetUse', ins.asset_use,
          'manufacturer', ins.manufacturer, 'originCountry', ins.origin_country, 'manufacturedOn', ins.manufactured_on::text,
          'contractNo', ins.contract_no, 'invoiceNo', ins.invoice_no),
        ${b.note ?? null}
      FROM ins ORDER BY ins.card_no`,
    );
    b.onProgress?.(Math.min(n, start + chunk));
  }
  return { count: n, firstCardNo: numbers[0], lastCardNo: numbers[n - 1] };
}
