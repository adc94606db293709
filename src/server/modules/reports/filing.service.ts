// 月报报送 (docs/domain.md §7): a unit submits its monthly report set for a month its books have
// closed; the committee's asset office reviews it; approving locks it. Locking renders the set once —
// its canonical data (JSON) and its workbook — stores both and seals them on the report ledger (hashes
// chained across locked filings: migrations/post/260_report_filings.sql). A locked report is read from
// what was stored, never recomputed, so a later operation (a late posting, a 反结账 asked) cannot move it.
import { sql } from 'drizzle-orm';
import type { FilingSummary, ReportSetQuery, ReportSetView } from '../../../shared/reportset.contracts.ts';
import { type Actor, assertInScope, unitScope } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { reportSetXlsx } from './reportset.excel.ts';
import { buildReportSet, monthClosedFor } from './reportset.service.ts';
import { monthFirst } from './summary.queries.ts';

interface FilingRow {
  id: string;
  unit_id: string;
  unit_name: string;
  month: string;
  status: 'submitted' | 'returned' | 'locked';
  submitted_at: Date | string;
  submitted_by: string;
  reviewed_at: Date | string | null;
  reviewed_by: string | null;
  review_note: string | null;
  hash: string | null;
}

const SELECT = sql`
  SELECT f.id, f.unit_id, u.name AS unit_name, to_char(f.month, 'YYYY-MM') AS month, f.status, f.submitted_at,
    coalesce(us.display_name, '') AS submitted_by, f.reviewed_at, ur.display_name AS reviewed_by, f.review_note, f.hash
  FROM report_filings f JOIN units u ON u.id = f.unit_id
  LEFT JOIN users us ON us.id = f.submitted_by LEFT JOIN users ur ON ur.id = f.reviewed_by`;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const view = (r: FilingRow): FilingSummary => ({
  id: r.id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  month: r.month,
  status: r.status,
  submittedAt: iso(r.submitted_at)!,
  submittedBy: r.submitted_by,
  reviewedAt: iso(r.reviewed_at),
  reviewedBy: r.reviewed_by,
  reviewNote: r.review_note,
  hash: r.hash,
});

/** The scope of a set request: a unit's user reports their own unit; the committee any unit or the whole. */
function setScope(actor: Actor, unitId: string | undefined) {
  const scope = unitScope(actor, 'report.read');
  if (unitId) assertInScope(unitId, scope, '单位');
  else if (scope !== 'all') {
    if (scope.length !== 1) throw new AppError('validation', '请选择单位', { unitId: '请选择单位' });
    unitId = scope[0];
  }
  return { scope, unitId };
}

/**
 * The report set of a month: a unit's locked report as stored; anything else live, with the cover's
 * 制表人 the person asking.
 */
export async function reportSet(q: Queryable, actor: Actor, p: ReportSetQuery): Promise<ReportSetView> {
  const { scope, unitId } = setScope(actor, p.unitId);
  const filing = unitId ? await filingOf(q, unitId, p.month) : null;
  if (filing?.status === 'locked') {
    const stored = await queryOne<{ canonical: string }>(q, sql`SELECT canonical FROM report_filings WHERE id = ${filing.id}`);
    return { ...(JSON.parse(stored!.canonical) as Omit<ReportSetView, 'filing' | 'monthClosed'>), monthClosed: true, filing };
  }
  const set = await buildReportSet(q, { scope, unitId }, p.month, actor.displayName);
  return { ...set, filing };
}

/** The workbook of a month's set: a locked report's stored file, otherwise rendered now. */
export async function reportSetFile(q: Queryable, actor: Actor, p: ReportSetQuery): Promise<{ file: Buffer; name: string }> {
  const { unitId } = setScope(actor, p.unitId);
  const filing = unitId ? await filingOf(q, unitId, p.month) : null;
  if (filing?.status === 'locked') return lockedFile(q, filing.id);
  const set = await reportSet(q, actor, p);
  return { file: await reportSetXlsx(set), name: `${set.cover.unitName}-月报-${p.month}.xlsx` };
}

async function lockedFile(q: Queryable, id: string) {
  const row = await queryOne<{ file_base64: string; unit_name: string; month: string }>(
    q,
    sql`SELECT f.file_base64, u.name AS unit_name, to_char(f.month, 'YYYY-MM') AS month FROM report_filings f JOIN units u ON u.id = f.unit_id WHERE f.id = ${id}`,
  );
  return { file: Buffer.from(row!.file_base64, 'base64'), name: `${row!.unit_name}-月报-${row!.month}.xlsx` };
}

async function filingOf(q: Queryable, unitId: string, month: string): Promise<FilingSummary | null> {
  const r = await queryOne<FilingRow>(q, sql`${SELECT} WHERE f.unit_id = ${unitId} AND f.month = ${monthFirst(month)}::date`);
  return r ? view(r) : null;
}

async function filingById(q: Queryable, actor: Actor, id: string, permission: 'report.read' | 'report.review' | 'report.submit') {
  const r = await queryOne<FilingRow>(q, sql`${SELECT} WHERE f.id = ${id}`);
  if (!r) throw notFound('月报');
  assertInScope(r.unit_id, unitScope(actor, permission), '月报');
  return r;
}

export async function listFilings(q: Queryable, actor: Actor, month?: string): Promise<FilingSummary[]> {
  const scope = unitScope(actor, 'report.read');
  const rows = await query<FilingRow>(
    q,
    sql`${SELECT} WHERE ${
      scope === 'all'
        ? sql`true`
        : scope.length
          ? sql`f.unit_id IN (${sql.join(
              scope.map((u) => sql`${u}::uuid`),
              sql`, `,
            )})`
          : sql`false`
    }
      ${month ? sql`AND f.month = ${monthFirst(month)}::date` : sql``}
    ORDER BY f.month DESC, u.sort, u.code`,
  );
  return rows.map(view);
}

export async function getFiling(q: Queryable, actor: Actor, id: string) {
  return view(await filingById(q, actor, id, 'report.read'));
}

export async function filingFile(q: Queryable, actor: Actor, id: string) {
  const r = await filingById(q, actor, id, 'report.read');
  if (r.status !== 'locked') throw new AppError('invalid_transition', '月报审核锁定后才有存档文件');
  return lockedFile(q, id);
}

/** 报送: the unit's month must be closed (结账); a returned report may be submitted again. */
export async function submitFiling(q: Queryable, actor: Actor, unitId: string, month: string): Promise<FilingSummary> {
  assertInScope(unitId, unitScope(actor, 'report.submit'), '单位');
  return withTx(q, async (tx) => {
    if (!(await queryOne(tx, sql`SELECT 1 FROM units WHERE id = ${unitId} FOR UPDATE`))) throw notFound('单位');
    if (!(await monthClosedFor(tx, [unitId], month)))
      throw new AppError('invalid_transition', `${month} 尚未结账：月报须在本月结账后报送`, { month: '本月尚未结账' });
    const existing = await queryOne<{ id: string; status: string }>(
      tx,
      sql`SELECT id, status FROM report_filings WHERE unit_id = ${unitId} AND month = ${monthFirst(month)}::date`,
    );
    if (existing?.status === 'locked') throw new AppError('invalid_transition', `${month} 的月报已审核锁定`);
    if (existing?.status === 'submitted') throw new AppError('conflict', `${month} 的月报已报送，待审核`);
    const id = existing
      ? (await queryOne<{ id: string }>(
          tx,
          sql`UPDATE report_filings SET status = 'submitted', submitted_by = ${actor.userId}, submitted_at = now(),
              reviewed_by = NULL, reviewed_at = NULL, review_note = NULL WHERE id = ${existing.id} RETURNING id`,
        ))!.id
      : (await queryOne<{ id: string }>(
          tx,
          sql`INSERT INTO report_filings (unit_id, month, submitted_by) VALUES (${unitId}, ${monthFirst(month)}::date, ${actor.userId}) RETURNING id`,
        ))!.id;
    return view((await queryOne<FilingRow>(tx, sql`${SELECT} WHERE f.id = ${id}`))!);
  });
}

/**
 * 审核: the committee returns the report with a note, or approves it. Approval locks it: the set is
 * rendered once (制表人 the person who submitted it, printed the day it is locked), stored with its
 * workbook, and sealed on the report ledger in the same transaction.
 */
export async function reviewFiling(q: Queryable, actor: Actor, id: string, approve: boolean, note?: string): Promise<FilingSummary> {
  const r = await filingById(q, actor, id, 'report.review');
  if (!approve && !note) throw new AppError('validation', '退回须说明原因', { note: '请填写退回原因' });
  return withTx(q, async (tx) => {
    const cur = await queryOne<{ status: string; submitted_by: string }>(
      tx,
      sql`SELECT status, submitted_by FROM report_filings WHERE id = ${id} FOR UPDATE`,
    );
    if (cur?.status !== 'submitted') throw new AppError('invalid_transition', '只有待审核的月报可以审核');
    if (cur.submitted_by === actor.userId) throw new AppError('forbidden', '报送人不能审核自己报送的月报');
    if (!approve) {
      await tx.execute(
        sql`UPDATE report_filings SET status = 'returned', reviewed_by = ${actor.userId}, reviewed_at = now(), review_note = ${note!} WHERE id = ${id}`,
      );
    } else {
      if (!(await monthClosedFor(tx, [r.unit_id], r.month)))
        throw new AppError('invalid_transition', `${r.month} 已反结账，须重新结账后审核`);
      const set = await buildReportSet(tx, { scope: [r.unit_id], unitId: r.unit_id }, r.month, r.submitted_by, businessToday());
      const stored = { cover: set.cover, tables: set.tables };
      const canonical = JSON.stringify(stored);
      const file = (await reportSetXlsx(stored)).toString('base64');
      // One chain across every locked filing: taken in turn under a transaction-scoped lock.
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('report_filings'))`);
      const last = await queryOne<{ seq: number; hash: string }>(
        tx,
        sql`SELECT seq, hash FROM report_filings WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1`,
      );
      const seq = (last?.seq ?? 0) + 1;
      // The seal in the same statement (a locked row can never be updated again: migrations/post/260),
      // from the same functions the verification recomputes it with.
      await tx.execute(sql`
        WITH t AS (SELECT date_trunc('milliseconds', now()) AS at)
        UPDATE report_filings SET status = 'locked', reviewed_by = ${actor.userId}, reviewed_at = t.at, review_note = ${note ?? null},
          canonical = ${canonical}, data_hash = report_data_hash(${canonical}), file_base64 = ${file}, file_hash = report_file_hash(${file}),
          seq = ${seq}, prev_hash = ${last?.hash ?? null},
          hash = report_filing_hash(${last?.hash ?? null}, ${seq}::int, unit_id, month, report_data_hash(${canonical}), report_file_hash(${file}), ${actor.userId}::uuid, t.at)
        FROM t WHERE id = ${id}`);
    }
    const row = (await queryOne<FilingRow>(tx, sql`${SELECT} WHERE f.id = ${id}`))!;
    return view(row);
  });
}

/** Whether the unit has a locked report for `month` (YYYY-MM) or later: its books may not be re-opened under it. */
export async function hasLockedFiling(q: Queryable, unitId: string, month: string): Promise<boolean> {
  return !!(await queryOne(
    q,
    sql`SELECT 1 FROM report_filings WHERE unit_id = ${unitId} AND status = 'locked' AND month >= ${monthFirst(month)}::date LIMIT 1`,
  ));
}
