// An annual plan that repeats, and low-value items (低值易耗品) counted with the fixed assets.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { world, type World } from '../../testing/world.ts';

let t: TestApp;
let w: World;
let unit: string;
let office: Client;
let counterId: string;
let desk: string;
let stapler: string;
let countId: string;

beforeAll(async () => {
  t = await createTestApp();
  w = world(t.database);
  unit = await w.unit();
  const furniture = await w.category({ name: '家具' });
  // ¥4,800 is above the category's ¥1,000 threshold (a fixed asset); ¥300 below it (a low-value item).
  desk = await w.card({ unitId: unit, categoryId: furniture.id, originalValueFen: 480_000, name: '办公桌' });
  stapler = await w.card({ unitId: unit, categoryId: furniture.id, originalValueFen: 30_000, name: '订书机' });
  await w.user('annual-admin', 'unit_admin', unit);
  counterId = await w.user('annual-staff', 'staff', unit);
  office = await t.as('annual-admin');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('an annual count that repeats', () => {
  it('refuses "repeats yearly" on a count held for another reason, naming the field', async () => {
    const res = await office.post('/api/counts', {
      title: '专项清查',
      reason: 'campaign',
      unitIds: [unit],
      baseDate: '2026-12-31',
      repeatsYearly: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('repeatsYearly');
  });

  it('counts the low-value stapler with the desk: 2 expected, both found, 100 %', async () => {
    const res = await office.post('/api/counts', {
      title: '2026 年度清查',
      reason: 'annual',
      unitIds: [unit],
      baseDate: '2026-12-31',
      dueDate: '2027-01-15',
      counterIds: [counterId],
      repeatsYearly: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    countId = res.json().id;
    expect((await office.post(`/api/counts/${countId}/start`)).json()).toEqual({ expectedCount: 2 });
    const kinds = [(await w.cardRow(desk)).assetKind, (await w.cardRow(stapler)).assetKind];
    expect(kinds).toEqual(['fixed', 'low_value']);
    const counter = await t.as('annual-staff');
    const numbers = [(await w.cardRow(desk)).cardNo, (await w.cardRow(stapler)).cardNo];
    const sync = await counter.post(`/api/counts/${countId}/scans`, {
      scans: numbers.map((code) => ({ key: crypto.randomUUID(), code })),
    });
    expect(sync.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['found', 'found']);
    const result = (await office.get(`/api/counts/${countId}/result`)).json();
    expect([result.totals.expected, result.totals.found, result.totals.matchRateBp]).toEqual([2, 2, 10_000]);
  });

  it("plans next year's count on closing: same scope and counters, base and due dates a year on", async () => {
    const closed = await office.post(`/api/counts/${countId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    const nextId = closed.json().nextCountId as string;
    expect(nextId).toEqual(expect.any(String));
    const next = (await office.get(`/api/counts/${nextId}`)).json();
    expect({
      title: next.title,
      reason: next.reason,
      status: next.status,
      baseDate: next.baseDate,
      dueDate: next.dueDate,
      unitIds: next.unitIds,
      repeatsYearly: next.repeatsYearly,
      repeatOf: next.repeatOf,
      counters: next.counters.map((c: { userId: string; lead: boolean }) => [c.userId, c.lead]),
    }).toEqual({
      title: '2027 年度清查',
      reason: 'annual',
      status: 'planned',
      baseDate: '2027-12-31',
      dueDate: '2028-01-15',
      unitIds: [unit],
      repeatsYearly: true,
      repeatOf: countId,
      counters: [[counterId, true]],
    });
    expect((await office.get(`/api/counts/${countId}`)).json().nextCountId).toBe(nextId);
  });
});
