import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setBusinessToday } from '../../platform/clock.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, inUseCard, type WorkflowWorld } from '../../testing/world.ts';

// The printed approval sheet (审批表, docs/domain.md §4) shows what the approver decides on, as each
// type's `sheet` declares it: a disposal's method, appraisal, and each card's value and age.

describe('approval sheet', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client;
  let leader: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    admin = await t.as('u01-admin');
    leader = await t.as('u01-leader');
  });
  afterEach(() => setBusinessToday(null));
  afterAll(async () => {
    await t.close();
  });

  it("gives a disposal's card its net value and age from the card's depreciation", async () => {
    // ¥7,200.00 over 72 months is ¥100.00 a month; posted 2023-03-05, 40 months charged: ¥4,000.00.
    const card = await inUseCard(t.database, w, { originalValueFen: 720_000, accumulatedDepreciationFen: 400_000, postedOn: '2023-03-05' });
    setBusinessToday('2026-07-10');
    const id = await createDoc(admin, {
      type: 'disposal',
      payload: { disposalMethod: 'scrap', appraisal: '主板烧毁，经鉴定无修复价值' },
      lines: [{ cardId: card.id }],
    });
    await expectOk(admin.post(`/api/documents/${id}/submit`));
    await expectOk(leader.post(`/api/documents/${id}/approve`, { comment: '同意报废' }));
    const sheet = (await admin.get(`/api/documents/${id}/sheet`)).json();
    expect(sheet).toMatchObject({ unitName: '市发展改革委', asOf: '2026-07-10', status: 'approved', printedOn: '2026-07-10' });
    expect(sheet.facts).toMatchObject({ disposalMethod: 'scrap', appraisal: '主板烧毁，经鉴定无修复价值' });
    expect(sheet.lines[0]).toMatchObject({
      cardNo: card.cardNo,
      originalValueFen: 720_000,
      accumulatedDepreciationFen: 400_000,
      netValueFen: 320_000,
      postedOn: '2023-03-05',
      ageMonths: 40,
    });
    expect(sheet.steps[0]).toMatchObject({
      label: '单位负责人审批',
      state: 'approved',
      comment: '同意报废',
      decidedByName: 'u01-leader（测试）',
    });
  });

  it("names a requisition's receiver and place, and a transfer's place before and after", async () => {
    const idle = await idleCard(t.database, w);
    const req = await createDoc(admin, {
      type: 'requisition',
      payload: { departmentId: w.u01Dept, custodianId: w.u01Staff, roomId: w.u01Room },
      lines: [{ cardId: idle.id }],
    });
    expect((await admin.get(`/api/documents/${req}/sheet`)).json().facts).toMatchObject({
      departmentName: '办公室',
      custodianName: '张伟',
      roomName: '301',
    });
    const card = await inUseCard(t.database, w);
    const tr = await createDoc(admin, {
      type: 'transfer',
      payload: { departmentId: w.u01Dept2, custodianId: w.u01Staff2 },
      lines: [{ cardId: card.id }],
    });
    await expectOk(admin.post(`/api/documents/${tr}/submit`));
    await expectOk(leader.post(`/api/documents/${tr}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${tr}/execute`));
    expect((await admin.get(`/api/documents/${tr}/sheet`)).json().lines[0]).toMatchObject({
      fromPlace: '市发展改革委 · 办公室 · 张伟 · 301',
      toPlace: '市发展改革委 · 综合处 · 李娜 · 301',
    });
  });
});
