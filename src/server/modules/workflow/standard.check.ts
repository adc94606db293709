// Checks configuration-request lines against the allocation standards (docs/domain.md §5; the caps
// are the standards module's rule) and finds idle cards to reallocate first (先调剂后购置). Used as
// lines are typed and again on submit.
import { type SQL, sql } from 'drizzle-orm';
import { matchReasons, specHits, specTokens } from '../../../shared/pool-match.rules.ts';
import { type SpecAttributes, specReasons } from '../../../shared/spec-attributes.rules.ts';
import type { MatchAttributes } from '../../../shared/standards.contracts.ts';
import { quotaBasis } from '../../../shared/quota.rules.ts';
import { minLifeReached, quotaStandardsFor } from '../../../shared/standard.rules.ts';
import type { CheckResult, DocumentLineInput, Finding, IdleOffer, LineCheck } from '../../../shared/workflow.contracts.ts';
import { type Actor, unitScope } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { invalid } from '../../platform/errors.ts';
import { checkItem, staffRankAndRoomArea, standardsInForce } from '../standards/index.ts';
import { heldCardSql } from '../assets/index.ts';
import { quotaHoldings } from './standard.queries.ts';
import { specFitsSql } from './spec-match.sql.ts';
import { addMonths } from './workflow.rules.ts';

/** Whole months from one date to a later one (a month counts once its day has come again). */
function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/** How many of a category's most valuable listings the match walks before it reads them all (idleOffers). */
export const POOL_MATCH_WALK = 250;

/** LIKE pattern for a word: % and _ are literal. */
const likeWord = (w: string) => `%${w.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** What the line asks for besides its category: its spec and the matching attributes it names. */
export interface OfferWanted {
  spec?: string | null;
  attributes?: MatchAttributes | null;
  /** The structured spec it names (memory ≥ 8 GB …): an item without it is not offered. */
  specAttributes?: SpecAttributes | null;
  /** The line's category when the caller has read it (its code and name name the match). */
  category?: { code: string; name: string };
}

interface OfferRow extends IdleOffer {
  brand: string | null;
  spec: string | null;
  attributes: Record<string, unknown> | null;
}

/**
 * Items to reallocate first (先调剂后购置 by spec, docs/domain.md §11): the pool's listings of the
 * line's category (any unit but the applicant's), then idle cards not yet in the pool, each ranked by
 * how many of the line's spec words its text holds, then by net value; an item without an attribute
 * the line names (an A3 printer for an A3 line) is not offered. Without spec words the five of the
 * highest net value are read in order from pool_listings_match_idx (walking the category's most
 * valuable listings first, below) and the partial index of migrations/post/290; with them, only the category's listings are scored (their search text, no
 * card join) before the five best are joined to their cards. `requested` marks a listing the applicant
 * unit has already asked for. pool_listings/pool_requests belong to the pool module and are only read
 * here (the pool calls this module to transfer, so no import back).
 */
export async function idleOffers(q: Queryable, unitId: string, categoryId: string, wanted: OfferWanted = {}): Promise<IdleOffer[]> {
  const tokens = specTokens(wanted.spec);
  const a = wanted.attributes ?? {};
  const fits = sql.join(
    [
      sql`true`,
      ...(a.paperSize !== undefined ? [sql`(CASE WHEN c.attributes->>'paperSize' = 'A3' THEN 'A3' ELSE 'A4' END) = ${a.paperSize}`] : []),
      ...(a.colour !== undefined ? [sql`coalesce(c.attributes->'colour' = 'true'::jsonb, false) = ${a.colour}`] : []),
      ...specFitsSql(sql`c.attributes`, wanted.specAttributes),
    ],
    sql` AND `,
  );
  // The spec words an item's text holds, first in the order; nothing when the line names none.
  const byScore = (text: SQL) =>
    tokens.length
      ? sql`${sql.join(
          tokens.map((t) => sql`(${text} LIKE ${likeWord(t)})::int`),
          sql` + `,
        )} DESC,`
      : sql``;
  const cardText = sql`lower(concat_ws(' ', c.name, c.brand, c.spec))`;
  const listed = sql`pl.status = 'listed' AND pl.category_id = ${categoryId} AND pl.unit_id <> ${unitId}`;
  const cardFits = sql`c.category_id = ${categoryId} AND c.unit_id = pl.unit_id AND c.status IN ('idle', 'in_use') AND ${fits}`;
  const pooledCols = sql`c.id AS "cardId", c.card_no AS "cardNo", c.name, c.brand, c.spec, c.attributes, u.name AS "unitName",
        c.net_value_fen::float8 AS "netValueFen", pl.id AS "listingId",
        EXISTS (SELECT 1 FROM pool_requests pr WHERE pr.listing_id = pl.id AND pr.unit_id = ${unitId} AND pr.status = 'pending') AS requested`;
  const allPooled = sql`
      SELECT ${pooledCols}
      FROM pool_listings pl JOIN cards c ON c.id = pl.card_id LEFT JOIN units u ON u.id = c.unit_id
      WHERE ${listed} AND ${cardFits}
      ORDER BY ${byScore(sql`pl.search_text`)} pl.net_value_fen DESC NULLS LAST, c.card_no LIMIT 5`;
  // Without spec words the order is the listing's net value: walk pool_listings_match_idx in that order,
  // testing each listing's card (the fenced LATERAL keeps the planner from reading every card of the
  // category with a spec first: it misjudges how many fit), over the POOL_MATCH_WALK most valuable listings of the
  // category and all those tied with the last. Five fits there are the five best of the category, as
  // everything outside is worth less; fewer, and the whole category is read as before. Same result.
  const walked = tokens.length
    ? sql``
    : sql`WITH walked AS MATERIALIZED (
      SELECT ${pooledCols}
      FROM pool_listings pl
      CROSS JOIN LATERAL (SELECT c.* FROM cards c WHERE c.id = pl.card_id AND ${cardFits} OFFSET 0) c
      LEFT JOIN units u ON u.id = c.unit_id
      WHERE ${listed} AND pl.net_value_fen >= (SELECT f.net_value_fen FROM pool_listings f
        WHERE f.status = 'listed' AND f.category_id = ${categoryId} ORDER BY f.net_value_fen DESC NULLS LAST OFFSET ${POOL_MATCH_WALK - 1} LIMIT 1)
      ORDER BY pl.net_value_fen DESC NULLS LAST, c.card_no LIMIT 5)`;
  const pooled = tokens.length
    ? allPooled
    : sql`
      SELECT * FROM walked WHERE (SELECT count(*) FROM walked) = 5
      UNION ALL
      SELECT * FROM (${allPooled}) everything WHERE (SELECT count(*) FROM walked) < 5`;
  const rows = await query<OfferRow>(
    q,
    sql`${walked}
    SELECT * FROM (${pooled}) pooled
    UNION ALL
    SELECT * FROM (
      SELECT c.id, c.card_no, c.name, c.brand, c.spec, c.attributes, u.name, c.net_value_fen::float8, NULL::uuid, false
      FROM cards c LEFT JOIN units u ON u.id = c.unit_id
      WHERE c.status = 'idle' AND c.category_id = ${categoryId} AND ${fits}
        AND NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.card_id = c.id AND l.open)
        AND NOT EXISTS (SELECT 1 FROM pool_listings pl WHERE pl.card_id = c.id AND pl.status = 'listed')
      ORDER BY ${byScore(cardText)} c.idle_net_value_fen DESC, c.card_no LIMIT 5) idle`,
  );
  const cat =
    wanted.category ?? (await query<{ code: string; name: string }>(q, sql`SELECT code, name FROM categories WHERE id = ${categoryId}`))[0];
  const want = { categoryCode: cat?.code ?? '', categoryName: cat?.name ?? '', spec: wanted.spec, attributes: wanted.attributes };
  return rows.map(({ brand, spec, attributes, ...offer }) => {
    const item = { name: offer.name, brand, spec, attributes };
    const reasons = matchReasons(want, item);
    reasons.splice(reasons.length - (tokens.length ? 1 : 0), 0, ...specReasons(wanted.specAttributes, attributes));
    return { ...offer, reasons, specHits: specHits(tokens, item).length };
  });
}

/** Every line's findings (rule and figures) and idle offers. Lines of one request add up for quotas and per room. */
/** The check as a drafter asks it: for the named unit or the actor's own, which must be one the actor drafts for. */
export async function checkConfigRequest(
  q: Queryable,
  actor: Actor,
  input: { unitId?: string | null; lines: DocumentLineInput[] },
): Promise<CheckResult> {
  const unitId = input.unitId ?? actor.unitId;
  const scope = unitScope(actor, 'document.write');
  if (!unitId || (scope !== 'all' && !scope.includes(unitId))) throw invalid({ unitId: '请选择申请单位' });
  return checkConfigLines(q, unitId, input.lines);
}

export async function checkConfigLines(q: Queryable, unitId: string, lines: DocumentLineInput[]): Promise<CheckResult> {
  const today = businessToday();
  const ids = [...new Set(lines.map((l) => l.categoryId).filter((x): x is string => !!x))];
  // Independent reads: on PostgreSQL each takes its own connection.
  const [standards, cats] = await Promise.all([
    standardsInForce(q, today),
    ids.length
      ? query<{ id: string; code: string; name: string }>(
          q,
          sql`SELECT id, code, name FROM categories WHERE id IN (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})`,
        )
      : [],
  ]);
  const catById = new Map(cats.map((c) => [c.id, c]));
  const { ranks, areas } = await staffRankAndRoomArea(
    q,
    unitId,
    [...new Set(lines.map((l) => l.forStaffId).filter((x): x is string => !!x))],
    [...new Set(lines.map((l) => l.forRoomId).filter((x): x is string => !!x))],
  );
  const unknown: Record<string, string> = {};
  lines.forEach((l, i) => {
    if (l.forStaffId && !ranks.has(l.forStaffId)) unknown[`lines.${i}.forStaffId`] = '使用人不存在或不属于本单位';
    if (l.forRoomId && !areas.has(l.forRoomId)) unknown[`lines.${i}.forRoomId`] = '房间不存在';
  });
  if (Object.keys(unknown).length) throw invalid(unknown, Object.values(unknown)[0]);
  // The unit's establishment and holdings of the quota standards the lines fall under: one query,
  // reading only the cards of the categories those standards cover.
  const quotaCodes = new Set<string>();
  for (const line of lines) {
    const cat = line.categoryId ? catById.get(line.categoryId) : undefined;
    if (cat) for (const std of quotaStandardsFor(standards, cat.code, line.attributes)) quotaCodes.add(std.code);
  }
  // The holdings and each line's pool match do not depend on each other.
  const [held, offers] = await Promise.all([
    quotaCodes.size ? quotaHoldings(q, [unitId], today, [...quotaCodes]) : [],
    Promise.all(
      lines.map((line) => {
        const cat = line.categoryId ? catById.get(line.categoryId) : undefined;
        return cat
          ? idleOffers(q, unitId, cat.id, {
              spec: line.spec,
              attributes: line.attributes,
              specAttributes: line.specAttributes,
              category: cat,
            })
          : [];
      }),
    ),
  ]);
  const holdings = new Map(held.map((h) => [h.standardCode, h] as const));
  const requestedSoFar = new Map<string, number>();
  const roomSpent = new Map<string, number>();
  const out: LineCheck[] = [];
  for (const [index, line] of lines.entries()) {
    const cat = line.categoryId ? catById.get(line.categoryId) : undefined;
    const findings: Finding[] = [];
    let standardCode: string | null = null;
    if (cat) {
      const roomKey = line.forRoomId ? `${line.forRoomId}` : '';
      const item = checkItem(standards, {
        categoryCode: cat.code,
        attributes: line.attributes,
        unitPriceFen: line.unitPriceFen ?? 0,
        quantity: line.quantity ?? 1,
        rank: line.forStaffId ? (ranks.get(line.forStaffId) ?? null) : null,
        roomAreaM2: line.forRoomId ? (areas.get(line.forRoomId) ?? null) : null,
        roomSpentFen: roomSpent.get(roomKey) ?? 0,
      });
      if (item.roomSpendFen) roomSpent.set(roomKey, (roomSpent.get(roomKey) ?? 0) + item.roomSpendFen);
      findings.push(...item.findings);
      standardCode = item.standard?.code ?? null;
      // The card a line replaces (the unit's own): its age and copies for the minimum life, and what it
      // takes out of the quota — a copier replaced one for one leaves the unit holding as many as before.
      const [replaced] = line.replacesCardId
        ? await query<{
            card_no: string;
            acquired_on: string;
            copies: number | null;
            code: string;
            attributes: Record<string, unknown> | null;
            quantity: number;
            held: boolean;
          }>(
            q,
            sql`SELECT c.card_no, c.acquired_on, (c.attributes->>'copyCount')::bigint::float8 AS copies, k.code, c.attributes, c.quantity,
                  ${heldCardSql()} AS held
                FROM cards c JOIN categories k ON k.id = c.category_id WHERE c.id = ${line.replacesCardId} AND c.unit_id = ${unitId}`,
          )
        : [];
      const replacedQuotas = new Set(
        replaced?.held ? quotaStandardsFor(standards, replaced.code, replaced.attributes).map((std) => std.code) : [],
      );
      for (const std of quotaStandardsFor(standards, cat.code, line.attributes)) {
        standardCode ??= std.code;
        const h = holdings.get(std.code);
        const basis = quotaBasis(std.quota, h?.facts ?? { classified: false, headcount: {}, total: 0 });
        if (!basis) continue;
        const held = h?.held ?? 0;
        const before = requestedSoFar.get(std.code) ?? 0;
        const qty = Math.max(0, (line.quantity ?? 1) - (replacedQuotas.has(std.code) ? replaced.quantity : 0));
        requestedSoFar.set(std.code, before + qty);
        if (held + before + qty > basis.allowed) {
          findings.push({
            rule: 'quota',
            standardCode: std.code,
            message: `「${std.name}」数量超标：编制 ${basis.headcount} 人，限额 ${basis.allowed}，现有 ${held}，本单申请 ${before + qty}`,
            figures: { headcount: basis.headcount, allowed: basis.allowed, held, requested: before + qty },
          });
        }
      }
      const lifeStd = item.standard ?? quotaStandardsFor(standards, cat.code, line.attributes)[0];
      if (line.replacesCardId && lifeStd && (lifeStd.minLifeMonths || lifeStd.minLifeCopies)) {
        const card = replaced;
        if (card && !minLifeReached(lifeStd, monthsBetween(card.acquired_on, today), card.copies)) {
          const earliest = lifeStd.minLifeMonths ? addMonths(card.acquired_on, lifeStd.minLifeMonths) : '';
          const copies = lifeStd.minLifeCopies ? `或复印满 ${lifeStd.minLifeCopies.toLocaleString('en-US')} 张` : '';
          findings.push({
            rule: 'min_life',
            standardCode: lifeStd.code,
            message: `被更新资产 ${card.card_no} 购置于 ${card.acquired_on}，未满最低使用年限 ${(lifeStd.minLifeMonths ?? 0) / 12} 年${copies}（${earliest} 后方可更新）`,
            figures: { acquiredOn: card.acquired_on, minLifeMonths: lifeStd.minLifeMonths ?? 0, earliest, copies: card.copies ?? 0 },
          });
        }
      }
    }
    out.push({
      index,
      standardCode,
      findings,
      idleOffers: offers[index],
    });
  }
  return { lines: out };
}
