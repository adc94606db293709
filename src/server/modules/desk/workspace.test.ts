import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates.ts';
import type { Workspace, WorkspaceTile } from '../../../shared/desk.contracts.ts';
import { businessToday } from '../../platform/clock.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { addCard, createDoc, createWorkflowWorld, expectOk, idleCard, type WorkflowWorld } from '../../testing/world.ts';

/** The total of the list a tile opens, asked of that list's own route with the tile's filter. */
async function listTotal(c: Client, tile: WorkspaceTile): Promise<number> {
  const qs = new URLSearchParams(tile.filter).toString();
  if (tile.list === 'counts') return (await c.get(`/api/counts?${qs}`)).json().items.length;
  const url = { cards: '/api/cards', documents: '/api/documents', inbox: '/api/inbox', cardReports: '/api/card-reports' }[tile.list];
  const res = await c.get(`${url}?${qs}`);
  expect(res.statusCode).toBe(200);
  return res.json().total;
}

const tiles = (w: Workspace) => [...w.mine, ...w.reminders, ...w.unitTodos];
const byKey = (w: Workspace) => Object.fromEntries(tiles(w).map((t) => [t.key, t.count]));

describe('我的工作台', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let staff: Client, staff2: Client, admin: Client, admin2: Client, officer: Client;
  let requested: string, draftOfColleague: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    // u01-staff is 张伟 (w.u01Staff); a colleague staff account, and a custodian who has left.
    await t.database.db.execute(sql`UPDATE users SET staff_id = ${w.u01Staff} WHERE id = ${w.users['u01-staff']}`);
    await insertUser(t.database.db, 'u01-staff2', TEST_PASSWORD, [{ role: 'staff', unitId: w.u01 }]);
    const today = businessToday();
    await addCard(t.database, w, { serialNo: 'W-1', warrantyUntil: addDays(today, 10) });
    await addCard(t.database, w, { serialNo: 'W-2', warrantyUntil: addDays(today, 40) });
    await addCard(t.database, w, { serialNo: 'W-3' });
    await addCard(t.database, w, {
      serialNo: 'W-4',
      custodianId: w.u01Staff2,
      usingDepartmentId: w.u01Dept2,
      warrantyUntil: addDays(today, 30),
    });
    await addCard(t.database, w, { serialNo: 'W-5', custodianId: w.u01Staff2, usingDepartmentId: w.u01Dept2 });
    await addCard(t.database, w, {
      serialNo: 'W-6',
      unitId: w.u02,
      custodianId: w.u02Staff,
      usingDepartmentId: w.u02Dept,
      roomId: w.u02Room,
    });
    // 李娜 leaves: her two cards wait for a new custodian.
    await t.database.db.execute(sql`UPDATE staff SET active = false WHERE id = ${w.u01Staff2}`);
    [staff, staff2, admin, admin2, officer] = await Promise.all(
      ['u01-staff', 'u01-staff2', 'u01-admin', 'u02-admin', 'officer'].map((u) => t.as(u)),
    );
    const requisition = async (c: Client) =>
      createDoc(c, {
        type: 'requisition',
        payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
        lines: [{ cardId: (await idleCard(t.database, w)).id }],
      });
    requested = await requisition(staff);
    await expectOk(staff.post(`/api/documents/${requested}/submit`));
    const returned = await requisition(staff);
    await expectOk(staff.post(`/api/documents/${returned}/submit`));
    await expectOk(admin.post(`/api/documents/${returned}/return`, { comment: '请补充用途' }));
    const approved = await requisition(staff);
    await expectOk(staff.post(`/api/documents/${approved}/submit`));
    await expectOk(admin.post(`/api/documents/${approved}/approve`, {}));
    draftOfColleague = await requisition(staff2);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows a staff member their assets, requests and reminders, with the figures of the rule', async () => {
    const ws: Workspace = (await staff.get('/api/workspace')).json();
    expect(byKey(ws)).toEqual({ myAssets: 3, myRequests: 1, warrantyEnding: 1, countsAssigned: 0, returnedToMe: 1 });
    expect(ws.unitTodos).toEqual([]);
    expect(ws.waiting).toEqual([]);
    const mine = ws.recentRequests.find((d) => d.id === requested)!;
    expect(mine).toMatchObject({ status: 'submitted', currentStepLabel: '单位资产管理员审批', holders: ['u01-admin（测试）'], ageDays: 0 });
    // The lists come from the same statement as the numbers: the latest change first, times as ISO instants.
    const detail = (await staff.get(`/api/documents/${requested}`)).json() as { submittedAt: string };
    expect(mine.submittedAt).toBe(detail.submittedAt);
    expect(ws.recentRequests.map((d) => d.id)).toHaveLength(new Set(ws.recentRequests.map((d) => d.id)).size);
  });

  it("shows a unit administrator what waits for them and the unit's to-dos, within the unit", async () => {
    const ws: Workspace = (await admin.get('/api/workspace')).json();
    expect(byKey(ws)).toMatchObject({
      inbox: 1,
      warrantyEnding: 2,
      lendingDue: 0,
      approvedNotExecuted: 1,
      overdueLendings: 0,
      custodiansLeft: 2,
      faultsReported: 0,
      selfReportedFaults: 0,
      notInHand: 0,
    });
    expect(ws.waiting.map((d) => [d.id, d.ageDays])).toEqual([[requested, 0]]);
    // Another unit's administrator sees none of unit 01's.
    expect(byKey((await admin2.get('/api/workspace')).json())).toMatchObject({ inbox: 0, approvedNotExecuted: 0, custodiansLeft: 0 });
  });

  it('gives every number the total of the list it opens, for every role', async () => {
    for (const c of [staff, staff2, admin, admin2, officer]) {
      const ws: Workspace = (await c.get('/api/workspace')).json();
      expect(tiles(ws).length).toBeGreaterThan(0);
      for (const tile of tiles(ws))
        expect({ key: tile.key, total: await listTotal(c, tile) }).toEqual({ key: tile.key, total: tile.count });
    }
  });

  it("keeps a colleague's draft from staff, and shows it to its applicant and the unit's administrator", async () => {
    const ids = async (c: Client) => (await c.get('/api/documents?pageSize=100')).json().items.map((d: { id: string }) => d.id);
    expect(await ids(staff)).not.toContain(draftOfColleague);
    expect((await staff.get(`/api/documents/${draftOfColleague}`)).statusCode).toBe(404);
    expect(await ids(staff2)).toContain(draftOfColleague);
    expect(await ids(admin)).toContain(draftOfColleague);
    // Once submitted it is the unit's document again.
    await expectOk(staff2.post(`/api/documents/${draftOfColleague}/submit`));
    expect(await ids(staff)).toContain(draftOfColleague);
  });
});
