// Checks configuration-request lines against the allocation standards (docs/domain.md §5) and finds idle
// cards to reallocate first (先调剂后购置). Used as lines are typed and again on submit.
import { sql } from 'drizzle-orm';
import { formatYuan } from '../../../shared/money.ts';
import { quotaBasis } from '../../../shared/quota.rules.ts';
import type { CheckResult, DocumentLineInput, Finding, IdleOffer, LineCheck, QuotaRule } from '../../../shared/workflow.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { quotaHoldings, standardsInForceSql, type QuotaHolding } from './standard.queries.ts';
import { addMonths } from './workflow.rules.ts';
import { businessToday } from '../../platform/clock.ts';

export interface EffectiveStandard {
  code: string;
  name: string;
  category_keywords: string[];
  cap_fen: number | null;
  min_life_months: number | null;
  quota: QuotaRule;
}

/** The standards in force on a day (today by default), in code order: the order matchStandard breaks ties by. */
export async function effectiveStandards(q: Queryable, onDate = businessToday()): Promise<EffectiveStandard[]> {
  return query<EffectiveStandard>(
    q,
    sql`
    SELECT s.code, s.name, s.category_keywords, s.cap_fen, s.min_life_months, s.quota FROM ${standardsInForceSql(onDate)} s ORDER BY s.code`,
  );
}

/**
 * The standard covering a category: the longest keyword found in its name, at the start of its code,
 * or in the line's name (ties: the lower code). coveringStandardSql (standard.queries.ts) is the same rule in SQL.
 */
export function matchStandard(
  standards: EffectiveStandard[],
  categoryName: string,
  categoryCode: string,
  lineName = '',
): EffectiveStandard | undefined {
  let best: EffectiveStandard | undefined;
  let bestLen = 0;
  for (const s of standards) {
    for (const k of s.category_keywords) {
      const hit = categoryName.includes(k) || categoryCode.startsWith(k) || lineName.includes(k);
      if (hit && k.length > bestLen) {
        best = s;
        bestLen = k.length;
      }
    }
  }
  return best;
}

/**
 * Items to reallocate first: the pool's listings of the category (any unit but the applicant's),
 * then idle cards not yet in the pool. `requested` marks a listing the applicant unit has already
 * asked for: that answers the offer as "take it". pool_listings/pool_requests belong to the pool
 * module and are only read here (the pool calls this module to transfer, so no import back).
 */
async function idleOffers(q: Queryable, unitId: string, categoryId: string): Promise<IdleOffer[]> {
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
      ORDER BY c.net_value_fen DESC, c.card_no LIMIT 5) pooled
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

/** Every line's findings (rule and figures) and idle offers. Lines of one request add up for quotas. */
export async function checkConfigLines(q: Queryable, unitId: string, lines: DocumentLineInput[]): Promise<CheckResult> {
  const today = businessToday();
  const standards = await effectiveStandards(q, today);
  const ids = [...new Set(lines.map((l) => l.categoryId).filter((x): x is string => !!x))];
  const cats = ids.length
    ? await query<{ id: string; code: string; name: string }>(
        q,
        sql`SELECT id, code, name FROM categories WHERE id IN (${sql.join(
          ids.map((i) => sql`${i}`),
          sql`, `,
        )})`,
      )
    : [];
  const catById = new Map(cats.map((c) => [c.id, c]));
  // The unit's establishment and holdings per quota standard: one query, on first need.
  let holdings: Map<string, QuotaHolding> | undefined;
  const requestedSoFar = new Map<string, number>();
  const out: LineCheck[] = [];
  for (const [index, line] of lines.entries()) {
    const cat = line.categoryId ? catById.get(line.categoryId) : undefined;
    const std = cat || line.name ? matchStandard(standards, cat?.name ?? '', cat?.code ?? '', line.name ?? '') : undefined;
    const findings: Finding[] = [];
    if (std) {
      const price = line.unitPriceFen ?? 0;
      if (std.cap_fen !== null && price > std.cap_fen) {
        findings.push({
          rule: 'price_cap',
          standardCode: std.code,
          message: `单价 ¥${formatYuan(price)} 超过「${std.name}」价格上限 ¥${formatYuan(std.cap_fen)}`,
          figures: { priceFen: price, capFen: std.cap_fen },
        });
      }
      if (std.quota.kind === 'per_staff') {
        holdings ??= new Map((await quotaHoldings(q, [unitId], today)).map((h) => [h.standardCode, h]));
        const h = holdings.get(std.code);
        const basis = quotaBasis(std.quota, h?.facts ?? { classified: false, headcount: {}, total: 0 });
        if (basis) {
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
      }
      if (line.replacesCardId && std.min_life_months) {
        const [card] = await query<{ card_no: string; acquired_on: string }>(
          q,
          sql`SELECT card_no, acquired_on FROM cards WHERE id = ${line.replacesCardId} AND unit_id = ${unitId}`,
        );
        if (card) {
          const earliest = addMonths(card.acquired_on, std.min_life_months);
          if (earliest > today) {
            findings.push({
              rule: 'min_life',
              standardCode: std.code,
              message: `被更新资产 ${card.card_no} 购置于 ${card.acquired_on}，未满最低使用年限 ${std.min_life_months / 12} 年（${earliest} 后方可更新）`,
              figures: { acquiredOn: card.acquired_on, minLifeMonths: std.min_life_months, earliest },
            });
          }
        }
      }
    }
    out.push({
      index,
      standardCode: std?.code ?? null,
      findings,
      idleOffers: line.categoryId ? await idleOffers(q, unitId, line.categoryId) : [],
    });
  }
  return { lines: out };
}
