import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeVersion } from '../../platform/db/change-counters.ts';
import { queryOne } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { world, type World } from '../../testing/world.ts';
import { runMonth } from '../finance/index.ts';

// The dashboard's figures are cached per scope and served while the scope's change version is
// unchanged: every test reads once to fill the cache, writes, and expects the write on the next read.
let t: TestApp;
let w: World;
let unitA: string;
let unitB: string;
let cat: string;
let office: Client;
let financeA: Client;
let financeB: Client;

interface Dash {
  totals: { count: number; valueFen: number; netFen: number };
  byUnit: { unitId: string; name: string; count: number; idleCount: number }[];
  byStatus: { status: string; count: number }[];
  monthly: { month: string; additions: number; disposals: number }[];
}
const dash = async (c: Client): Promise<Dash> => {
  const res = await c.get('/api/dashboard');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  w = world(t.database);
  unitA = await w.unit('DA', '甲局');
  unitB = await w.unit('DB', '乙局');
  cat = (await w.category({ code: '2', name: '设备' })).id;
  await w.user('d-office', 'asset_office', null);
  await w.user('d-fin-a', 'unit_finance', unitA);
  await w.user('d-fin-b', 'unit_finance', unitB);
  await w.user('d-admin-a', 'unit_admin', unitA);
  office = await t.as('d-office');
  financeA = await t.as('d-fin-a');
  financeB = await t.as('d-fin-b');
  await w.card({ unitId: unitA, categoryId: cat, originalValueFen: 100_000 });
  await w.card({ unitId: unitB, categoryId: cat, originalValueFen: 200_000 });
});
afterAll(() => t.close());

describe('dashboard cache', () => {
  it('shows a card added in the unit on the next read, in the unit and in the committee-wide view', async () => {
    const before = await dash(financeA);
    const allBefore = await dash(office);
    expect(await dash(financeA)).toEqual(before); // served again, unchanged
    await w.card({ unitId: unitA, categoryId: cat, originalValueFen: 50_000, postedOn: today() });
    const after = await dash(financeA);
    expect(after.totals.count).toBe(before.totals.count + 1);
    expect(after.totals.valueFen).toBe(before.totals.valueFen + 50_000);
    const month = (d: Dash) => d.monthly.find((m) => m.month === thisMonth())!.additions;
    expect(month(after)).toBe(month(before) + 1);
    const allAfter = await dash(office);
    expect(allAfter.totals.count).toBe(allBefore.totals.count + 1);
  });

  it('shows a transfer in both units and a disposal in the status counts on the next read', async () => {
    const card = await w.card({ unitId: unitA, categoryId: cat, originalValueFen: 70_000 });
    const a0 = await dash(financeA);
    const b0 = await dash(financeB);
    await w.transfer(card, unitB, today());
    const a1 = await dash(financeA);
    const b1 = await dash(financeB);
    expect(a1.totals.count).toBe(a0.totals.count - 1);
    expect(b1.totals.count).toBe(b0.totals.count + 1);
    expect(b1.totals.valueFen).toBe(b0.totals.valueFen + 70_000);
    await w.dispose(card, today());
    const b2 = await dash(financeB);
    expect(b2.totals.count).toBe(b1.totals.count - 1);
    expect(b2.byStatus.find((s) => s.status === 'disposed')?.count).toBe(
      (b1.byStatus.find((s) => s.status === 'disposed')?.count ?? 0) + 1,
    );
  });

  it("shows a unit's new name on the next read (reference data)", async () => {
    await dash(financeA);
    await t.database.db.execute(sql`UPDATE units SET name = '甲局（新）' WHERE id = ${unitA}`);
    expect((await dash(financeA)).byUnit[0].name).toBe('甲局（新）');
  });

  it("raises a unit's version at commit, once per transaction, only for the units it touched, and not at all when rolled back", async () => {
    const db = t.database.db;
    const a0 = await changeVersion(db, [unitA]);
    const b0 = await changeVersion(db, [unitB]);
    await withTx(db, async (tx) => {
      await w.card({ unitId: unitB, categoryId: cat, originalValueFen: 1 }, tx);
      await w.card({ unitId: unitB, categoryId: cat, originalValueFen: 2 }, tx);
    });
    expect(await changeVersion(db, [unitA])).toBe(a0);
    expect(BigInt(await changeVersion(db, [unitB]))).toBe(BigInt(b0) + 1n);
    await expect(
      withTx(db, async (tx) => {
        await w.card({ unitId: unitA, categoryId: cat, originalValueFen: 1 }, tx);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await changeVersion(db, [unitA])).toBe(a0);
    const left = await queryOne<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM change_touches`);
    expect(left?.n).toBe(0);
  });

  it("counts a month's run once for each unit it charged and not for the others; accumulated depreciation changed outside a run still counts", async () => {
    const db = t.database.db;
    const unitC = await w.unit('DC', '丙局');
    const card = await w.card({ unitId: unitC, categoryId: cat, originalValueFen: 600_000, usefulLifeMonths: 60, postedOn: '2026-01-15' });
    const [a0, c0] = [await changeVersion(db, [unitA]), await changeVersion(db, [unitC])];
    // ¥6,000 over 60 months from January, the month it was posted: ¥100 a month, ¥200 in the first run (February).
    expect((await runMonth(db, unitC, '2026-02', null)).totalFen).toBe(20_000);
    expect(BigInt(await changeVersion(db, [unitC]))).toBe(BigInt(c0) + 1n);
    expect(await changeVersion(db, [unitA])).toBe(a0);
    await db.execute(sql`UPDATE cards SET accumulated_depreciation_fen = accumulated_depreciation_fen + 1 WHERE id = ${card}`);
    expect(BigInt(await changeVersion(db, [unitC]))).toBe(BigInt(c0) + 2n);
    const flag = await queryOne<{ v: string | null }>(db, sql`SELECT current_setting('gongwu.depreciation_run', true) AS v`);
    expect(flag?.v ?? '').toBe('');
  });

  it("counts a renaming through the API as a change of its unit's figures, and a note as none", async () => {
    const db = t.database.db;
    const admin = await t.as('d-admin-a');
    const card = await w.card({ unitId: unitA, categoryId: cat, originalValueFen: 10_000 });
    const v0 = await changeVersion(db, [unitA]);
    const cur = (await admin.get(`/api/cards/${card}`)).json();
    const res = await admin.patch(`/api/cards/${card}`, { expectVersion: cur.version, name: '改名的资产' });
    expect(res.statusCode, res.body).toBe(200);
    expect(BigInt(await changeVersion(db, [unitA]))).toBe(BigInt(v0) + 1n);
    // A note is no figure: the version, and so the cached figures, stay.
    const again = (await admin.get(`/api/cards/${card}`)).json();
    expect((await admin.patch(`/api/cards/${card}`, { expectVersion: again.version, note: '只改备注' })).statusCode).toBe(200);
    expect(BigInt(await changeVersion(db, [unitA]))).toBe(BigInt(v0) + 1n);
  });
});
