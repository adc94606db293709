import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthFromIndex, monthIndex } from '../../../shared/dates.ts';
import { businessToday } from '../../platform/clock.ts';
import { queryOne } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { createDoc, createWorkflowWorld, expectOk, inUseCard, SALE, type WorkflowWorld } from '../../testing/world.ts';

// docs/domain.md §4a: income recorded on an executed disposal or lending document is tracked until it
// is turned over to the treasury; turnovers may be partial, never more than received; a turnover dated
// in a closed month of the books is booked in the first open month.

describe('income turned over to the treasury', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client;
  let leader: Client;
  let finance: Client;
  const today = businessToday();
  const month = today.slice(0, 7);
  const count = async (table: 'income_turnovers' | 'document_events') =>
    (await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))!.n;

  /** Draft, submit, the unit leader's approval, execution. */
  async function executed(input: Parameters<typeof createDoc>[1]): Promise<string> {
    const id = await createDoc(admin, input);
    await expectOk(admin.post(`/api/documents/${id}/submit`));
    await expectOk(leader.post(`/api/documents/${id}/approve`, { comment: '同意' }));
    await expectOk(admin.post(`/api/documents/${id}/execute`));
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    admin = await t.as('u01-admin');
    leader = await t.as('u01-leader');
    finance = await t.as('u01-finance');
  });
  afterAll(async () => {
    await t.close();
  });

  let sale: string;
  it('takes a sale price of ¥12,345.67 as income due, and two turnovers settle it to the fen', async () => {
    const card = await inUseCard(t.database, w);
    sale = await executed({ type: 'disposal', payload: { ...SALE, priceFen: 1_234_567 }, lines: [{ cardId: card.id }] });
    const due = (await finance.get(`/api/income/${sale}`)).json();
    expect(due).toMatchObject({
      source: 'disposal',
      kind: '出售收入',
      counterparty: SALE.buyer,
      receivedOn: today,
      amountFen: 1_234_567,
      turnedOverFen: 0,
      outstandingFen: 1_234_567,
      state: 'outstanding',
      canTurnOver: true,
    });
    const first = await finance.post(`/api/income/${sale}/turnovers`, { amountFen: 1_000_000, paidOn: today, voucherNo: 'FS-0001' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ turnedOverFen: 1_000_000, outstandingFen: 234_567, state: 'outstanding' });
    const second = (
      await finance.post(`/api/income/${sale}/turnovers`, { amountFen: 234_567, paidOn: today, voucherNo: 'FS-0002' })
    ).json();
    expect(second).toMatchObject({ turnedOverFen: 1_234_567, outstandingFen: 0, state: 'settled', canTurnOver: false });
    expect(
      second.turnovers.map((x: { amountFen: number; voucherNo: string; late: boolean }) => [x.amountFen, x.voucherNo, x.late]),
    ).toEqual([
      [1_000_000, 'FS-0001', false],
      [234_567, 'FS-0002', false],
    ]);
    // Each turnover is on the document's history, written with it.
    const events = (await admin.get(`/api/documents/${sale}`))
      .json()
      .events.filter((e: { type: string }) => e.type === 'income_turned_over');
    expect(events.map((e: { note: string }) => e.note)).toEqual([
      `出售收入上缴国库 10000.00 元，缴款日期 ${today}，凭证号 FS-0001`,
      `出售收入上缴国库 2345.67 元，缴款日期 ${today}，凭证号 FS-0002`,
    ]);
  });

  it('refuses to turn over more than is still due, and writes nothing', async () => {
    const card = await inUseCard(t.database, w);
    const id = await executed({
      type: 'disposal',
      payload: { disposalMethod: 'scrap', appraisal: '主板损坏，无维修价值', incomeFen: 8_800 },
      lines: [{ cardId: card.id }],
    });
    await expectOk(finance.post(`/api/income/${id}/turnovers`, { amountFen: 5_000, paidOn: today, voucherNo: 'CZ-1' }));
    const [turnovers, events] = [await count('income_turnovers'), await count('document_events')];
    const res = await finance.post(`/api/income/${id}/turnovers`, { amountFen: 3_801, paidOn: today, voucherNo: 'CZ-2' });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'rule_violation',
      fields: { amountFen: '上缴金额 38.01 元超过尚未上缴的 38.00 元（收入 88.00 元，已上缴 50.00 元）' },
    });
    expect([await count('income_turnovers'), await count('document_events')]).toEqual([turnovers, events]);
    expect((await finance.get(`/api/income/${id}`)).json()).toMatchObject({
      kind: '报废残值收入',
      amountFen: 8_800,
      outstandingFen: 3_800,
    });
    // Only the unit's finance officer records a turnover; a settled document takes none.
    expect((await admin.post(`/api/income/${id}/turnovers`, { amountFen: 1, paidOn: today, voucherNo: 'X' })).statusCode).toBe(403);
    expect((await finance.post(`/api/income/${sale}/turnovers`, { amountFen: 1, paidOn: today, voucherNo: 'X' })).statusCode).toBe(422);
    expect(
      (await finance.post(`/api/income/${id}/turnovers`, { amountFen: 1, paidOn: '2099-01-01', voucherNo: 'X' })).json().fields,
    ).toEqual({
      paidOn: '上缴日期不能晚于今天',
    });
  });

  it('tracks a rental fee; a turnover dated in a closed month is booked in the first open month', async () => {
    const card = await inUseCard(t.database, w);
    const m = (k: number) => monthFromIndex(monthIndex(month) + k);
    const id = await executed({
      type: 'lending',
      payload: { mode: 'rented', counterparty: '某会展公司', periodFrom: today, periodTo: today, incomeFen: 360_000 },
      lines: [{ cardId: card.id }],
    });
    // The rent came in two months ago (10th, noon in Beijing); the books are closed through last month.
    await t.database.db.execute(sql`UPDATE documents SET executed_at = ${`${m(-2)}-10T04:00:00Z`}::timestamptz WHERE id = ${id}`);
    await t.database.db.execute(sql`INSERT INTO unit_books (unit_id, closed_through) VALUES (${w.u01}, ${`${m(-1)}-01`}::date)`);
    const due = (await finance.get(`/api/income?state=overdue&source=lending`)).json();
    expect(due.items).toMatchObject([
      { documentId: id, kind: '出租收入', receivedOn: `${m(-2)}-10`, amountFen: 360_000, state: 'overdue' },
    ]);
    const res = (
      await finance.post(`/api/income/${id}/turnovers`, { amountFen: 360_000, paidOn: `${m(-1)}-20`, voucherNo: 'ZJ-7' })
    ).json();
    expect(res.turnovers).toMatchObject([{ amountFen: 360_000, paidOn: `${m(-1)}-20`, bookedOn: `${m(0)}-01`, late: true }]);
    expect(res.state).toBe('settled');

    // The report by unit and period: last month saw no turnover (its books were closed); this month did.
    const last = (await finance.get(`/api/income/report?from=${m(-2)}&to=${m(-1)}`)).json();
    expect(last.preparedBy).toBe('市发展改革委');
    expect(last.rows.filter((r: { source: string }) => r.source === 'lending')).toMatchObject([
      { documents: 1, openingFen: 0, receivedFen: 360_000, turnedOverFen: 0, closingFen: 360_000, overdueFen: 360_000 },
    ]);
    const now = (await finance.get(`/api/income/report?from=${m(0)}&to=${m(0)}`)).json();
    expect(now.rows).toMatchObject([
      // The sale (¥12,345.67, settled) and the scrap (¥88.00, ¥50.00 turned over) came in this month.
      {
        source: 'disposal',
        documents: 2,
        openingFen: 0,
        receivedFen: 1_243_367,
        turnedOverFen: 1_239_567,
        closingFen: 3_800,
        overdueFen: 0,
      },
      { source: 'lending', documents: 0, openingFen: 360_000, receivedFen: 0, turnedOverFen: 360_000, closingFen: 0, overdueFen: 0 },
    ]);
    expect(now.totals).toMatchObject({ openingFen: 360_000, receivedFen: 1_243_367, turnedOverFen: 1_599_567, closingFen: 3_800 });
    const xlsx = await finance.get(`/api/income/report.xlsx?from=${m(0)}&to=${m(0)}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('refuses a sale whose income is above its price', async () => {
    const card = await inUseCard(t.database, w);
    const res = await admin.post('/api/documents', {
      type: 'disposal',
      payload: { ...SALE, incomeFen: 10_001 },
      lines: [{ cardId: card.id }],
    });
    expect(res.json().fields).toEqual({ 'payload.incomeFen': '处置收入不能超过成交价格' });
  });
  it('filters the list by the months received (the first and last month included)', async () => {
    const month = today.slice(0, 7);
    const before = monthFromIndex(monthIndex(month) - 1);
    const ids = async (q: string) =>
      ((await finance.get(`/api/income?${q}`)).json() as { items: { documentId: string }[] }).items.map((i) => i.documentId);
    expect(await ids(`from=${month}&to=${month}`)).toContain(sale);
    expect(await ids(`to=${before}`)).not.toContain(sale);
    expect(await ids(`from=2010-03&to=2058-12&source=disposal`)).toContain(sale);
  });
});
