// The scoring of the utilisation evaluation (docs/domain.md §11), apart from any database: a figure
// per indicator in, points out. One-sided indicators score linearly from `worst` (0 points) to `best`
// (full weight), clamped; two-sided ones lose points linearly with the distance from `target`,
// reaching 0 at `tolerance`. An indicator without a figure does not apply, and the total is rescaled
// to the weights that do: total = 100 × Σ points ÷ Σ applicable weights.
import type { IndicatorScore } from '../../../shared/evaluation.contracts.ts';

export interface IndicatorRule {
  code: string;
  name: string;
  direction: string;
  weight: number;
  best: number | null;
  worst: number | null;
  target: number | null;
  tolerance: number | null;
}

/** Two decimals, halves away from zero (what a person rounding by hand writes). */
export const round2 = (x: number): number => (Math.sign(x) * Math.round(Math.abs(x) * 100 + 1e-9)) / 100;

const clamp = (x: number) => Math.min(1, Math.max(0, x));
const fmt = (x: number | null) => (x === null ? '—' : String(round2(x)));

/** The share (0–1) of its weight an indicator earns with `value`. */
export function ratioOf(rule: IndicatorRule, value: number): number {
  if (rule.direction === 'target') {
    const tol = rule.tolerance ?? 0;
    if (tol <= 0) return value === rule.target ? 1 : 0;
    return clamp(1 - Math.abs(value - (rule.target ?? 0)) / tol);
  }
  const best = rule.best ?? 0;
  const worst = rule.worst ?? 0;
  if (best === worst) return value === best ? 1 : 0;
  return clamp((value - worst) / (best - worst));
}

function explain(rule: IndicatorRule, value: number, score: number): string {
  const got = `得 ${score.toFixed(2)} 分（权重 ${rule.weight}）`;
  if (rule.direction === 'target')
    return `实际 ${fmt(value)}，标准 ${fmt(rule.target)}，偏离 ${fmt(Math.abs(value - (rule.target ?? 0)))}（偏离 ${fmt(rule.tolerance)} 及以上得 0 分）；${got}`;
  if (rule.direction === 'lower')
    return `实际 ${fmt(value)}，越低越好：不高于 ${fmt(rule.best)} 满分，不低于 ${fmt(rule.worst)} 得 0 分；${got}`;
  return `实际 ${fmt(value)}，越高越好：不低于 ${fmt(rule.best)} 满分，不高于 ${fmt(rule.worst)} 得 0 分；${got}`;
}

export interface Scored {
  total: number;
  applicableWeight: number;
  items: IndicatorScore[];
}

/**
 * Scores one unit: `values` maps an indicator's code to its figure (already rounded to two decimals)
 * or to a reason it does not apply.
 */
export function scoreUnit(rules: IndicatorRule[], values: Map<string, number | { na: string }>): Scored {
  const active = rules.filter((r) => r.weight > 0);
  const applicable = active.filter((r) => typeof values.get(r.code) === 'number');
  const applicableWeight = applicable.reduce((s, r) => s + r.weight, 0);
  const scale = applicableWeight > 0 ? 100 / applicableWeight : 0;
  let points = 0;
  const items = active.map((r): IndicatorScore => {
    const v = values.get(r.code);
    if (typeof v !== 'number')
      return {
        code: r.code,
        name: r.name,
        direction: r.direction,
        weight: r.weight,
        value: null,
        applicable: false,
        score: 0,
        weighted: 0,
        explanation: `不适用（${v?.na ?? '无数据'}）：其权重 ${r.weight} 由其余指标按比例分摊`,
      };
    const raw = r.weight * ratioOf(r, v);
    points += raw;
    return {
      code: r.code,
      name: r.name,
      direction: r.direction,
      weight: r.weight,
      value: v,
      applicable: true,
      score: round2(raw),
      weighted: round2(raw * scale),
      explanation: explain(r, v, round2(raw)),
    };
  });
  return { total: round2(points * scale), applicableWeight, items };
}

/** Ranks by total, highest first; equal totals share a rank (1, 2, 2, 4). */
export function rankOf<T extends { total: number }>(rows: T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  return sorted.map((r) => ({ ...r, rank: sorted.findIndex((x) => x.total === r.total) + 1 }));
}
