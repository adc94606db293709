// The monthly scorecard's arithmetic (docs/domain.md §11): per item, the count times the contract's
// points and penalty; the score is full marks less the points (never below 0), in tenths so 0.5-point
// items add up exactly; passed when it reaches the pass mark. And the payment rule's band for a mean.
import {
  type PaymentRule,
  SCORE_ITEMS,
  type ScoreItem,
  type ScorecardLine,
  type ScorecardRules,
} from '../../../shared/machinerooms.contracts.ts';

const tenths = (p: number) => Math.round(p * 10);

export function scoreOf(
  rules: ScorecardRules,
  counts: Record<ScoreItem, { count: number; refs: string[] }>,
): { lines: ScorecardLine[]; score: number; passed: boolean; penaltyFen: number } {
  const lines = (Object.keys(SCORE_ITEMS) as ScoreItem[]).map((item) => {
    const r = rules.items[item];
    const { count, refs } = counts[item];
    return {
      item,
      count,
      pointsEach: r.points,
      points: (tenths(r.points) * count) / 10,
      penaltyFenEach: r.penaltyFen,
      penaltyFen: r.penaltyFen * count,
      refs,
    };
  });
  const lost = lines.reduce((s, l) => s + tenths(l.pointsEach) * l.count, 0);
  const score = Math.max(0, tenths(rules.fullMarks) - lost) / 10;
  return { lines, score, passed: tenths(score) >= tenths(rules.passMark), penaltyFen: lines.reduce((s, l) => s + l.penaltyFen, 0) };
}

/** The share paid for a mean score: the band with the highest minimum the mean reaches. */
export function paymentPercent(rule: PaymentRule, mean: number): number {
  const bands = [...rule.bands].sort((a, b) => b.minScore - a.minScore);
  return (bands.find((b) => tenths(mean) >= tenths(b.minScore)) ?? bands[bands.length - 1]).percent;
}
