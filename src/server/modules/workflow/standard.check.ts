// Checks configuration-request lines against the allocation standards (docs/domain.md §5; the caps
// are the standards module's rule) and finds idle cards to reallocate first (先调剂后购置). Used as
// lines are typed and again on submit.
import { sql } from 'drizzle-orm';
import { quotaBasis } from '../../../shared/quota.rules.ts';
import { minLifeReached, quotaStandardsFor } from '../../../shared/standard.rules.ts';
import type { CheckResult, DocumentLineInput, Finding, IdleOffer, LineCheck } from '../../../shared/workflow.contracts.ts';
import { type Actor, unitScope } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { invalid } from '../../platform/errors.ts';
import { checkItem, staffRankAndRoomArea, standardsInForce } from '../standards/index.ts';
import { quotaHoldings, type QuotaHolding } from './standard.queries.ts';
import { addMonths } from './workflow.rules.ts';

/** Whole months from one date to a later one (a month counts once its day has come again). */
function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number);
  const [y2, m2, d2] = to.split('-').map(Number);
  return (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0);
}

/**
 * Items to reallocate first: the pool's listings of the category (any unit but the applicant's), the
 * highest net value when listed first (read in that order from pool_listings_match_idx, so the match
 * does not grow with the category's listings), then idle cards not yet in the pool (the partial index
 * of migrations/post/290). `requested` marks a listing the applicant unit has already
 * asked for: that answers the offer as "take it". pool_listings/pool_requests belong to the pool
 * module and are only read here (the pool calls this module to transfer, so no import back).
 */
export async function idleOffers(q: Queryable, unitId: string, categoryId: string): Promise<IdleOffer[]> {
  return query<IdleOffer>(
    q,
    sql`
    SELECT * FROM (
      SELECT c.id AS "cardId", c.card_no AS "cardNo", c.name, u.name AS "unitName", c.net_value_fen::float8 AS "netValueFen",
        pl.id AS "listingId",
        EXISTS (SELECT 1 FROM pool_requests pr WHERE pr.listing_id = pl.id AND pr.unit_id = ${unitId} AND pr.status = 'pending') AS requested
      FROM pool_listings pl JOIN cards c ON c.id = pl.card_id LEFT JOIN units u ON u.id = c.unit_id
      WHERE pl.status = 'listed' AND pl.category_id = ${categoryId} AND c.category_id = ${categoryId} AND pl.unit_id <> ${unitId}
        AND c.unit_id = pl.unit_id AND c.status IN ('idle', 'in_use')
      ORDER BY pl.net_value_fen DESC NULLS LAST, c.card_no LIMIT 5) pooled
    UNION ALL
    SELECT * FROM (
      SELECT c.id, c.card_no, c.name, u.name, c.net_value_fen::float8, NULL::uuid, false
      FROM cards c LEFT JOIN units u ON u.id = c.unit_id
      WHERE c.status = 'idle' AND c.category_id = ${categoryId}
        AND NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.card_id = c.id AND l.open)
        AND NOT EXISTS (SELECT 1 FROM pool_listings pl WHERE pl.card_id = c.id AND pl.status = 'listed')
      ORDER BY c.net_value_fen DESC, c.card_no LIMIT 5) idle`,
  );
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
  const standards = await standardsInForce(q, today);
  const ids = [...new Set(lines.map((l) => l.categoryId).filter((x): x is string => !!x))];
  const cats = ids.length
    ? await query<{ id: string; code: string }>(
        q,
        sql`SELECT id, code FROM categories WHERE id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      )
    : [];
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
  // The unit's establishment and holdings per quota standard: one query, on first need.
  let holdings: Map<string, QuotaHolding> | undefined;
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
      for (const std of quotaStandardsFor(standards, cat.code, line.attributes)) {
        standardCode ??= std.code;
        holdings ??= new Map((await quotaHoldings(q, [unitId], today)).map((h) => [h.standardCode, h]));
        const h = holdings.get(std.code);
        const basis = quotaBasis(std.quota, h?.facts ?? { classified: false, headcount: {}, total: 0 });
        if (!basis) continue;
        const held = h?.held ?? 0;
        const before = requestedSoFar.get(std.code) ?? 0;
        const qty = line.quantity ?? 1;
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
        const [card] = await query<{ card_no: string; acquired_on: string; copies: number | null }>(
          q,
          sql`SELECT card_no, acquired_on, (attributes->>'copyCount')::bigint::float8 AS copies FROM cards
              WHERE id = ${line.replacesCardId} AND unit_id = ${unitId}`,
        );
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
      idleOffers: line.categoryId ? await idleOffers(q, unitId, line.categoryId) : [],
    });
  }
  return { lines: out };
}
