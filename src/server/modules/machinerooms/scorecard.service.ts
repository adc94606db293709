// Monthly scorecards (月度考核, docs/domain.md §11): computed set-based from the month's work orders
// (each SLA step done late, or still open past its deadline at the computation), inspections (missed
// or done late), the vendor's monthly report (submitted after the rules' due day), and reopened
// resolutions; reviewed, then locked by the committee, which writes the month's fee and the penalty
// lines onto the vendor's statement. The vendor submits its monthly report here too.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type MonthlyReportSubmitInput, SCORE_ITEMS, type ScoreItem, type ScorecardRules } from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { omMonthlyReports, omStatementLines } from './machinerooms.tables.ts';
import { workOrderClock } from './om.clock.ts';
import { monthBounds, monthsBetween } from './om.month.ts';
import { logEvent } from './room.service.ts';
import { scoreOf } from './scorecard.rules.ts';
import { contractInScope, roomScope } from './scope.service.ts';
import { businessInstant } from '../../platform/clock.ts';

type Counts = Record<ScoreItem, { count: number; refs: string[] }>;

/** The month's deductions of a contract, counted at `now`. */
export async function countDeductions(q: Queryable, contractId: string, month: string, rules: ScorecardRules, now: Date): Promise<Counts> {
  const b = monthBounds(month);
  const at = now.toISOString();
  const late = (done: string, due: string) => sql.raw(`coalesce(w.${done}, '${at}'::timestamptz) > w.${due}`);
  const [w] = await query<Record<string, number | string[] | null>>(
    q,
    sql`select
        count(*) filter (where ${late('accepted_at', 'response_due')})::int as late_response,
        (array_agg(w.order_no order by w.order_no) filter (where ${late('accepted_at', 'response_due')}))[1:100] as late_response_refs,
        count(*) filter (where ${late('arrived_at', 'onsite_due')})::int as late_arrival,
        (array_agg(w.order_no order by w.order_no) filter (where ${late('arrived_at', 'onsite_due')}))[1:100] as late_arrival_refs,
        count(*) filter (where ${late('resolved_at', 'resolve_due')})::int as late_resolution,
        (array_agg(w.order_no order by w.order_no) filter (where ${late('resolved_at', 'resolve_due')}))[1:100] as late_resolution_refs,
        coalesce(sum(w.reopen_count), 0)::int as false_report,
        (array_agg(w.order_no order by w.order_no) filter (where w.reopen_count > 0))[1:100] as false_report_refs
      from work_orders w
      where w.contract_id = ${contractId}::uuid and w.reported_at >= ${b.start.toISOString()}::timestamptz and w.reported_at < ${b.end.toISOString()}::timestamptz`,
  );
  const [i] = await query<{ n: number; refs: string[] | null }>(
    q,
    sql`select count(*)::int as n, (array_agg(m.code || ' ' || i.due_on::text order by i.due_on, m.code))[1:100] as refs
      from inspections i join machine_rooms m on m.id = i.machine_room_id
      where i.contract_id = ${contractId}::uuid and i.due_at >= ${b.start.toISOString()}::timestamptz and i.due_at < ${b.end.toISOString()}::timestamptz
        and ((i.done_at is null and i.due_at < ${at}::timestamptz) or i.done_at > i.due_at)`,
  );
  // The report is due by the end of the rules' day of the next month.
  const reportDue = businessInstant(`${b.next}-${String(rules.reportDueDay).padStart(2, '0')}T23:59:59.999`);
  const report = await queryOne<{ submitted_at: string | Date }>(
    q,
    sql`select submitted_at from om_monthly_reports where contract_id = ${contractId}::uuid and month = ${b.first}::date`,
  );
  const reportLate = report ? new Date(report.submitted_at) > reportDue : now > reportDue;
  const item = (k: string) => ({ count: Number(w[k] ?? 0), refs: (w[`${k}_refs`] as string[] | null) ?? [] });
  return {
    late_response: item('late_response'),
    late_arrival: item('late_arrival'),
    late_resolution: item('late_resolution'),
    missed_inspection: { count: i.n, refs: i.refs ?? [] },
    late_report: { count: reportLate ? 1 : 0, refs: reportLate ? [month] : [] },
    false_report: item('false_report'),
  };
}

async function contractOf(q: Queryable, actor: Actor, contractId: string) {
  const scope = await roomScope(q, actor);
  const c = await queryOne<{ id: string; scorecard_rules: ScorecardRules; starts_on: string; ends_on: string; amount_fen: number }>(
    q,
    sql`select c.id::text, c.scorecard_rules, c.starts_on::text, c.ends_on::text, c.amount_fen::float8 as amount_fen from om_contracts c
        where c.id = ${contractId}::uuid and ${contractInScope('c.id', scope)}`,
  );
  if (!c) throw notFound('运维合同');
  return c;
}

/** Computes (or recomputes, while a draft) a contract's scorecard for a month. */
export async function computeScorecard(q: Queryable, actor: Actor, contractId: string, month: string): Promise<{ id: string }> {
  const c = await contractOf(q, actor, contractId);
  if (month < c.starts_on.slice(0, 7) || month > c.ends_on.slice(0, 7))
    throw new AppError('rule_violation', `${month} 不在合同期内`, { month: '不在合同期内' });
  const now = workOrderClock.now();
  const { lines, score, penaltyFen } = scoreOf(c.scorecard_rules, await countDeductions(q, contractId, month, c.scorecard_rules, now));
  return withTx(q, async (tx) => {
    const row = await queryOne<{ id: string }>(
      tx,
      sql`insert into om_scorecards (contract_id, month, status, full_marks, pass_mark, score, penalty_fen, lines, computed_at, computed_by)
        values (${contractId}::uuid, ${`${month}-01`}::date, 'draft', ${c.scorecard_rules.fullMarks}, ${c.scorecard_rules.passMark}, ${score},
          ${penaltyFen}, ${JSON.stringify(lines)}::jsonb, ${now.toISOString()}::timestamptz, ${actor.userId}::uuid)
        on conflict (contract_id, month) do update set full_marks = excluded.full_marks, pass_mark = excluded.pass_mark, score = excluded.score,
          penalty_fen = excluded.penalty_fen, lines = excluded.lines, computed_at = excluded.computed_at, computed_by = excluded.computed_by
          where om_scorecards.status = 'draft'
        returning id::text`,
    );
    if (!row) throw new AppError('invalid_transition', '该月考核已审核或锁定，不能重新计算');
    await logEvent(tx, 'scorecard', row.id, 'compute', actor, { month, score });
    return row;
  });
}

async function lockRow(q: Queryable, id: string) {
  const row = await queryOne<{
    status: string;
    contract_id: string;
    month: string;
    lines: { item: ScoreItem; count: number; penaltyFen: number; penaltyFenEach: number }[];
  }>(
    q,
    sql`select status, contract_id::text, to_char(month, 'YYYY-MM') as month, lines from om_scorecards where id = ${id}::uuid for update`,
  );
  if (!row) throw notFound('考核表');
  return row;
}

/** 审核: the committee has checked the draft (with a note). */
export async function reviewScorecard(q: Queryable, actor: Actor, id: string, note?: string | null): Promise<void> {
  await withTx(q, async (tx) => {
    const row = await lockRow(tx, id);
    if (row.status !== 'draft') throw new AppError('invalid_transition', '只有待审核的考核表可以审核');
    await tx.execute(sql`update om_scorecards set status = 'reviewed', reviewed_by = ${actor.userId}::uuid,
      reviewed_at = ${workOrderClock.now().toISOString()}::timestamptz, review_note = ${note ?? null} where id = ${id}::uuid`);
    await logEvent(tx, 'scorecard', id, 'review', actor, { note });
  });
}

const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 锁定: after the month has ended; writes the month's fee and the penalty lines onto the vendor's statement. */
export async function lockScorecard(q: Queryable, actor: Actor, id: string): Promise<void> {
  const now = workOrderClock.now();
  await withTx(q, async (tx) => {
    // The contract row first, as a contract edit takes it (contract.service.ts updateContract): the
    // edit either sees this month settled or has committed before the fee below is priced.
    await tx.execute(sql`select 1 from om_contracts where id = (select contract_id from om_scorecards where id = ${id}::uuid) for update`);
    const row = await lockRow(tx, id);
    if (row.status !== 'reviewed') throw new AppError('invalid_transition', '考核表须先审核再锁定');
    const b = monthBounds(row.month);
    if (now < b.end) throw new AppError('rule_violation', `${row.month} 尚未结束，不能锁定考核`);
    const c = await queryOne<{ amount_fen: number; starts_on: string; ends_on: string }>(
      tx,
      sql`select amount_fen::float8 as amount_fen, starts_on::text, ends_on::text from om_contracts where id = ${row.contract_id}::uuid`,
    );
    const fee = Math.round(c!.amount_fen / monthsBetween(c!.starts_on, c!.ends_on));
    await tx.execute(sql`update om_scorecards set status = 'locked', locked_by = ${actor.userId}::uuid, locked_at = ${now.toISOString()}::timestamptz
      where id = ${id}::uuid`);
    const lines = [
      { kind: 'fee', description: `${row.month} 月度运维服务费`, amountFen: fee },
      ...row.lines
        .filter((l) => l.count > 0)
        .map((l) => ({
          kind: 'penalty',
          description: `考核扣款：${SCORE_ITEMS[l.item][0]} ${l.count} 次 × ${yuan(l.penaltyFenEach)} 元`,
          amountFen: -l.penaltyFen,
        })),
    ];
    await tx.insert(omStatementLines).values(lines.map((l) => ({ ...l, contractId: row.contract_id, month: b.first, scorecardId: id })));
    await logEvent(tx, 'scorecard', id, 'lock', actor, { month: row.month, lines: lines.length });
  });
}

/** 报送: the vendor submits its monthly report once the month has ended. */
export async function submitMonthlyReport(q: Queryable, actor: Actor, input: z.output<typeof MonthlyReportSubmitInput>): Promise<void> {
  await contractOf(q, actor, input.contractId);
  const now = workOrderClock.now();
  const b = monthBounds(input.month);
  if (now < b.end) throw new AppError('rule_violation', `${input.month} 尚未结束，月报在次月报送`, { month: '当月尚未结束' });
  await withTx(q, async (tx) => {
    const row = await tx
      .insert(omMonthlyReports)
      .values({
        contractId: input.contractId,
        month: b.first,
        submittedAt: now,
        submittedBy: actor.userId,
        submitterName: actor.displayName,
        summary: input.summary ?? null,
      })
      .onConflictDoNothing()
      .returning({ month: omMonthlyReports.month });
    if (!row.length) throw new AppError('conflict', '该月月报已报送');
    await logEvent(tx, 'contract', input.contractId, 'report_submit', actor, { month: input.month });
  });
}
