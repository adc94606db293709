// The quantity quota of an allocation standard (docs/domain.md §5): how many items a unit may hold. One
// pure rule, used by the configuration-request check (workflow) and the quota report (reports).
import type { QuotaRule } from './workflow.contracts.ts';

/** What a unit's quota depends on: establishment headcount (on the establishment, active) by rank, and 涉密. */
export interface UnitFacts {
  classified: boolean;
  headcount: Record<string, number>;
  total: number;
}

export interface QuotaBasis {
  /** The headcount the rule counts (all establishment staff, or only the rule's ranks). */
  headcount: number;
  /** The ratio applied: the classified ratio for a classified unit when the rule has one. */
  ratio: number;
  allowed: number;
}

/** The quota's figures for a unit, or undefined when the standard sets no quantity limit. */
export function quotaBasis(rule: QuotaRule, facts: UnitFacts): QuotaBasis | undefined {
  if (rule.kind !== 'per_staff' || rule.ratio === undefined) return undefined;
  const headcount = rule.ranks?.length ? rule.ranks.reduce((s, r) => s + (facts.headcount[r] ?? 0), 0) : facts.total;
  const ratio = facts.classified && rule.classifiedRatio !== undefined ? rule.classifiedRatio : rule.ratio;
  // The epsilon keeps 0.3 × 10 at 3 (floating point gives 2.9999…); a fraction of an item is not allowed.
  return { headcount, ratio, allowed: Math.floor(headcount * ratio + 1e-9) };
}

export const quotaAllowed = (rule: QuotaRule, facts: UnitFacts): number | undefined => quotaBasis(rule, facts)?.allowed;

export const factsFrom = (classified: boolean, headcount: Record<string, number>): UnitFacts => ({
  classified,
  headcount,
  total: Object.values(headcount).reduce((s, n) => s + n, 0),
});
