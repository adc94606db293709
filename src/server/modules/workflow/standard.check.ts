// Checks configuration-request lines against the allocation standards (DOMAIN §6) and finds idle
// cards to reallocate first (先调剂后购置). Used as lines are typed and again on submit.
import { sql } from 'drizzle-orm';
import { formatYuan } from '../../../shared/money.ts';
import type { CheckResult, DocumentLineInput, Finding, IdleOffer, LineCheck, QuotaRule } from '../../../shared/workflow.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { addMonths, todayShanghai } from './workflow.rules.ts';

export interface EffectiveStandard {
  code: string;
  name: string;
  category_keywords: string[];
  cap_fen: number | null;
  min_life_months: number | null;
  quota: QuotaRule;
}

/** The standards in force today: the jurisdiction's own row when effective, else the central default. */
export async function effectiveStandards(q: Queryable): Promise<EffectiveStandard[]> {
  return query<EffectiveStandard>(q, sql`
    SELECT DISTINCT ON (code) code, name, category_keywords, cap_fen, min_life_months, quota
    FROM standards
    WHERE jurisdiction = 'central' OR effective_from <= ${todayShanghai()}::date
    ORDER BY code, (jurisdiction = 'central'), effective_from DESC`);
}

/** The standard covering a category: the longest keyword found in its name or code, or in the line's name. */
export function matchStandard(standards: EffectiveStandard[], categoryName: string, categoryCode: string, lineName = ''): EffectiveStandard | undefined {
  let best: EffectiveStandard | undefined;
  let bestLen = 0;
  for (const s of standards) {
    for (const k of s.category_keywords) {
      const hit = categoryName.includes(k) || categoryCode.startsWith(k) || lineName.includes(k);
      if (hit && k.length > bestLen) { best = s; bestLen = k.length; }
    }
  }
  return best;
}

interface UnitFacts { classified: boolean; headcount: Record<string, number>; total: number }

async function unitFacts(q: Queryable, unitId: string): Promise<UnitFacts> {
  const [unit] = await query<{ classified: boolean }>(q, sql`SELECT classified FROM units WHERE id = ${unitId}`);
  const rows = await query<{ rank: string; n: number }>(q, sql`
    SELECT rank, count(*)::int AS n FROM staff WHERE unit_id = ${unitId} AND on_establishment AND active GROUP BY rank`);
  const headcount = Object.fromEntries(rows.map((r) => [r.rank, r.n]));
  return { classified: unit?.classified ?? false, headcount, total: rows.reduce((s, r) => s + r.n, 0) };
}

/** Cards the unit holds (not disposed or missing) in categories matching the standard's keywords. */
async function cardsHeld(q: Queryable, unitId: string, keywords: string[]): Promise<number> {
  const patterns = keywords.map((k) => `%${k.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const [row] = await query<{ n: number }>(q, sql`
    SELECT coalesce(sum(c.quantity), 0)::int AS n FROM cards c JOIN categories k ON k.id = c.category_id
    WHERE c.unit_id = ${unitId} AND c.status NOT IN ('disposed', 'missing', 'pending_disposal')
      AND (k.name LIKE ANY (${toArray(patterns)}) OR c.name LIKE ANY (${toArray(patterns)}))`);
  return row?.n ?? 0;
}

const toArray = (xs: string[]) => sql`ARRAY[${sql.join(xs.map((x) => sql`${x}`), sql`, `)}]::text[]`;

export function quotaAllowed(rule: QuotaRule, facts: UnitFacts): number | undefined {
  if (rule.kind !== 'per_staff' || rule.ratio === undefined) return undefined;
  const heads = rule.ranks?.length ? rule.ranks.reduce((s, r) => s + (facts.headcount[r] ?? 0), 0) : facts.total;
  const ratio = facts.classified && rule.classifiedRatio !== undefined ? rule.classifiedRatio : rule.ratio;
  return Math.floor(heads * ratio + 1e-9);
}

async function idleOffers(q: Queryable, categoryId: string): Promise<IdleOffer[]> {
  return query<IdleOffer>(q, sql`
    SELECT c.id AS "cardId", c.card_no AS "cardNo", c.name, u.name AS "unitName", c.net_value_fen AS "netValueFen"
    FROM cards c LEFT JOIN units u ON u.id = c.unit_id
    WHERE c.status = 'idle' AND c.category_id = ${categoryId}
      AND NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.card_id = c.id AND l.open)
    ORDER BY c.net_value_fen DESC, c.card_no LIMIT 5`);
}

/** Every line's findings (rule and figures) and idle offers. Lines of one request add up for quotas. */
export async function checkConfigLines(q: Queryable, unitId: string, lines: DocumentLineInput[]): Promise<CheckResult> {
  const standards = await effectiveStandards(q);
  const ids = [...new Set(lines.map((l) => l.categoryId).filter((x): x is string => !!x))];
  const cats = ids.length
    ? await query<{ id: string; code: string; name: string }>(q, sql`SELECT id, code, name FROM categories WHERE id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`)
    : [];
  const catById = new Map(cats.map((c) => [c.id, c]));
  let facts: UnitFacts | undefined;
  const requestedSoFar = new Map<string, number>();
  const heldCache = new Map<string, number>();
  const out: LineCheck[] = [];
  for (const [index, line] of lines.entries()) {
    const cat = line.categoryId ? catById.get(line.categoryId) : undefined;
    const std = cat || line.name ? matchStandard(standards, cat?.name ?? '', cat?.code ?? '', line.name ?? '') : undefined;
    const findings: Finding[] = [];
    if (std) {
      const price = line.unitPriceFen ?? 0;
      if (std.cap_fen !== null && price > std.cap_fen) {
        findings.push({ rule: 'price_cap', standardCode: std.code, message: `单价 ¥${formatYuan(price)} 超过「${std.name}」价格上限 ¥${formatYuan(std.cap_fen)}`, figures: { priceFen: price, capFen: std.cap_fen } });
      }
      facts ??= await unitFacts(q, unitId);
      const allowed = quotaAllowed(std.quota, facts);
      if (allowed !== undefined) {
        if (!heldCache.has(std.code)) heldCache.set(std.code, await cardsHeld(q, unitId, std.category_keywords));
        const held = heldCache.get(std.code)!;
        const before = requestedSoFar.get(std.code) ?? 0;
        const qty = line.quantity ?? 1;
        requestedSoFar.set(std.code, before + qty);
        if (held + before + qty > allowed) {
          findings.push({ rule: 'quota', standardCode: std.code, message: `「${std.name}」数量超标：编制 ${facts.total} 人，限额 ${allowed}，现有 ${held}，本单申请 ${before + qty}`, figures: { headcount: facts.total, allowed, held, requested: before + qty } });
        }
      }
      if (line.replacesCardId && std.min_life_months) {
        const [card] = await query<{ card_no: string; acquired_on: string }>(q, sql`SELECT card_no, acquired_on FROM cards WHERE id = ${line.replacesCardId} AND unit_id = ${unitId}`);
        if (card) {
          const earliest = addMonths(card.acquired_on, std.min_life_months);
          if (earliest > todayShanghai()) {
            findings.push({ rule: 'min_life', standardCode: std.code, message: `被更新资产 ${card.card_no} 购置于 ${card.acquired_on}，未满最低使用年限 ${std.min_life_months / 12} 年（${earliest} 后方可更新）`, figures: { acquiredOn: card.acquired_on, minLifeMonths: std.min_life_months, earliest } });
          }
        }
      }
    }
    out.push({ index, standardCode: std?.code ?? null, findings, idleOffers: line.categoryId ? await idleOffers(q, line.categoryId) : [] });
  }
  return { lines: out };
}
