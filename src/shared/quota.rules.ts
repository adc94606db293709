// The quantity quota of an allocation standard (docs/domain.md §5): how many items a unit may hold. One
// pure rule, used by the configuration-request check (workflow) and the quota report (reports).
import type { QuotaRule } from './standards.contracts.ts';

/** What a unit's quota depends on: establishment headcount (on the establishment, active) by rank, and 涉密. */
export interface UnitFacts {
  classified: boolean;
  headcount: Record<string, number>;
  total: number;
}

export interface QuotaBasis {
  /** The headcount the rule counts (all establishment staff, or only the rule's ranks). */
  headcount: number;
  /** The ratio applied: the classified ratio for a classified unit when the rule has one (copiers: 0). */
  ratio: number;
  allowed: number;
}

/**
 * The copier rule of 财资〔2016〕27号: one per 20 heads for the first 100, one per 30 above them, a part
 * group counting as a whole (so 101 heads allow 5 + 1 = 6, 130 heads 6, 131 heads 7).
 */
export function copierAllowed(headcount: number, rule: Pick<QuotaRule, 'firstStaff' | 'perFirst' | 'perAbove'>): number {
  const first = rule.firstStaff ?? 100;
  const perFirst = rule.perFirst ?? 20;
  const perAbove = rule.perAbove ?? 30;
  if (headcount <= 0) return 0;
  return Math.ceil(Math.min(headcount, first) / perFirst) + Math.ceil(Math.max(0, headcount - first) / perAbove);
}

/** The quota's figures for a unit, or undefined when the standard sets no quantity limit. */
export function quotaBasis(rule: QuotaRule, facts: UnitFacts): QuotaBasis | undefined {
  if (rule.kind === 'copier') return { headcount: facts.total, ratio: 0, allowed: copierAllowed(facts.total, rule) };
  if (rule.kind !== 'per_staff' || rule.ratio === undefined) return undefined;
  const headcount = rule.ranks?.length ? rule.ranks.reduce((s, r) => s + (facts.headcount[r] ?? 0), 0) : facts.total;
  const ratio = facts.classified && rule.classifiedRatio !== undefined ? rule.classifiedRatio : rule.ratio;
  // A rank with its own ratio (书柜: 2 a bureau-level person) replaces the general one for its heads.
  const extra = Object.entries(rule.rankRatios ?? {}).reduce(
    (s, [r, x]) => (rule.ranks?.length && !rule.ranks.includes(r as never) ? s : s + (facts.headcount[r] ?? 0) * ((x ?? ratio) - ratio)),
    0,
  );
  const weighted = headcount * ratio + extra;
  // The epsilon keeps 0.3 × 10 at 3 (floating point gives 2.9999…); a fraction of an item is not allowed.
  return { headcount, ratio, allowed: Math.floor(weighted + 1e-9) };
}

export const quotaAllowed = (rule: QuotaRule, facts: UnitFacts): number | undefined => quotaBasis(rule, facts)?.allowed;

export const factsFrom = (classified: boolean, headcount: Record<string, number>): UnitFacts => ({
  classified,
  headcount,
  total: Object.values(headcount).reduce((s, n) => s + n, 0),
});
