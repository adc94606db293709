import { sql } from 'drizzle-orm';
import type { CardDetail, CardEventItem } from '../../../shared/assets.contracts.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, queryPrepared, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { CARD_JOINS, CARD_LIST_COLUMNS } from './card.queries.ts';
import { depreciationStatusOf, lifeFloor } from './card.rules.ts';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : new Date(String(v)).toISOString());

/** One card with the names of everything it points to; another unit's card is not found. */
export async function getCardDetail(q: Queryable, actor: Actor, cardId: string): Promise<CardDetail> {
  const scope = unitScope(actor, 'card.read');
  // A prepared statement: its parsing and planning cost PostgreSQL several times its execution.
  const [row] = await queryPrepared<
    CardDetail & { createdAt: unknown; updatedAt: unknown; categoryDepreciable: boolean; catName: string; catLife: number | null }
  >(
    q,
    sql`
    SELECT ${CARD_LIST_COLUMNS},
      cards.funding_source AS "fundingSource", cards.acquisition_method AS "acquisitionMethod",
      cards.in_use_on::text AS "inUseOn", cards.voucher_no AS "voucherNo", cards.supplier,
      cards.warranty_until::text AS "warrantyUntil", cards.useful_life_months AS "usefulLifeMonths",
      cards.depreciation_method AS "depreciationMethod", cards.total_workload AS "totalWorkload",
      cards.counterparty, cards.managing_unit_id AS "managingUnitId",
      (SELECT mu.name FROM units mu WHERE mu.id = cards.managing_unit_id) AS "managingUnitName",
      cards.using_unit_id AS "usingUnitId", (SELECT uu.name FROM units uu WHERE uu.id = cards.using_unit_id) AS "usingUnitName", cards.attributes,
      cat.attribute_set AS "categoryAttributeSet", cards.disposed_on::text AS "disposedOn",
      cards.disposal_method AS "disposalMethod", cards.source_document_id AS "sourceDocumentId",
      cards.value_type AS "valueType", cards.fiscal_funding_fen AS "fiscalFundingFen",
      cards.non_fiscal_funding_fen AS "nonFiscalFundingFen", cards.procurement_form AS "procurementForm",
      cards.asset_use AS "assetUse", cards.manufacturer, cards.origin_country AS "originCountry",
      cards.manufactured_on::text AS "manufacturedOn", cards.contract_no AS "contractNo", cards.invoice_no AS "invoiceNo",
      cat.depreciable AS "categoryDepreciable", cat.name AS "catName", cat.useful_life_months AS "catLife",
      -- 已提折旧月数 = the opening balance's months (when the card carries them) + the months of its entries.
      coalesce((to_jsonb(cards) ->> 'opening_depreciated_months')::int, 0) + coalesce(dep.months, 0) AS "depreciatedMonths",
      dep.monthly AS "monthlyDepreciationFen",
      cards.created_at AS "createdAt", cards.updated_at AS "updatedAt"
    FROM cards ${CARD_JOINS}
      LEFT JOIN LATERAL (
        SELECT sum(e.months)::int AS months,
          (SELECT l.monthly_fen FROM depreciation_entries l WHERE l.card_id = cards.id ORDER BY l.month DESC LIMIT 1)::float8 AS monthly
        FROM depreciation_entries e WHERE e.card_id = cards.id
      ) dep ON true
    WHERE cards.id = ${cardId}::uuid AND ${inScope(sql`cards.unit_id`, scope)}`,
  );
  if (!row) throw notFound('资产卡片');
  const { categoryDepreciable, catName, catLife, ...card } = row;
  const floor = lifeFloor({ name: catName, usefulLifeMonths: catLife, attributeSet: row.categoryAttributeSet }, row.attributes);
  return {
    ...card,
    depreciationStatus: depreciationStatusOf(row, categoryDepreciable),
    lifeFloorMonths: floor?.months ?? null,
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

/** Fields of before/after that hold ids, and where their names live. */
const ID_FIELDS: Record<string, string> = {
  unitId: 'units',
  managingUnitId: 'units',
  usingUnitId: 'units',
  usingDepartmentId: 'departments',
  custodianId: 'staff',
  roomId: 'rooms',
  // Where the books expected a card a count found elsewhere or missed (its count_result event).
  expectedRoomId: 'rooms',
  categoryId: 'categories',
};

/**
 * Names for the ids a timeline's before/after values hold (a custodian, a room …), resolved in one
 * statement so the page shows "张伟 → 李娜" rather than two uuids. Rows since renamed show their current name.
 */
export async function namesForEvents(q: Queryable, events: Pick<CardEventItem, 'before' | 'after'>[]): Promise<Record<string, string>> {
  const ids = new Set<string>();
  for (const e of events) {
    for (const side of [e.before, e.after]) {
      for (const [k, v] of Object.entries(side ?? {})) if (ID_FIELDS[k] && typeof v === 'string') ids.add(v);
    }
  }
  if (ids.size === 0) return {};
  const list = sql.join(
    [...ids].map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await query<{ id: string; name: string }>(
    q,
    sql`
    SELECT id::text, name FROM units WHERE id IN (${list})
    UNION ALL SELECT id::text, name FROM departments WHERE id IN (${list})
    UNION ALL SELECT id::text, name FROM staff WHERE id IN (${list})
    UNION ALL SELECT r.id::text, b.name || ' ' || r.code FROM rooms r JOIN buildings b ON b.id = r.building_id WHERE r.id IN (${list})
    UNION ALL SELECT id::text, code || ' ' || name FROM categories WHERE id IN (${list})`,
  );
  return Object.fromEntries(rows.map((r) => [r.id, r.name]));
}

/** The card's ledger, oldest first, with who acted; another unit's card is not found. */
export async function getCardTimeline(q: Queryable, actor: Actor, cardId: string): Promise<CardEventItem[]> {
  const scope = unitScope(actor, 'card.read');
  const card = await queryOne(q, sql`SELECT 1 FROM cards WHERE id = ${cardId}::uuid AND ${inScope(sql`cards.unit_id`, scope)}`);
  if (!card) throw notFound('资产卡片');
  const rows = await query<CardEventItem & { occurredAt: unknown }>(
    q,
    sql`
    SELECT e.id, e.seq, e.type, e.occurred_at AS "occurredAt", e.actor_id AS "actorId", usr.display_name AS "actorName",
      e.document_id AS "documentId", e.document_type AS "documentType", e.before, e.after, e.note, e.hash
    FROM card_events e LEFT JOIN users usr ON usr.id = e.actor_id
    WHERE e.card_id = ${cardId}::uuid ORDER BY e.seq`,
  );
  return rows.map((r) => ({ ...r, occurredAt: iso(r.occurredAt)! }));
}
