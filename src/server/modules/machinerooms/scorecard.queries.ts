// Scorecards, the vendor's statement and the year's payment (docs/domain.md §11); a vendor reads its
// own contracts' only.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { PaymentRule, PaymentView, ScorecardQuery, ScorecardView, StatementView } from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { paymentPercent } from './scorecard.rules.ts';
import { contractInScope, roomScope } from './scope.service.ts';

interface Row extends Omit<ScorecardView, 'computedAt' | 'reviewedAt' | 'lockedAt' | 'passed'> {
  computedAt: string | Date;
  reviewedAt: string | Date | null;
  lockedAt: string | Date | null;
}
const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

async function rows(q: Queryable, actor: Actor, where: SQL): Promise<ScorecardView[]> {
  const scope = await roomScope(q, actor);
  const list = await query<Row>(
    q,
    sql`select s.id, s.contract_id as "contractId", c.contract_no as "contractNo", v.name as "vendorName", to_char(s.month, 'YYYY-MM') as month,
        s.status, s.full_marks::float8 as "fullMarks", s.pass_mark::float8 as "passMark", s.score::float8 as score,
        s.penalty_fen::float8 as "penaltyFen", s.lines, s.computed_at as "computedAt", s.reviewed_at as "reviewedAt",
        s.review_note as "reviewNote", s.locked_at as "lockedAt"
      from om_scorecards s join om_contracts c on c.id = s.contract_id join om_vendors v on v.id = c.vendor_id
      where ${contractInScope('s.contract_id', scope)} and ${where} order by s.month desc, c.contract_no`,
  );
  return list.map((r) => ({
    ...r,
    passed: Math.round(r.score * 10) >= Math.round(r.passMark * 10),
    computedAt: iso(r.computedAt)!,
    reviewedAt: iso(r.reviewedAt),
    lockedAt: iso(r.lockedAt),
  }));
}

export async function listScorecards(q: Queryable, actor: Actor, p: z.output<typeof ScorecardQuery>): Promise<ScorecardView[]> {
  const conds: SQL[] = [sql`true`];
  if (p.contractId) conds.push(sql`s.contract_id = ${p.contractId}::uuid`);
  if (p.year) conds.push(sql`extract(year from s.month) = ${p.year}`);
  return rows(q, actor, sql.join(conds, sql` and `));
}

export async function getScorecard(q: Queryable, actor: Actor, id: string): Promise<ScorecardView> {
  const [s] = await rows(q, actor, sql`s.id = ${id}::uuid`);
  if (!s) throw notFound('考核表');
  return s;
}

async function contractHead(q: Queryable, actor: Actor, id: string) {
  const scope = await roomScope(q, actor);
  const c = await queryOne<{ contract_no: string; vendor_name: string; amount_fen: number; payment_rule: PaymentRule }>(
    q,
    sql`select c.contract_no, v.name as vendor_name, c.amount_fen::float8 as amount_fen, c.payment_rule from om_contracts c
        join om_vendors v on v.id = c.vendor_id where c.id = ${id}::uuid and ${contractInScope('c.id', scope)}`,
  );
  if (!c) throw notFound('运维合同');
  return c;
}

/** The vendor's statement of a month: the lines written when its scorecard was locked. */
export async function getStatement(q: Queryable, actor: Actor, contractId: string, month: string): Promise<StatementView> {
  const c = await contractHead(q, actor, contractId);
  const lines = await query<StatementView['lines'][number]>(
    q,
    sql`select kind, description, amount_fen::float8 as "amountFen" from om_statement_lines
        where contract_id = ${contractId}::uuid and month = ${`${month}-01`}::date order by id`,
  );
  return {
    contractId,
    contractNo: c.contract_no,
    vendorName: c.vendor_name,
    month,
    lines,
    totalFen: lines.reduce((s, l) => s + l.amountFen, 0),
  };
}

/** The year's locked scores, their mean (one decimal), the payment rule's share and the payment. */
export async function getPayment(q: Queryable, actor: Actor, contractId: string, year: number): Promise<PaymentView> {
  const c = await contractHead(q, actor, contractId);
  const months = await query<{ month: string; score: number; passed: boolean }>(
    q,
    sql`select to_char(month, 'YYYY-MM') as month, score::float8 as score, score >= pass_mark as passed from om_scorecards
        where contract_id = ${contractId}::uuid and status = 'locked' and extract(year from month) = ${year} order by month`,
  );
  const [pen] = await query<{ fen: number }>(
    q,
    sql`select coalesce(sum(-amount_fen), 0)::float8 as fen from om_statement_lines
        where contract_id = ${contractId}::uuid and kind = 'penalty' and extract(year from month) = ${year}`,
  );
  const mean = months.length ? Math.round(months.reduce((s, m) => s + m.score * 10, 0) / months.length) / 10 : null;
  const percent = mean === null ? null : paymentPercent(c.payment_rule, mean);
  return {
    contractId,
    year,
    months,
    meanScore: mean,
    percent,
    amountFen: c.amount_fen,
    paymentFen: percent === null ? null : Math.round((c.amount_fen * percent) / 100),
    penaltiesFen: pen.fen,
  };
}
