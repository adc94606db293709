// Which allocation standard covers an item and what its cap is (docs/domain.md §5, 财资〔2016〕27号).
// One pure rule for the configuration-request check, the acceptance/registration warning and the web;
// standards/standard.queries.ts is its SQL twin for the reports, and the tests hold one to the other.
import type { Rank } from './roles.ts';
import type { AreaCapTier, MatchAttributes, QuotaRule, RankCaps } from './standards.contracts.ts';

/** A standard as the rules read it. */
export interface StandardRow {
  code: string;
  name: string;
  categoryCodes: string[];
  matchAttributes: MatchAttributes;
  capFen: number | null;
  rankCaps: RankCaps;
  areaCaps: AreaCapTier[];
  minLifeMonths: number | null;
  minLifeCopies: number | null;
  quota: QuotaRule;
}

/** An item's matching attributes with the defaults filled in: a printer not described is an A4 black-and-white one. */
export function itemAttributes(a: Record<string, unknown> | null | undefined): { paperSize: string; colour: boolean } {
  return { paperSize: a?.paperSize === 'A3' ? 'A3' : 'A4', colour: a?.colour === true };
}

/** Length of the longest of the standard's code prefixes the category code starts with; 0 when none. */
function prefixHit(s: StandardRow, categoryCode: string): number {
  let best = 0;
  for (const p of s.categoryCodes) if (categoryCode.startsWith(p) && p.length > best) best = p.length;
  return best;
}

function attributesHold(s: StandardRow, attrs: Record<string, unknown> | null | undefined): boolean {
  const item = itemAttributes(attrs);
  return Object.entries(s.matchAttributes).every(([k, v]) => v === undefined || item[k as keyof typeof item] === v);
}

export const hasCap = (s: StandardRow): boolean => s.capFen !== null || Object.keys(s.rankCaps).length > 0 || s.areaCaps.length > 0;

/**
 * The standard whose price cap applies to an item: among rows with a cap whose code prefix the
 * category starts with and whose attributes the item has, the longest prefix, then the most
 * attributes named, then the lower code. Names play no part: 会议椅 (A05010302) is not an 办公椅.
 */
export function capStandardFor(
  standards: StandardRow[],
  categoryCode: string,
  attrs?: Record<string, unknown> | null,
): StandardRow | undefined {
  let best: StandardRow | undefined;
  let key: [number, number] = [0, 0];
  for (const s of [...standards].sort((a, b) => a.code.localeCompare(b.code))) {
    if (!hasCap(s)) continue;
    const len = prefixHit(s, categoryCode);
    if (!len || !attributesHold(s, attrs)) continue;
    const n = Object.keys(s.matchAttributes).length;
    if (len > key[0] || (len === key[0] && n > key[1])) {
      best = s;
      key = [len, n];
    }
  }
  return best;
}

/** Every standard with a quantity quota that counts the item (a colour A3 printer counts for 打印机, A3 and 彩色). */
export function quotaStandardsFor(standards: StandardRow[], categoryCode: string, attrs?: Record<string, unknown> | null): StandardRow[] {
  return standards.filter((s) => s.quota.kind !== 'none' && prefixHit(s, categoryCode) > 0 && attributesHold(s, attrs));
}

/** Rank tiers a rank-dependent cap distinguishes (27号: 司局级 and 处级及以下; city heads stand with the bureau level). */
export type Cap =
  | { basis: 'item'; capFen: number }
  | { basis: 'rank'; capFen: number; rank: Rank | null }
  | { basis: 'area'; capFen: number; areaM2: number; fenPerM2: number }
  | { basis: 'room_required' };

/** The tier of a room's area: the first whose upper bound (inclusive) holds it, tiers taken by increasing bound. */
export function areaTier(tiers: AreaCapTier[], areaM2: number): AreaCapTier | undefined {
  const sorted = [...tiers].sort((a, b) => (a.maxM2 ?? Number.POSITIVE_INFINITY) - (b.maxM2 ?? Number.POSITIVE_INFINITY));
  return sorted.find((t) => t.maxM2 === null || areaM2 <= t.maxM2);
}

/**
 * The cap for one item: per m² of its room when the standard has area tiers (the item total, not the
 * unit price, is compared: `capFen` is area × rate, rounded to the fen); by the rank of the person it
 * is for when the standard has rank caps — a rank the standard does not list, or no person named,
 * takes the general cap (the lower one: the higher cap is for a named bureau-level person).
 */
export function capFor(s: StandardRow, target: { rank?: Rank | null; roomAreaM2?: number | null }): Cap | undefined {
  if (s.areaCaps.length) {
    if (target.roomAreaM2 === undefined || target.roomAreaM2 === null) return { basis: 'room_required' };
    const tier = areaTier(s.areaCaps, target.roomAreaM2);
    if (!tier) return undefined;
    return { basis: 'area', capFen: Math.round(target.roomAreaM2 * tier.fenPerM2), areaM2: target.roomAreaM2, fenPerM2: tier.fenPerM2 };
  }
  const byRank = target.rank ? s.rankCaps[target.rank] : undefined;
  if (byRank !== undefined) return { basis: 'rank', capFen: byRank, rank: target.rank ?? null };
  if (s.capFen === null) return undefined;
  return Object.keys(s.rankCaps).length
    ? { basis: 'rank', capFen: s.capFen, rank: target.rank ?? null }
    : { basis: 'item', capFen: s.capFen };
}

/** Replacement before the minimum life: allowed once either the months or (copiers) the copies are reached. */
export function minLifeReached(s: StandardRow, monthsInUse: number, copies: number | null | undefined): boolean {
  if (s.minLifeMonths !== null && monthsInUse >= s.minLifeMonths) return true;
  if (s.minLifeCopies !== null && typeof copies === 'number' && copies >= s.minLifeCopies) return true;
  return s.minLifeMonths === null && s.minLifeCopies === null;
}
