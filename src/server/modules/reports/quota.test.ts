import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quotaBasis } from '../../../shared/quota.rules.ts';
import type { QuotaRow, QuotaView } from '../../../shared/reports.contracts.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { type CardSpec, world, type World } from '../../testing/world.ts';
import { businessToday } from '../../platform/clock.ts';

// The central standards shipped by migrations/post/180, matched by GB/T 14885 code: desktop
// (2010104) ≤ 100 % of establishment staff, 150 % in a classified unit; office chair (6010301)
// ≤ 100 %; meeting chair (6010302) without a quota.
let t: TestApp;
let w: World;
let db: Queryable;
const u = { over: '', classified: '', under: '', disposedOnly: '', chairs: '' };
const cat = { desktop: '', officeChair: '', meetingChair: '' };
let office: Client, financeOver: Client, staffOver: Client;

async function staff(unitId: string, n: number, over: { rank?: string; onEstablishment?: boolean; active?: boolean } = {}) {
  for (let i = 0; i < n; i++) {
    await db.execute(sql`INSERT INTO staff (unit_id, name, rank, on_establishment, active)
      VALUES (${unitId}, ${`职工${i}`}, ${over.rank ?? 'below_bureau'}, ${over.onEstablishment ?? true}, ${over.active ?? true})`);
  }
}

async function cards(unitId: string, categoryId: string, n: number, over: Pick<CardSpec, 'quantity' | 'status' | 'disposedOn'> = {}) {
  for (let i = 0; i < n; i++) {
    await w.card({ unitId, categoryId, originalValueFen: 450_000, ...over });
  }
}

const report = async (c: Client, q = ''): Promise<QuotaView> => {
  const res = await c.get(`/api/reports/quota${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const row = (v: QuotaView, unitId: string, code = 'desktop') => v.items.find((r) => r.unitId === unitId && r.standardCode === code);

beforeAll(async () => {
  t = await createTestApp();
  w = world(t.database);
  db = t.database.db;
  u.over = await w.unit('QA', '甲局');
  u.classified = await w.unit('QB', '乙局（涉密）');
  u.under = await w.unit('QC', '丙局');
  u.disposedOnly = await w.unit('QD', '丁局');
  u.chairs = await w.unit('QE', '戊局');
  await db.execute(sql`UPDATE units SET classified = true WHERE id = ${u.classified}`);
  const computers = await w.category({ code: '2010000', name: '计算机设备及软件' });
  cat.desktop = (await w.category({ code: '2010104', name: '台式机', parentPath: computers.path })).id;
  const furniture = await w.category({ code: '6010000', name: '家具' });
  cat.officeChair = (await w.category({ code: '6010301', name: '办公椅', parentPath: furniture.path })).id;
  cat.meetingChair = (await w.category({ code: '6010302', name: '会议椅', parentPath: furniture.path })).id;

  // 甲局: 3 on the establishment (an off-establishment and a retired person do not count); 3 desktops + a batch of 2.
  await staff(u.over, 3);
  await staff(u.over, 1, { onEstablishment: false });
  await staff(u.over, 1, { active: false });
  await cards(u.over, cat.desktop, 3);
  await cards(u.over, cat.desktop, 1, { quantity: 2 });
  // 乙局, classified: 4 staff → 6 desktops allowed (150 %); holds 7.
  await staff(u.classified, 4);
  await cards(u.classified, cat.desktop, 7);
  // 丙局: 3 staff, 2 desktops.
  await staff(u.under, 3);
  await cards(u.under, cat.desktop, 2);
  // 丁局: 2 staff, 2 desktops in use; disposed, pending-disposal and missing ones are off the count.
  await staff(u.disposedOnly, 2);
  await cards(u.disposedOnly, cat.desktop, 2);
  await cards(u.disposedOnly, cat.desktop, 1, { disposedOn: '2026-02-01' });
  await cards(u.disposedOnly, cat.desktop, 1, { status: 'pending_disposal' });
  await cards(u.disposedOnly, cat.desktop, 1, { status: 'missing' });
  // 戊局: 2 staff, 2 office chairs and 10 meeting chairs.
  await staff(u.chairs, 2);
  await cards(u.chairs, cat.officeChair, 2);
  await cards(u.chairs, cat.meetingChair, 10);

  await w.user('q-office', 'asset_office', null);
  await w.user('q-fin-a', 'unit_finance', u.over);
  await w.user('q-staff-a', 'staff', u.over);
  office = await t.as('q-office');
  financeOver = await t.as('q-fin-a');
  staffOver = await t.as('q-staff-a');
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe('the quota rule', () => {
  it('counts only the ranks a rule names, and uses the classified ratio only where the rule has one', () => {
    const facts = { classified: true, headcount: { bureau_head: 2, below_bureau: 10 }, total: 12 };
    expect(quotaBasis({ kind: 'per_staff', ratio: 1, ranks: ['bureau_head'] }, facts)).toEqual({ headcount: 2, ratio: 1, allowed: 2 });
    expect(quotaBasis({ kind: 'per_staff', ratio: 0.3 }, { ...facts, classified: false, total: 10 })).toEqual({
      headcount: 10,
      ratio: 0.3,
      allowed: 3,
    });
    expect(quotaBasis({ kind: 'per_staff', ratio: 1, classifiedRatio: 1.5 }, facts)?.allowed).toBe(18);
    expect(quotaBasis({ kind: 'none' }, facts)).toBeUndefined();
  });
});

describe('the quota report (数量超标)', () => {
  it('lists a unit over the desktop quota with its headcount, allowed, held and excess', async () => {
    const v = await report(office);
    expect(v.unitName).toBe('汇总'); // no committee unit in this world: never 全部单位
    expect(v.asOf).toBe(businessToday());
    expect(row(v, u.over)).toMatchObject<Partial<QuotaRow>>({
      unitName: '甲局',
      standardCode: 'desktop',
      standardName: '台式计算机',
      classified: false,
      headcount: 3,
      ratio: 1,
      allowed: 3,
      held: 5,
      excess: 2,
    });
  });

  it('allows a classified unit 150 % of its staff', async () => {
    expect(row(await report(office), u.classified)).toMatchObject({
      classified: true,
      headcount: 4,
      ratio: 1.5,
      allowed: 6,
      held: 7,
      excess: 1,
    });
  });

  it('leaves out a unit within its quota, and shows it with the switch for all rows', async () => {
    expect(row(await report(office), u.under)).toBeUndefined();
    expect(row(await report(office, '?showAll=true'), u.under)).toMatchObject({ allowed: 3, held: 2, excess: 0 });
  });

  it('does not count disposed, pending-disposal or missing cards', async () => {
    expect(row(await report(office), u.disposedOnly)).toBeUndefined();
    expect(row(await report(office, `?unitId=${u.disposedOnly}&showAll=true`), u.disposedOnly)).toMatchObject({ allowed: 2, held: 2 });
  });

  it('counts a card under the standard of its category code: meeting chairs are not office chairs', async () => {
    const all = await report(office, `?unitId=${u.chairs}&showAll=true`);
    expect(row(all, u.chairs, 'chair')).toMatchObject({ allowed: 2, held: 2, excess: 0 });
  });

  it('totals the rows it lists', async () => {
    const v = await report(office);
    expect(v.totals).toEqual({
      count: v.items.length,
      allowed: v.items.reduce((s, r) => s + r.allowed, 0),
      held: v.items.reduce((s, r) => s + r.held, 0),
      excess: v.items.reduce((s, r) => s + r.excess, 0),
    });
    expect(v.items.every((r) => r.held > r.allowed)).toBe(true);
  });

  it('counts on the dashboard, per unit, the standards whose quota it exceeds', async () => {
    const byUnit = (await office.get('/api/dashboard')).json().byUnit as { unitId: string; overQuotaCount: number }[];
    expect(byUnit.find((x) => x.unitId === u.over)?.overQuotaCount).toBe(1);
    expect(byUnit.find((x) => x.unitId === u.under)?.overQuotaCount).toBe(0);
  });

  it('agrees with the configuration-request check on the same figures', async () => {
    const res = await office.post('/api/config-requests/check', {
      unitId: u.over,
      lines: [{ categoryId: cat.desktop, name: '台式计算机', quantity: 1, unitPriceFen: 450_000 }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const quota = res.json().lines[0].findings.find((f: { rule: string }) => f.rule === 'quota');
    expect(quota.figures).toEqual({ headcount: 3, allowed: 3, held: 5, requested: 1 });
  });

  it('shows a unit user only their own unit, and answers 404 for another unit', async () => {
    const mine = await report(financeOver, '?showAll=true');
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r) => r.unitId === u.over)).toBe(true);
    expect((await financeOver.get(`/api/reports/quota?unitId=${u.classified}`)).statusCode).toBe(404);
    expect(
      (await financeOver.post('/api/reports/export', { report: 'quota', filter: { from: '2026-01', to: '2026-12', unitId: u.classified } }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a role without report rights with 403', async () => {
    expect((await staffOver.get('/api/reports/quota')).statusCode).toBe(403);
    expect((await staffOver.post('/api/reports/export', { report: 'quota', filter: { from: '2026-01', to: '2026-12' } })).statusCode).toBe(
      403,
    );
  });

  it('names the field of bad input in Chinese, and answers 404 for a unit that does not exist', async () => {
    const bad = await office.get('/api/reports/quota?unitId=abc&showAll=yes');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toMatchObject({ unitId: '单位编号格式不正确', showAll: '只能是 true 或 false' });
    const missing = await office.get('/api/reports/quota?unitId=00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('单位不存在');
  });
});

describe('the quota report in Excel', () => {
  it('writes title, unit, date, merged headers, the rows and a totals row', async () => {
    const view = await report(office);
    const res = await office.post('/api/reports/export', { report: 'quota', filter: { from: '2026-01', to: '2026-12' } });
    expect(res.statusCode, res.body).toBe(202);
    await t.app.jobs.drain();
    const job = (await office.get(`/api/jobs/${res.json().jobId}`)).json();
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const file = await office.get(`/api/jobs/${res.json().jobId}/file`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('A1').value)).toContain('数量超标');
    expect(String(ws.getCell('A2').value)).toContain('汇总');
    expect(String(ws.getCell('A3').value)).toContain(view.asOf);
    expect(ws.getCell('B4').value).toBe('配置标准');
    expect(ws.getCell('B4').isMerged).toBe(true);
    expect(ws.getCell('G4').value).toBe('数量');
    expect(ws.getRow(5).values).toEqual([undefined, '单位', '编码', '名称', '涉密单位', '编制人数', '配置比例', '限额', '现有', '超标']);
    expect(ws.rowCount).toBe(5 + view.items.length + 1);
    const over = ws.getRow(6);
    const first = view.items[0];
    expect([over.getCell(1).value, over.getCell(2).value, over.getCell(7).value, over.getCell(8).value, over.getCell(9).value]).toEqual([
      first.unitName,
      first.standardCode,
      first.allowed,
      first.held,
      first.excess,
    ]);
    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(1).value).toBe(`合计（${view.items.length} 项）`);
    expect([total.getCell(7).value, total.getCell(8).value, total.getCell(9).value]).toEqual([
      view.totals.allowed,
      view.totals.held,
      view.totals.excess,
    ]);
  });
});

// Last: it edits the shipped standard for the rest of the file.
describe('the standard in force', () => {
  it('applies a local edit of the standard from its effective date, in the reports and the check alike', async () => {
    const today = businessToday();
    const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const edit = (effectiveFrom: string) =>
      office.put('/api/standards/desktop', {
        capFen: 400_000,
        quota: { kind: 'per_staff', ratio: 2, classifiedRatio: 3 },
        effectiveFrom,
        note: '本地标准',
      });
    const check = async () =>
      (
        (
          await office.post('/api/config-requests/check', {
            unitId: u.over,
            lines: [{ categoryId: cat.desktop, quantity: 1, unitPriceFen: 450_000 }],
          })
        ).json().lines[0].findings as { rule: string }[]
      )
        .map((f) => f.rule)
        .sort();
    // The detail list of cards over the price cap, for 丙局's two desktops at ¥4,500.
    const overPrice = async () =>
      (await office.get(`/api/reports/lists/over_standard?from=${today.slice(0, 7)}&to=${today.slice(0, 7)}&unitId=${u.under}`)).json()
        .total;

    expect((await edit(tomorrow)).statusCode).toBe(200);
    expect(row(await report(office), u.over)).toMatchObject({ allowed: 3 });
    expect(await check()).toEqual(['quota']);
    expect(await overPrice()).toBe(0);

    expect((await edit(today)).statusCode).toBe(200);
    expect(row(await report(office), u.over)).toBeUndefined();
    expect(row(await report(office, '?showAll=true'), u.over)).toMatchObject({ ratio: 2, allowed: 6, held: 5 });
    expect(await check()).toEqual(['price_cap']);
    expect(await overPrice()).toBe(2);
  });
});
