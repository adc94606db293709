import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setBusinessToday } from '../../platform/clock.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { cardOf, createWorkflowWorld, eventsOf, idleCard, type WorkflowWorld } from '../../testing/world.ts';
import { remindPoolLoans } from './pool-notify.service.ts';
import { expireListings } from './pool.service.ts';

describe('the idle pool: loans with a due date and return, and the time limit on listings', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let u01: Client, u02: Client, officer: Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [u01, u02, officer] = await Promise.all(['u01-admin', 'u02-admin', 'officer'].map((u) => t.as(u)));
  });
  afterEach(() => setBusinessToday(null));
  afterAll(async () => {
    await t?.close();
  });

  const offer = async (c: Client, cardId: string, extra: Record<string, unknown> = {}) => {
    const res = await c.post('/api/pool/listings', { cardIds: [cardId], mode: 'virtual', reason: 'idle', condition: 'good', ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().ids[0] as string;
  };

  it('a loan moves no ownership: the card is lent by an 出借 document, overdue after its due date, and back in the pool on return', async () => {
    setBusinessToday('2026-03-02');
    const card = await idleCard(t.database, w, { unitId: w.u02, name: '投影仪', roomId: null, usingDepartmentId: null });
    const listing = await offer(u02, card.id);
    // A loan needs a due date after today.
    expect((await u01.post(`/api/pool/listings/${listing}/requests`, { purpose: '会议借用', kind: 'loan' })).json().fields).toEqual({
      dueOn: '借用请填写归还日期',
    });
    expect(
      (await u01.post(`/api/pool/listings/${listing}/requests`, { purpose: '会议借用', kind: 'loan', dueOn: '2026-03-02' })).statusCode,
    ).toBe(400);
    const req = (
      await u01.post(`/api/pool/listings/${listing}/requests`, { purpose: '会议借用', kind: 'loan', dueOn: '2026-03-31' })
    ).json().id;
    const decided = await officer.post(`/api/pool/requests/${req}/decide`, { approve: true });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().docNo).toMatch(/^JC\d{10}$/);
    expect(await cardOf(t.database, card.id)).toMatchObject({ unit_id: w.u02, status: 'lent' });
    const listed = (await u01.get(`/api/pool/listings/${listing}`)).json();
    expect(listed.status).toBe('on_loan');
    // Not overdue on its due date; overdue the day after, in the borrower's list and the committee's filter.
    setBusinessToday('2026-03-31');
    expect((await u01.get(`/api/pool/requests/${req}`)).json()).toMatchObject({ kind: 'loan', dueOn: '2026-03-31', overdue: false });
    setBusinessToday('2026-04-01');
    expect((await u01.get(`/api/pool/requests/${req}`)).json().overdue).toBe(true);
    const overdue = (await officer.get('/api/pool/requests?overdue=true')).json();
    expect(overdue.items.map((r: { id: string }) => r.id)).toEqual([req]);
    // The lender cannot return what it does not hold; the borrower returns.
    expect((await u02.post(`/api/pool/requests/${req}/return`, {})).statusCode).toBe(404);
    const back = await u01.post(`/api/pool/requests/${req}/return`, { returnedOn: '2026-04-01' });
    expect(back.statusCode, back.body).toBe(200);
    expect((await u01.get(`/api/pool/requests/${req}`)).json()).toMatchObject({
      status: 'returned',
      returnedOn: '2026-04-01',
      overdue: false,
    });
    expect(await cardOf(t.database, card.id)).toMatchObject({ unit_id: w.u02, status: 'in_use' });
    expect((await u01.get(`/api/pool/listings/${listing}`)).json()).toMatchObject({ status: 'listed', expiresOn: '2026-10-01' });
    expect((await eventsOf(t.database, card.id)).slice(-2).map((e) => e.type)).toEqual(['lent', 'lending_returned']);
    // Returned once only.
    expect((await u01.post(`/api/pool/requests/${req}/return`, {})).statusCode).toBe(409);
    const [doc] = await query<{ payload: { returnedOn: string; periodTo: string } }>(
      t.database.db,
      sql`SELECT payload FROM documents WHERE id = (SELECT transfer_document_id FROM pool_requests WHERE id = ${req})`,
    );
    expect(doc.payload).toMatchObject({ returnedOn: '2026-04-01', periodTo: '2026-03-31' });
  });

  it('a listing nobody asks for within its limit is proposed for disposal the day after; one with a pending request stays', async () => {
    setBusinessToday('2026-01-31');
    const a = await idleCard(t.database, w, { name: '旧沙发', roomId: null, usingDepartmentId: null });
    const b = await idleCard(t.database, w, { name: '旧茶几', roomId: null, usingDepartmentId: null });
    const la = await offer(u01, a.id, { limitMonths: 1 });
    const lb = await offer(u01, b.id, { limitMonths: 1 });
    // 31 January plus one month is the last day of February.
    expect((await u02.get(`/api/pool/listings/${la}`)).json().expiresOn).toBe('2026-02-28');
    await u02.post(`/api/pool/listings/${lb}/requests`, { purpose: '接待室' });
    expect(await expireListings(t.database.db, '2026-02-28')).toEqual({ asOf: '2026-02-28', proposed: 0, cardNos: [] });
    setBusinessToday('2026-03-01');
    const res = await officer.post('/api/pool/expire');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ asOf: '2026-03-01', proposed: 1, cardNos: [a.cardNo] });
    expect((await u02.get(`/api/pool/listings/${la}`)).json().status).toBe('disposal_proposed');
    expect((await u02.get(`/api/pool/listings/${lb}`)).json().status).toBe('listed');
    expect((await u02.get('/api/pool/listings?status=disposal_proposed')).json().total).toBe(1);
    // Only the committee runs it.
    expect((await u01.post('/api/pool/expire')).statusCode).toBe(403);
  });

  it('the requester is told the decision, and the borrowing unit is reminded three days before the due date and weekly once overdue', async () => {
    setBusinessToday('2026-05-04');
    const card = await idleCard(t.database, w, { unitId: w.u02, name: '折叠桌', roomId: null, usingDepartmentId: null });
    const listing = await offer(u02, card.id);
    const titles = async () =>
      ((await u01.get('/api/notifications?limit=200')).json().items as { event: string; title: string }[])
        .filter((n) => n.event.startsWith('pool_') && n.title.includes(card.cardNo))
        .map((n) => n.title);
    const ask = async () =>
      (await u01.post(`/api/pool/listings/${listing}/requests`, { purpose: '活动借用', kind: 'loan', dueOn: '2026-05-20' })).json().id;
    const refused = await officer.post(`/api/pool/requests/${await ask()}/decide`, { approve: false, comment: '活动已取消' });
    expect(refused.statusCode, refused.body).toBe(200);
    const approved = await officer.post(`/api/pool/requests/${await ask()}/decide`, { approve: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await titles()).toEqual([`公物仓借用申请已批准：${card.cardNo}`, `公物仓借用申请未获批准：${card.cardNo}（活动已取消）`]);
    // 05-17: three days before; again the same day: nobody twice; 05-21 overdue; a week later again.
    const runs: [string, number][] = [];
    for (const day of ['2026-05-16', '2026-05-17', '2026-05-17', '2026-05-21', '2026-05-27', '2026-05-28'])
      runs.push([day, (await remindPoolLoans(t.database.db, day)).reminded]);
    expect(runs).toEqual([
      ['2026-05-16', 0],
      ['2026-05-17', 1],
      ['2026-05-17', 0],
      ['2026-05-21', 1],
      ['2026-05-27', 0],
      ['2026-05-28', 1],
    ]);
    expect((await titles()).slice(0, 3)).toEqual([
      `公物仓借用 ${card.cardNo} 已逾期（应于 2026-05-20 归还）`,
      `公物仓借用 ${card.cardNo} 已逾期（应于 2026-05-20 归还）`,
      `公物仓借用 ${card.cardNo} 将于 2026-05-20 到期归还`,
    ]);
  });
});
