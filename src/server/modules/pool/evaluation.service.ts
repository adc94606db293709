// The utilisation evaluation (资产使用效益评价, docs/domain.md §11): the indicator system as data with
// history, a year's scores per unit with the explanation of each indicator and the ranking, the
// unit's self-evaluation and the committee's review.
import { and, eq, sql } from 'drizzle-orm';
import type {
  EvaluationReport,
  Indicator,
  IndicatorInput,
  IndicatorSource,
  ReviewInput,
  SelfInput,
  UnitEvaluation,
} from '../../../shared/evaluation.contracts.ts';
import { assertInScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { businessToday, businessYear } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { evalIndicators, evalReviews } from './evaluation.tables.ts';
import { rankOf, round2, scoreUnit } from './evaluation.rules.ts';
import { figureOf, unitFigures } from './evaluation.sources.ts';

const INDICATOR_COLUMNS = sql`id, code, name, source, direction, weight, best, worst, target, tolerance, from_year AS "fromYear", note`;

/** The indicator system in force for `year`: per code, the latest row from that year or before (weight 0 included). */
export async function indicatorsFor(q: Queryable, year: number): Promise<Indicator[]> {
  return query<Indicator>(
    q,
    sql`SELECT * FROM (SELECT DISTINCT ON (code) ${INDICATOR_COLUMNS} FROM eval_indicators WHERE from_year <= ${year}
      ORDER BY code, from_year DESC) x ORDER BY weight = 0, code`,
  );
}

/** Every version of every indicator, newest first: the system's history. */
export async function indicatorHistory(q: Queryable): Promise<Indicator[]> {
  return query<Indicator>(q, sql`SELECT ${INDICATOR_COLUMNS} FROM eval_indicators ORDER BY code, from_year DESC`);
}

/** Adds (or, for the same year, replaces) an indicator's rules from `fromYear` on; earlier years keep theirs. */
export async function saveIndicator(q: Queryable, actor: Actor, input: IndicatorInput): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    const values = {
      code: input.code,
      name: input.name,
      source: input.source,
      direction: input.direction,
      weight: input.weight,
      best: input.direction === 'target' ? null : (input.best ?? null),
      worst: input.direction === 'target' ? null : (input.worst ?? null),
      target: input.direction === 'target' ? (input.target ?? null) : null,
      tolerance: input.direction === 'target' ? (input.tolerance ?? null) : null,
      fromYear: input.fromYear,
      note: input.note || null,
      createdBy: actor.userId,
    };
    const [row] = await tx
      .insert(evalIndicators)
      .values(values)
      .onConflictDoUpdate({ target: [evalIndicators.code, evalIndicators.fromYear], set: { ...values, createdAt: new Date() } })
      .returning({ id: evalIndicators.id });
    return { id: row.id };
  });
}

const asOfFor = (year: number) => {
  const today = businessToday();
  const end = `${year}-12-31`;
  return end < today ? end : today;
};

/**
 * A year's evaluation: every unit scored (the rank is among all units), the rows the actor may see.
 * The figures are read live from the books; what a unit submitted is kept in its self-evaluation.
 */
export async function evaluateYear(q: Queryable, actor: Actor, year: number): Promise<EvaluationReport> {
  if (year > businessYear()) throw invalid({ year: '不能评价未来年度' });
  const scope = unitScope(actor, 'pool.evaluate');
  const asOf = asOfFor(year);
  const rules = (await indicatorsFor(q, year)).filter((r) => r.weight > 0);
  const figures = await unitFigures(q, `${year}-01-01`, asOf);
  const reviews = await query<{
    unit_id: string;
    year: number;
    status: string;
    self_score: number;
    self_comment: string | null;
    review_score: number | null;
    review_comment: string | null;
  }>(
    q,
    sql`SELECT unit_id, year, status, self_score, self_comment, review_score, review_comment FROM eval_reviews WHERE year IN (${year}, ${year - 1})`,
  );
  const scored = figures.map((f) => {
    const values = new Map(rules.map((r) => [r.code, figureOf(r.source as IndicatorSource, f)]));
    return { f, ...scoreUnit(rules, values) };
  });
  const items: UnitEvaluation[] = rankOf(scored)
    .filter((s) => scope === 'all' || scope.includes(s.f.unitId))
    .map((s) => {
      const r = reviews.find((x) => x.unit_id === s.f.unitId && x.year === year);
      const prev = reviews.find((x) => x.unit_id === s.f.unitId && x.year === year - 1);
      return {
        unitId: s.f.unitId,
        unitCode: s.f.unitCode,
        unitName: s.f.unitName,
        year,
        total: s.total,
        applicableWeight: s.applicableWeight,
        rank: s.rank,
        items: s.items,
        status: r?.status ?? null,
        selfScore: r ? Number(r.self_score) : null,
        selfComment: r?.self_comment ?? null,
        reviewScore: r?.review_score === null || r?.review_score === undefined ? null : Number(r.review_score),
        reviewComment: r?.review_comment ?? null,
        previousScore: prev ? Number(prev.review_score ?? prev.self_score) : null,
      };
    });
  return { year, asOf, items };
}

/** 自评: the unit submits its year's figures as they stand, with its comment; a reviewed year is final. */
export async function submitSelfEvaluation(q: Queryable, actor: Actor, unitId: string, input: SelfInput): Promise<{ score: number }> {
  assertInScope(unitId, unitScope(actor, 'evaluation.self'), '单位');
  return withTx(q, async (tx) => {
    const report = await evaluateYear(tx, actor, input.year);
    const mine = report.items.find((i) => i.unitId === unitId);
    if (!mine) throw new AppError('not_found', '单位不存在');
    const [existing] = await tx
      .select()
      .from(evalReviews)
      .where(and(eq(evalReviews.unitId, unitId), eq(evalReviews.year, input.year)))
      .for('update');
    if (existing?.status === 'reviewed') throw new AppError('invalid_transition', '该年度评价已复核，不能再自评');
    const values = {
      unitId,
      year: input.year,
      status: 'self_submitted',
      selfScore: mine.total,
      selfComment: input.comment || null,
      snapshot: mine.items,
      submittedBy: actor.userId,
      submittedAt: new Date(),
    };
    if (existing) await tx.update(evalReviews).set(values).where(eq(evalReviews.id, existing.id));
    else await tx.insert(evalReviews).values(values);
    return { score: mine.total };
  });
}

/** 复核: the committee confirms the self-evaluation or sets its own score, with its reason. */
export async function reviewEvaluation(q: Queryable, actor: Actor, unitId: string, input: ReviewInput): Promise<{ score: number }> {
  return withTx(q, async (tx) => {
    const [row] = await tx
      .select()
      .from(evalReviews)
      .where(and(eq(evalReviews.unitId, unitId), eq(evalReviews.year, input.year)))
      .for('update');
    if (!row) throw new AppError('invalid_transition', '该单位尚未提交本年度自评');
    if (row.submittedBy === actor.userId) throw new AppError('forbidden', '不能复核本人提交的自评');
    const score = round2(input.score ?? row.selfScore);
    await tx
      .update(evalReviews)
      .set({ status: 'reviewed', reviewScore: score, reviewComment: input.comment, reviewedBy: actor.userId, reviewedAt: new Date() })
      .where(eq(evalReviews.id, row.id));
    return { score };
  });
}
