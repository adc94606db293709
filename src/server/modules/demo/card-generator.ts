import { sql } from 'drizzle-orm';
import { businessMonth, businessDayOf, businessInstantSql } from '../../platform/clock.ts';
import { monthFromIndex, monthIndex } from '../finance/index.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { DEMO_MODELS } from './demo-models.ts';

/**
 * The one card generator, for the demo data (≈20,000 cards) and the benchmark (1,000,000 cards,
 * ≈5,000,000 events). Everything is set-based: each batch is a handful of INSERT … SELECT over
 * generate_series, with pseudo-random choices taken from hashes of the series number, so a run is
 * the same every time and never loops over rows in JavaScript.
 *
 * The ledger is written the way the trigger of migrations/post/010_card_ledger.sql would write it
 * (seq from 1, first prev_hash 64 zeros, hash = card_event_hash(...)), but level by level for all
 * cards of a batch at once, with the row trigger disabled inside the batch's transaction: one
 * trigger call per event (a lookup of the previous event each time) is far too slow for millions.
 */
export interface GenerateOptions {
  cards: number;
  /** Owner units by code; default every unit of kind 'unit'. */
  unitCodes?: string[];
  /** Average events per card including the opening registration (≈1.5–6). */
  eventsPerCard?: number;
  /** A building card per building of the office compounds, owned by the committee. */
  buildings?: boolean;
  batchSize?: number;
  /** Varies the data between runs that share a database (the bench uses 0). */
  salt?: number;
  /** 'YYYY-MM': cards posted by its end come in with their depreciation through it (default demoTakeoverMonth()). */
  takeoverMonth?: string;
  log?: (msg: string) => void;
}

export interface GenerateResult {
  cards: number;
  events: number;
}

const ZEROS = '0'.repeat(64);
/** The generated history ends here, so demo data does not depend on the day it is loaded. */
const END = '2026-11-20';

// Event tails by final status: the events that brought the card into that status.
const TAIL = sql.raw(`CASE c.status
  WHEN 'idle' THEN ARRAY['idle_posted']
  WHEN 'under_repair' THEN ARRAY['repair_started']
  WHEN 'lent' THEN ARRAY['lent']
  WHEN 'pending_disposal' THEN ARRAY['idle_posted','disposal_pending']
  WHEN 'disposed' THEN ARRAY['disposal_pending','disposed']
  ELSE ARRAY[]::text[] END`);

/** The small lookup tables a batch draws from: units, their staff, rooms, and the item models. */
async function createLookups(tx: Queryable, unitCodes: string[] | undefined) {
  const unitFilter = unitCodes?.length
    ? sql`u.code IN (${sql.join(
        unitCodes.map((c) => sql`${c}`),
        sql`, `,
      )})`
    : sql`u.kind = 'unit'`;
  await tx.execute(sql`CREATE TEMP TABLE gen_units ON COMMIT DROP AS
    SELECT u.id AS unit_id, u.code, u.sort,
      (SELECT count(*) FROM staff s WHERE s.unit_id = u.id AND s.active)::int AS staff_n,
      (SELECT count(*) FROM departments d WHERE d.unit_id = u.id AND d.active)::int AS dept_n,
      (SELECT count(*) FROM rooms r WHERE r.unit_id = u.id AND r.type <> 'machine_room')::int AS room_n,
      (SELECT count(*) FROM rooms r WHERE r.unit_id = u.id AND r.type = 'meeting')::int AS meeting_n
    FROM units u WHERE ${unitFilter} AND u.active`);
  // 1,000 slots shared out by headcount (at least 5 each): bigger units own more cards.
  await tx.execute(sql`CREATE TEMP TABLE gen_unit_slots ON COMMIT DROP AS
    WITH w AS (SELECT unit_id, greatest(staff_n, 5) AS w, sum(greatest(staff_n, 5)) OVER (ORDER BY sort, code) AS cum,
      sum(greatest(staff_n, 5)) OVER () AS total FROM gen_units)
    SELECT s AS slot, w.unit_id FROM generate_series(0, 999) s
    JOIN w ON s >= floor((w.cum - w.w) * 1000.0 / w.total) AND s < floor(w.cum * 1000.0 / w.total)`);
  await tx.execute(sql`CREATE TEMP TABLE gen_staff ON COMMIT DROP AS
    SELECT s.unit_id, (row_number() OVER (PARTITION BY s.unit_id ORDER BY s.employee_no, s.id) - 1)::int AS ord, s.id AS staff_id,
      s.department_id, (SELECT min(o.room_id::text)::uuid FROM room_occupants o WHERE o.staff_id = s.id) AS room_id
    FROM staff s JOIN gen_units g ON g.unit_id = s.unit_id WHERE s.active`);
  await tx.execute(sql`CREATE TEMP TABLE gen_depts ON COMMIT DROP AS
    SELECT d.unit_id, (row_number() OVER (PARTITION BY d.unit_id ORDER BY d.sort, d.id) - 1)::int AS ord, d.id AS dept_id
    FROM departments d JOIN gen_units g ON g.unit_id = d.unit_id WHERE d.active`);
  await tx.execute(sql`CREATE TEMP TABLE gen_rooms ON COMMIT DROP AS
    SELECT r.unit_id, r.type = 'meeting' AS meeting,
      (row_number() OVER (PARTITION BY r.unit_id, r.type = 'meeting' ORDER BY r.code, r.id) - 1)::int AS ord, r.id AS room_id
    FROM rooms r JOIN gen_units g ON g.unit_id = r.unit_id WHERE r.type <> 'machine_room'`);
  await tx.execute(sql`CREATE TEMP TABLE gen_mrooms ON COMMIT DROP AS
    SELECT (row_number() OVER (ORDER BY r.code, r.id) - 1)::int AS ord, r.id AS room_id FROM rooms r WHERE r.type = 'machine_room'`);
  const models = DEMO_MODELS.map((x, i) => ({ ...x, idx: i }));
  await tx.execute(sql`CREATE TEMP TABLE gen_models ON COMMIT DROP AS
    SELECT m.idx, m.code, m.name, m.brand, m.spec, m.min, m.max, m."qtyMin" AS qty_min, m."qtyMax" AS qty_max, m.weight, m.place, m.kind,
      c.id AS category_id, c.measure_unit, c.depreciable, c.useful_life_months AS life, c.code AS category_code,
      c.capitalization_threshold_fen AS threshold, c.batch_fixed, c.asset_kind AS cat_kind
    FROM jsonb_to_recordset(${JSON.stringify(models)}::jsonb) AS m(idx int, code text, name text, brand text, spec text, min int, max int,
      "qtyMin" int, "qtyMax" int, weight int, place text, kind text)
    JOIN categories c ON c.edition = '2010' AND c.code = m.code`);
  await tx.execute(sql`CREATE TEMP TABLE gen_model_slots ON COMMIT DROP AS
    WITH w AS (SELECT idx, weight AS w, sum(weight) OVER (ORDER BY idx) AS cum, sum(weight) OVER () AS total FROM gen_models)
    SELECT s AS slot, w.idx FROM generate_series(0, 9999) s
    JOIN w ON s >= floor((w.cum - w.w) * 10000.0 / w.total) AND s < floor(w.cum * 10000.0 / w.total)`);
  const [{ units, models: found }] = await query<{ units: number; models: number }>(
    tx,
    sql`SELECT (SELECT count(*) FROM gen_units)::int AS units, (SELECT count(*) FROM gen_models)::int AS models`,
  );
  if (units === 0) throw new Error('No units to generate cards for: load the organisation data first.');
  if (found === 0) throw new Error('No categories for the card models: load the GB/T 14885 trees first.');
}

/** h(k): a deterministic non-negative pseudo-random bigint for series number g and stream k. */
const h = (k: number, salt: number) => sql.raw(`abs(hashint8extended(g, ${k * 7919 + salt}))`);

/** Fills gen_cards for series numbers from+1 … to: every column of a card plus its event plan. */
async function fillGeneratedCards(tx: Queryable, from: number, to: number, salt: number, maxMiddle: number) {
  await tx.execute(sql`CREATE TEMP TABLE gen_cards ON COMMIT DROP AS
    WITH b AS (
      SELECT g, ${h(1, salt)} AS h1, ${h(2, salt)} AS h2, ${h(3, salt)} AS h3, ${h(4, salt)} AS h4, ${h(5, salt)} AS h5,
        ${h(6, salt)} AS h6, ${h(7, salt)} AS h7, ${h(8, salt)} AS h8, ${h(9, salt)} AS h9
      FROM generate_series(${from + 1}::bigint, ${to}::bigint) g
    ), p AS (
      SELECT b.*, us.unit_id, m.*,
        date '2008-01-01' + (b.h3 % (date '2026-10-31' - date '2008-01-01'))::int AS acquired_on,
        m.qty_min + (b.h4 % (m.qty_max - m.qty_min + 1))::int AS qty,
        (m.min + (b.h6 % (m.max - m.min + 1)))::bigint * 100 AS unit_fen
      FROM b JOIN gen_unit_slots us ON us.slot = b.h1 % 1000 JOIN gen_model_slots ms ON ms.slot = b.h2 % 10000
      JOIN gen_models m ON m.idx = ms.idx
    ), s AS (
      SELECT p.*, u.code AS unit_code, u.staff_n, u.dept_n, u.room_n, u.meeting_n,
        CASE
          -- Only assets bought before 2020 are old enough to be pending disposal or disposed.
          WHEN p.h5 % 100 >= 94 AND p.acquired_on < date '2020-01-01' THEN 'disposed'
          WHEN p.h5 % 100 >= 91 AND p.acquired_on < date '2020-01-01' THEN 'pending_disposal'
          WHEN p.h5 % 100 BETWEEN 80 AND 85 THEN 'idle'
          WHEN p.h5 % 100 BETWEEN 86 AND 88 THEN 'under_repair'
          WHEN p.h5 % 100 BETWEEN 89 AND 90 AND p.kind IS DISTINCT FROM 'vehicle' THEN 'lent'
          ELSE 'in_use'
        END AS status
      FROM p JOIN gen_units u ON u.unit_id = p.unit_id
    )
    SELECT gen_random_uuid() AS id, s.g, s.unit_id, s.unit_code, s.category_id, s.category_code, s.name, s.brand, s.spec, s.kind,
      s.qty AS quantity, s.measure_unit, s.qty * s.unit_fen AS value_fen, s.life, s.acquired_on,
      -- The card's kind (card.rules.ts assetKindOf); a low-value item (低值易耗品) is never depreciated.
      k.asset_kind, s.depreciable AND k.asset_kind <> 'low_value' AS depreciable,
      s.acquired_on + (s.h7 % 21)::int AS posted_on, s.status,
      s.h8 AS hs, s.h9 AS hx, s.staff_n, s.place,
      CASE WHEN s.status = 'disposed' THEN NULL WHEN s.place = 'machine' THEN 'machine' ELSE s.place END AS place_now,
      (s.h9 % ${maxMiddle + 1})::int AS n_middle,
      CASE WHEN s.kind = 'vehicle' THEN jsonb_build_object('plateNo', '京A·' || upper(substr(md5(s.g::text || ${salt}::text), 1, 5)))
        WHEN s.kind = 'it' THEN jsonb_build_object('ip', '10.' || (s.h1 % 200)::text || '.' || (s.h2 % 250)::text || '.' || (1 + s.h3 % 250)::text)
        ELSE '{}'::jsonb END AS attributes,
      CASE WHEN s.kind IN ('it', 'vehicle') OR s.category_code LIKE '20%' THEN upper(substr(md5('sn' || s.g::text || ${salt}::text), 1, 12)) END AS serial_no
    FROM s CROSS JOIN LATERAL (SELECT CASE WHEN s.cat_kind = 'intangible' THEN 'intangible' WHEN s.qty > 1 AND s.batch_fixed THEN 'fixed'
      WHEN s.qty * s.unit_fen < s.threshold * s.qty THEN 'low_value' ELSE 'fixed' END AS asset_kind) k`);
}

/** The committee's building cards: one per building, value from its rooms' usable area. */
async function fillBuildingCards(tx: Queryable) {
  await tx.execute(sql`CREATE TEMP TABLE gen_cards ON COMMIT DROP AS
    WITH b AS (
      SELECT bd.id AS building_id, cp.name AS compound_name, bd.name AS building_name,
        abs(hashtext(bd.id::text)) AS hh, coalesce((SELECT sum(r.usable_area) FROM rooms r WHERE r.building_id = bd.id), 2000) * 1.6 AS area
      FROM buildings bd JOIN compounds cp ON cp.id = bd.compound_id
    ), o AS (SELECT id AS unit_id, code AS unit_code FROM units WHERE kind = 'committee' ORDER BY code LIMIT 1)
    SELECT gen_random_uuid() AS id, row_number() OVER (ORDER BY b.compound_name, b.building_name) AS g, o.unit_id, o.unit_code,
      c.id AS category_id, c.code AS category_code, b.compound_name || b.building_name AS name, NULL::text AS brand,
      '钢筋混凝土结构 ' || round(b.area)::text || '平方米' AS spec, 'building' AS kind, 1 AS quantity, '平方米' AS measure_unit,
      (round(b.area) * (6000 + b.hh % 4000))::bigint * 100 AS value_fen, 'fixed' AS asset_kind, c.depreciable, c.useful_life_months AS life,
      date '2008-01-01' + (b.hh % 1500)::int AS acquired_on, date '2008-01-01' + (b.hh % 1500)::int + 30 AS posted_on,
      'in_use' AS status, b.hh::bigint AS hs, 0::bigint AS hx, 0 AS staff_n, 'none' AS place, 'none' AS place_now, 0 AS n_middle,
      jsonb_build_object('structure', 'reinforced_concrete', 'area', round(b.area)) AS attributes, NULL::text AS serial_no
    FROM b CROSS JOIN o JOIN categories c ON c.edition = '2010' AND c.code = '1020102'`);
}

/**
 * The month the generated books are taken over as of (cards hold their depreciation through it):
 * the month before last, so last month is the first the demo's finance officer runs and closes.
 */
export const demoTakeoverMonth = (): string => monthFromIndex(monthIndex(businessMonth()) - 2);

/** Writes gen_cards into cards (with card numbers) and their ledger; returns the event count. */
async function writeCardsAndLedger(tx: Queryable, takeover: string): Promise<number> {
  const ti = Number(takeover.slice(0, 4)) * 12 + Number(takeover.slice(5, 7));
  const opening = `${takeover}-01`;
  // Card numbers continue each unit's per-year sequence (card-number.service.ts formatCardNo).
  await tx.execute(sql`CREATE TEMP TABLE gen_numbered ON COMMIT DROP AS
    SELECT c.id, extract(year FROM c.acquired_on)::int AS year,
      coalesce(n.last_seq, 0) + row_number() OVER (PARTITION BY c.unit_id, extract(year FROM c.acquired_on) ORDER BY c.g) AS seq
    FROM gen_cards c LEFT JOIN card_number_sequences n ON n.unit_id = c.unit_id AND n.year = extract(year FROM c.acquired_on)::int`);
  await tx.execute(sql`
    INSERT INTO cards (id, card_no, unit_id, name, category_id, spec, brand, serial_no, quantity, measure_unit, original_value_fen,
      funding_source, acquisition_method, acquired_on, posted_on, in_use_on, voucher_no, supplier, warranty_until, useful_life_months,
      depreciation_method, accumulated_depreciation_fen, opening_month, opening_depreciated_months, status, use_mode, counterparty,
      managing_unit_id, using_unit_id, using_department_id, custodian_id, room_id, attributes, disposed_on, disposal_method, created_at, updated_at,
      asset_kind, value_type, fiscal_funding_fen, non_fiscal_funding_fen, procurement_form, asset_use, manufacturer, contract_no, invoice_no)
    SELECT c.id, c.unit_code || '-' || n.year || '-' || CASE WHEN n.seq < 1000000 THEN lpad(n.seq::text, 6, '0') ELSE n.seq::text END,
      c.unit_id, c.name, c.category_id, c.spec, c.brand, c.serial_no, c.quantity, c.measure_unit, c.value_fen,
      CASE WHEN c.hs % 10 = 0 THEN 'non_fiscal' ELSE 'fiscal' END,
      CASE WHEN c.kind = 'building' THEN 'self_built' WHEN c.hs % 20 = 1 THEN 'transfer_in' WHEN c.hs % 50 = 2 THEN 'donation' ELSE 'purchase' END,
      c.acquired_on, c.posted_on, c.posted_on, '记-' || n.year || '-' || lpad((c.hs % 9000 + 1)::text, 4, '0'),
      CASE WHEN c.kind = 'building' THEN NULL ELSE coalesce(c.brand, '') || '（北京）科技有限公司' END,
      CASE WHEN c.kind = 'it' THEN c.acquired_on + 1095 END, c.life,
      CASE WHEN c.depreciable AND c.life IS NOT NULL THEN 'straight_line' ELSE 'none' END,
      -- Straight line, no residual value, from the month of posting through the takeover month.
      CASE WHEN c.depreciable AND c.life > 0 THEN least(c.value_fen,
        c.value_fen * greatest(0, ${ti} - (extract(year FROM c.posted_on)::int * 12 + extract(month FROM c.posted_on)::int) + 1) / c.life)
        ELSE 0 END,
      -- Taken over as of that month (期初建账): the balance and the months it holds (已提折旧月数).
      CASE WHEN c.posted_on < ${opening}::date + interval '1 month' THEN ${opening}::date END,
      CASE WHEN c.posted_on < ${opening}::date + interval '1 month' THEN CASE WHEN c.depreciable AND c.life > 0 THEN least(c.life,
        greatest(0, ${ti} - (extract(year FROM c.posted_on)::int * 12 + extract(month FROM c.posted_on)::int) + 1)) ELSE 0 END END,
      c.status, CASE c.status WHEN 'idle' THEN 'idle' WHEN 'lent' THEN 'lent' ELSE 'self_use' END,
      CASE WHEN c.status = 'lent' THEN '北京市' || (ARRAY['东城区','西城区','朝阳区','海淀区','丰台区'])[1 + (c.hs % 5)::int] || '政务服务中心' END,
      c.unit_id, CASE WHEN c.status <> 'disposed' THEN c.unit_id END,
      CASE WHEN c.status <> 'disposed' THEN coalesce(st.department_id, d.dept_id) END,
      CASE WHEN c.status IN ('in_use', 'under_repair', 'lent') THEN st.staff_id END,
      CASE c.place_now WHEN 'machine' THEN mr.room_id WHEN 'meeting' THEN coalesce(rm.room_id, st.room_id)
        WHEN 'office' THEN coalesce(st.room_id, ro.room_id) END,
      c.attributes, NULL, NULL, now(), now(),
      -- The Ministry's card: funding follows the funding source; purchases carry a contract and an invoice.
      c.asset_kind, 'original', CASE WHEN c.hs % 10 = 0 THEN 0 ELSE c.value_fen END, CASE WHEN c.hs % 10 = 0 THEN c.value_fen ELSE 0 END,
      CASE WHEN c.kind = 'building' THEN NULL WHEN c.value_fen >= 10000000 THEN 'government_central' WHEN c.hs % 3 = 0 THEN 'department_central' ELSE 'decentralized' END,
      CASE c.status WHEN 'lent' THEN 'lent' ELSE 'self_use' END,
      CASE WHEN c.kind = 'building' THEN NULL ELSE c.brand END,
      CASE WHEN c.kind = 'building' THEN NULL ELSE 'HT-' || n.year || '-' || lpad((c.hs % 900 + 1)::text, 3, '0') END,
      CASE WHEN c.kind = 'building' THEN NULL ELSE lpad((c.hs % 99999999)::text, 8, '0') END
    FROM gen_cards c JOIN gen_numbered n ON n.id = c.id
    LEFT JOIN gen_units u ON u.unit_id = c.unit_id
    LEFT JOIN gen_staff st ON st.unit_id = c.unit_id AND u.staff_n > 0 AND st.ord = (c.hs % greatest(u.staff_n, 1))::int
    LEFT JOIN gen_depts d ON d.unit_id = c.unit_id AND u.dept_n > 0 AND d.ord = (c.hs % greatest(u.dept_n, 1))::int
    LEFT JOIN gen_rooms ro ON ro.unit_id = c.unit_id AND NOT ro.meeting AND ro.ord = (c.hx % greatest(u.room_n - u.meeting_n, 1))::int
    LEFT JOIN gen_rooms rm ON rm.unit_id = c.unit_id AND rm.meeting AND rm.ord = (c.hx % greatest(u.meeting_n, 1))::int
    LEFT JOIN gen_mrooms mr ON mr.ord = (c.hx % greatest((SELECT count(*) FROM gen_mrooms), 1))::int`);
  await tx.execute(sql`
    INSERT INTO card_number_sequences (unit_id, year, last_seq)
    SELECT c.unit_id, n.year, max(n.seq) FROM gen_cards c JOIN gen_numbered n ON n.id = c.id GROUP BY c.unit_id, n.year
    ON CONFLICT (unit_id, year) DO UPDATE SET last_seq = greatest(card_number_sequences.last_seq, excluded.last_seq)`);

  // The event plan: 1 opening registration, n_middle ordinary events, then the status tail; times
  // spread evenly from posting to a point before END.
  await tx.execute(sql`CREATE TEMP TABLE gen_events ON COMMIT DROP AS
    WITH c AS (
      SELECT c.id, c.unit_id, c.status, c.n_middle, c.hs, c.value_fen, c.kind, k.card_no, k.custodian_id, k.using_department_id,
        k.counterparty, c.category_code, c.name,
        ${businessInstantSql("c.posted_on + time '09:00' + (c.hs % 28800) * interval '1 second'")} AS t_open,
        ${TAIL} AS tail,
        -- One revaluation at most, as the last ordinary event; the opening value is the one before it.
        (c.n_middle >= 2 AND c.value_fen >= 2000000 AND c.hs % 3 = 0) AS revalued
      FROM gen_cards c JOIN cards k ON k.id = c.id
    ), t AS (
      SELECT c.*, 1 + c.n_middle + cardinality(c.tail) AS total,
        c.t_open + (${businessInstantSql(`timestamp '${END} 17:00'`)} - c.t_open) * (0.25 + (c.hs % 700) / 1000.0) AS t_last
      FROM c
    )
    SELECT t.id AS card_id, j AS seq, t.unit_id,
      CASE WHEN j = 1 THEN 'opening_registration'
        WHEN j > 1 + t.n_middle THEN t.tail[j - 1 - t.n_middle]
        WHEN j = 2 THEN 'requisitioned'
        WHEN j = 1 + t.n_middle AND t.revalued THEN 'revalued'
        ELSE (ARRAY['handed_over','handed_over','edited','handed_over'])[1 + ((t.hs + j) % 4)::int] END AS type,
      date_trunc('second', CASE WHEN t.total = 1 THEN t.t_open ELSE t.t_open + (t.t_last - t.t_open) * (j - 1) / (t.total - 1) END) AS occurred_at,
      t.card_no, t.name, t.category_code, t.value_fen, t.status, t.custodian_id, t.using_department_id, t.counterparty, t.hs, t.revalued
    FROM t CROSS JOIN LATERAL generate_series(1, t.total) j`);
  await tx.execute(sql`CREATE TEMP TABLE gen_events_full ON COMMIT DROP AS
    SELECT e.card_id, e.seq, e.unit_id, e.type, e.occurred_at,
      CASE e.type
        WHEN 'handed_over' THEN jsonb_build_object('custodianId', NULL)
        WHEN 'revalued' THEN jsonb_build_object('originalValueFen', e.value_fen - e.value_fen / 10)
        WHEN 'edited' THEN jsonb_build_object('spec', NULL)
        WHEN 'idle_posted' THEN jsonb_build_object('status', 'in_use')
        WHEN 'repair_started' THEN jsonb_build_object('status', 'in_use')
        WHEN 'lent' THEN jsonb_build_object('status', 'in_use', 'useMode', 'self_use')
        WHEN 'disposal_pending' THEN jsonb_build_object('status', CASE WHEN e.status = 'pending_disposal' THEN 'idle' ELSE 'in_use' END)
        WHEN 'disposed' THEN jsonb_build_object('status', 'pending_disposal')
      END AS before,
      CASE e.type
        WHEN 'opening_registration' THEN jsonb_build_object('cardNo', e.card_no, 'name', e.name, 'categoryCode', e.category_code,
          'originalValueFen', CASE WHEN e.revalued THEN e.value_fen - e.value_fen / 10 ELSE e.value_fen END, 'status', 'in_use')
        WHEN 'requisitioned' THEN jsonb_build_object('usingDepartmentId', e.using_department_id, 'custodianId', e.custodian_id)
        WHEN 'handed_over' THEN jsonb_build_object('custodianId', e.custodian_id)
        WHEN 'revalued' THEN jsonb_build_object('originalValueFen', e.value_fen)
        WHEN 'edited' THEN jsonb_build_object('spec', 'updated')
        WHEN 'idle_posted' THEN jsonb_build_object('status', 'idle')
        WHEN 'repair_started' THEN jsonb_build_object('status', 'under_repair')
        WHEN 'lent' THEN jsonb_build_object('status', 'lent', 'useMode', 'lent', 'counterparty', e.counterparty)
        WHEN 'disposal_pending' THEN jsonb_build_object('status', 'pending_disposal')
        WHEN 'disposed' THEN jsonb_build_object('status', 'disposed', 'disposalMethod', 'scrap')
      END AS after,
      CASE e.type WHEN 'opening_registration' THEN '期初登记' WHEN 'disposed' THEN '报废处置' END AS note,
      NULL::text AS hash
    FROM gen_events e`);
  await tx.execute(sql`UPDATE cards k SET disposed_on = ${businessDayOf('e.occurred_at')}, disposal_method = 'scrap'
    FROM gen_events e WHERE e.card_id = k.id AND e.type = 'disposed'`);
  await tx.execute(sql`CREATE INDEX ON gen_events_full (seq)`);
  await tx.execute(sql`CREATE INDEX ON gen_events_full (card_id, seq)`);
  await tx.execute(sql`ANALYZE gen_events_full`);

  // The chain, level by level: all first events, then every second event from its first's hash, …
  const [{ levels }] = await query<{ levels: number }>(tx, sql`SELECT coalesce(max(seq), 0)::int AS levels FROM gen_events_full`);
  await tx.execute(sql`UPDATE gen_events_full e SET hash = card_event_hash(${ZEROS}, e.card_id, e.seq, e.unit_id, e.type,
    NULL, NULL, NULL, e.occurred_at, e.before, e.after, e.note) WHERE e.seq = 1`);
  for (let s = 2; s <= levels; s++) {
    await tx.execute(sql`
      UPDATE gen_events_full e SET hash = card_event_hash(p.hash, e.card_id, e.seq, e.unit_id, e.type,
        NULL, NULL, NULL, e.occurred_at, e.before, e.after, e.note)
      FROM gen_events_full p WHERE e.seq = ${s}::int AND p.seq = ${s - 1}::int AND p.card_id = e.card_id`);
  }
  await tx.execute(sql`ALTER TABLE card_events DISABLE TRIGGER card_events_chain`);
  const inserted = await query<{ n: number }>(
    tx,
    sql`
    WITH ins AS (
      INSERT INTO card_events (card_id, seq, unit_id, type, document_id, document_type, actor_id, occurred_at, before, after, note, prev_hash, hash)
      SELECT e.card_id, e.seq, e.unit_id, e.type, NULL, NULL, NULL, e.occurred_at, e.before, e.after, e.note, coalesce(p.hash, ${ZEROS}), e.hash
      FROM gen_events_full e LEFT JOIN gen_events_full p ON p.card_id = e.card_id AND p.seq = e.seq - 1
      ORDER BY e.card_id, e.seq
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`,
  );
  await tx.execute(sql`ALTER TABLE card_events ENABLE TRIGGER card_events_chain`);
  return inserted[0].n;
}

async function dropBatchTables(tx: Queryable) {
  for (const t of ['gen_cards', 'gen_numbered', 'gen_events', 'gen_events_full']) await tx.execute(sql.raw(`DROP TABLE IF EXISTS ${t}`));
}

/**
 * Generates `cards` cards (and optionally the building cards) in batches, one transaction each, so
 * memory stays bounded and a million cards report progress.
 */
export async function generateCards(db: Queryable, opts: GenerateOptions): Promise<GenerateResult> {
  const batch = Math.max(1, opts.batchSize ?? 50_000);
  const salt = opts.salt ?? 0;
  // n_middle is uniform on 0 … maxMiddle; the tails add ≈0.2 on average.
  const maxMiddle = Math.max(0, Math.round(2 * ((opts.eventsPerCard ?? 2.5) - 1.2)));
  let cards = 0;
  let events = 0;
  const runBatch = async (fill: (tx: Queryable) => Promise<void>) =>
    withTx(db, async (tx) => {
      await createLookups(tx, opts.unitCodes);
      await fill(tx);
      const [{ n }] = await query<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM gen_cards`);
      const e = n ? await writeCardsAndLedger(tx, opts.takeoverMonth ?? demoTakeoverMonth()) : 0;
      await dropBatchTables(tx);
      for (const t of [
        'gen_units',
        'gen_unit_slots',
        'gen_staff',
        'gen_depts',
        'gen_rooms',
        'gen_mrooms',
        'gen_models',
        'gen_model_slots',
      ]) {
        await tx.execute(sql.raw(`DROP TABLE IF EXISTS ${t}`));
      }
      cards += n;
      events += e;
    });
  if (opts.buildings) await runBatch(fillBuildingCards);
  for (let from = 0; from < opts.cards; from += batch) {
    const to = Math.min(opts.cards, from + batch);
    await runBatch((tx) => fillGeneratedCards(tx, from, to, salt, maxMiddle));
    opts.log?.(`  cards: ${to.toLocaleString('en')} / ${opts.cards.toLocaleString('en')} (${events.toLocaleString('en')} events)`);
  }
  return { cards, events };
}
