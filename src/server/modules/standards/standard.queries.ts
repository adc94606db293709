// The allocation standards as SQL (docs/domain.md §5): which rows are in force, which standard covers
// an item, and whether a card is over its cap. The SQL twin of shared/standard.rules.ts (capStandardFor,
// quotaStandardsFor, capFor): the same prefix, attribute, rank and room rules; the tests hold one to
// the other. `standards` is this module's table; others read it through these fragments.
import { sql, type SQL } from 'drizzle-orm';

/**
 * The rows of `standards` in force on a day, one per code: the jurisdiction's own (local) row once
 * its effective date has come, else the shipped central default. A subquery, to be aliased. The ids
 * are an uncorrelated ARRAY(…), which PostgreSQL computes once per statement (an InitPlan) even
 * where this sits inside a per-card subquery.
 */
export const standardsInForceSql = (onDate: string): SQL => sql`(SELECT * FROM standards WHERE id = ANY (ARRAY(
  SELECT DISTINCT ON (code) id FROM standards WHERE jurisdiction = 'central' OR effective_from <= ${onDate}::date
  ORDER BY code, (jurisdiction = 'central'), effective_from DESC)))`;

/** An item as the matching sees it: its category code and its attributes (jsonb). */
export interface ItemSql {
  categoryCode: SQL;
  attributes: SQL;
}

/** The item's matching attributes with the defaults (itemAttributes in standard.rules.ts): A4, black-and-white. */
const normalisedSql = (attrs: SQL): SQL =>
  sql`jsonb_build_object('paperSize', CASE WHEN ${attrs}->>'paperSize' = 'A3' THEN 'A3' ELSE 'A4' END, 'colour', coalesce(${attrs}->'colour' = 'true'::jsonb, false))`;

/** Standard row `s` covers the item: one of its code prefixes starts the category code, and the item has its attributes. */
export const coversItemSql = (s: SQL, item: ItemSql): SQL =>
  sql`(EXISTS (SELECT 1 FROM unnest(${s}.category_codes) p WHERE starts_with(${item.categoryCode}, p)) AND ${s}.match_attributes <@ ${normalisedSql(item.attributes)})`;

/** A card as the cap check sees it: besides the match, the rank it is for, its room's area, its unit price and total. */
export interface CapItemSql extends ItemSql {
  rank: SQL;
  roomAreaM2: SQL;
  unitPriceFen: SQL;
  totalFen: SQL;
}

/**
 * Whether the item is over the cap of the standard covering it (capStandardFor: longest prefix, most
 * attributes, lower code): per m² of its room for area tiers (the item's total against area × rate;
 * no room, no verdict), else the rank's cap or the general one against the unit price.
 */
export function overCapSql(onDate: string, item: CapItemSql): SQL {
  const area = item.roomAreaM2;
  return sql`coalesce((
    SELECT CASE WHEN jsonb_array_length(s.area_caps) > 0 THEN ${item.totalFen} > (
        SELECT round(${area} * (t->>'fenPerM2')::numeric) FROM jsonb_array_elements(s.area_caps) t
        WHERE t->>'maxM2' IS NULL OR ${area} <= (t->>'maxM2')::numeric
        ORDER BY coalesce((t->>'maxM2')::numeric, 1e15) LIMIT 1)
      ELSE ${item.unitPriceFen} > coalesce((s.rank_caps->>(${item.rank}))::bigint, s.cap_fen) END
    FROM ${standardsInForceSql(onDate)} s,
      LATERAL (SELECT max(length(p)) AS l FROM unnest(s.category_codes) p WHERE starts_with(${item.categoryCode}, p)) m
    WHERE m.l IS NOT NULL AND s.match_attributes <@ ${normalisedSql(item.attributes)}
      AND (s.cap_fen IS NOT NULL OR s.rank_caps <> '{}'::jsonb OR s.area_caps <> '[]'::jsonb)
    ORDER BY m.l DESC, (SELECT count(*) FROM jsonb_object_keys(s.match_attributes)) DESC, s.code LIMIT 1), false)`;
}

/**
 * A cheap necessary condition for overCapSql: some standard row (any jurisdiction) with a code
 * prefix of the item whose lowest cap is below the unit price, or that caps by room area. Test it
 * first, and run the exact check only on the few cards it keeps.
 */
export const anyCapBelowSql = (item: Pick<CapItemSql, 'categoryCode' | 'unitPriceFen'>): SQL => sql`EXISTS (
  SELECT 1 FROM standards s0 WHERE (s0.area_caps <> '[]'::jsonb
    OR least(s0.cap_fen, (SELECT min(e.value::bigint) FROM jsonb_each_text(s0.rank_caps) e)) < ${item.unitPriceFen})
  AND EXISTS (SELECT 1 FROM unnest(s0.category_codes) p0 WHERE starts_with(${item.categoryCode}, p0)))`;

/**
 * A card (c, category k) over the cap of the standard covering it, as the configuration check
 * decides it (the standards module's rule): the row in force on `onDate`, matched by category code
 * and attributes; the cap by its custodian's rank, or per m² of its room for conference tables.
 */
export function cardOverStandardSql(onDate: string): SQL {
  const price = sql`(c.original_value_fen / greatest(c.quantity, 1))`;
  const item = {
    categoryCode: sql`k.code`,
    attributes: sql`c.attributes`,
    rank: sql`(SELECT st.rank FROM staff st WHERE st.id = c.custodian_id)`,
    roomAreaM2: sql`(SELECT r.usable_area FROM rooms r WHERE r.id = c.room_id)`,
    unitPriceFen: price,
    totalFen: sql`c.original_value_fen`,
  };
  // CASE fixes the order: the cheap test on every card, the exact covering standard only on those it keeps
  // (as a plain AND, the planner ran the exact subquery on every card: 9 times slower on 100,000 cards).
  return sql`(CASE WHEN ${anyCapBelowSql(item)} THEN ${overCapSql(onDate, item)} ELSE false END)`;
}

/**
 * Per category and normalised attributes (paper size × colour), the capped standard covering it on
 * `onDate`: the same choice as overCapSql (longest prefix, most attributes, lower code), made once per
 * category instead of once per card. Only categories some standard's prefix reaches have rows (a few
 * dozen). Columns: category_id, paper_size, colour, by_area, area_caps, rank_caps, cap_fen and
 * floor_fen, the lowest cap of the row (no unit price at or below it is over). A subquery, to be aliased.
 */
export const capCoverSql = (onDate: string): SQL => sql`(
  SELECT k.id AS category_id, a.paper_size, a.colour, jsonb_array_length(s.area_caps) > 0 AS by_area,
    s.area_caps, s.rank_caps, s.cap_fen, least(s.cap_fen, (SELECT min(e.value::bigint) FROM jsonb_each_text(s.rank_caps) e)) AS floor_fen
  FROM categories k
  CROSS JOIN (VALUES ('A4', false), ('A4', true), ('A3', false), ('A3', true)) a(paper_size, colour)
  CROSS JOIN LATERAL (
    SELECT s.area_caps, s.rank_caps, s.cap_fen FROM ${standardsInForceSql(onDate)} s,
      LATERAL (SELECT max(length(p)) AS l FROM unnest(s.category_codes) p WHERE starts_with(k.code, p)) m
    WHERE m.l IS NOT NULL AND s.match_attributes <@ jsonb_build_object('paperSize', a.paper_size, 'colour', a.colour)
      AND (s.cap_fen IS NOT NULL OR s.rank_caps <> '{}'::jsonb OR s.area_caps <> '[]'::jsonb)
    ORDER BY m.l DESC, (SELECT count(*) FROM jsonb_object_keys(s.match_attributes)) DESC, s.code LIMIT 1) s
  WHERE EXISTS (SELECT 1 FROM standards s0, unnest(s0.category_codes) p0 WHERE starts_with(k.code, p0)))`;

/**
 * cardOverStandardSql for whole books, set-based: `join` puts each card c beside its cover row v
 * (capCoverSql, by category and normalised attributes; none when no capped standard covers it) and its
 * room vr (as a join, not a subquery: with the subquery PostgreSQL sorted the million rows to group them), and
 * `over` is the same verdict as cardOverStandardSql, reading the custodian's rank and the room's area
 * only for the cards priced above the row's lowest cap. The pool's evaluation counts with it over a
 * million cards in one scan; the tests hold it to cardOverStandardSql card by card.
 */
export function cardOverCoverSql(onDate: string): { join: SQL; over: SQL } {
  const price = sql`(c.original_value_fen / greatest(c.quantity, 1))`;
  const join = sql`LEFT JOIN ${capCoverSql(onDate)} v ON v.category_id = c.category_id
    AND v.paper_size = (CASE WHEN c.attributes->>'paperSize' = 'A3' THEN 'A3' ELSE 'A4' END)
    AND v.colour = coalesce(c.attributes->'colour' = 'true'::jsonb, false)
    LEFT JOIN rooms vr ON vr.id = c.room_id`;
  const over = sql`coalesce(CASE WHEN v.category_id IS NULL THEN false
    WHEN v.by_area THEN c.original_value_fen > (
      SELECT round(vr.usable_area * (t->>'fenPerM2')::numeric) FROM jsonb_array_elements(v.area_caps) t
      WHERE t->>'maxM2' IS NULL OR vr.usable_area <= (t->>'maxM2')::numeric
      ORDER BY coalesce((t->>'maxM2')::numeric, 1e15) LIMIT 1)
    WHEN ${price} <= v.floor_fen THEN false
    ELSE ${price} > coalesce((v.rank_caps->>(SELECT st.rank FROM staff st WHERE st.id = c.custodian_id))::bigint, v.cap_fen) END, false)`;
  return { join, over };
}
