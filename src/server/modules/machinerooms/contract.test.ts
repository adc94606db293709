import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView, VendorView } from '../../../shared/machinerooms.contracts.ts';
import { query } from '../../platform/db/engine.ts';
import { at, ok, omWorld, type OmWorld } from '../../testing/om.world.ts';
import { readSheet } from '../../testing/sheets.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { DEMO_SLA } from './machinerooms.seed.ts';

// Contract A: 2027-01-01 to 2027-12-31, ¥1,200,000 → a month's fee ¥100,000. February 2027 is settled
// (its scorecard locked) before the edits below.
describe('editing an O&M contract and its vendor', { timeout: 120_000 }, () => {
  let t: TestApp;
  let o: OmWorld;
  const contract = async (id: string) => (await ok(o.officer.get(`/api/om/contracts/${id}`), 200)) as unknown as ContractView;

  beforeAll(async () => {
    t = await createTestApp();
    o = await omWorld(t, at('2027-02-01T08:00'));
  });
  afterAll(async () => {
    o.restore();
    await t.close();
  });

  it('changes the SLA and the scope in one go, reschedules the new room’s rounds from now, and records before and after', async () => {
    o.setNow(at('2027-02-10T12:00'));
    const sla = { ...DEMO_SLA, p3: { responseMinutes: 45, onsiteMinutes: 180, resolveMinutes: 720, clock: 'business' as const } };
    const c = (await ok(
      o.officer.patch(`/api/om/contracts/${o.contractA}`, { sla, machineRoomIds: [o.roomA, o.roomB], businessTo: '17:30' }),
      200,
    )) as unknown as ContractView;
    expect([c.sla.p3.responseMinutes, c.businessTo, c.rooms.map((r) => r.code)]).toEqual([45, '17:30', ['MRA', 'MRB']]);
    // Daily rounds by 17:00 in MRB: 10 February (17:00 is after 12:00) to 31 December = 325 days.
    const [rounds] = await query<{ n: number; first: string }>(
      t.database.db,
      sql`select count(*)::int as n, min(due_on)::text as first from inspections where contract_id = ${o.contractA}::uuid and machine_room_id = ${o.roomB}::uuid`,
    );
    expect(rounds).toEqual({ n: 325, first: '2027-02-10' });
    const [ev] = await query<{ details: { before: Record<string, unknown>; after: Record<string, unknown> } }>(
      t.database.db,
      sql`select details from machineroom_events where entity = 'contract' and entity_id = ${o.contractA}::uuid and kind = 'update'`,
    );
    expect(ev.details.before.businessTo).toBe('18:00');
    expect(ev.details.after.businessTo).toBe('17:30');
    expect(ev.details.after.machineRoomIds).toEqual([o.roomA, o.roomB]);
    // The vendor of contract A now sees both rooms.
    expect(((await o.vendor.get('/api/machine-rooms')).json() as { items: unknown[] }).items).toHaveLength(2);
  });

  it('refuses an edit whose merged contract does not hold together, naming the field', async () => {
    const res = await o.officer.patch(`/api/om/contracts/${o.contractA}`, { endsOn: '2026-12-31' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ endsOn: '合同终止日不能早于起始日' });
    expect((await o.vendor.patch(`/api/om/contracts/${o.contractA}`, { name: '改名' })).statusCode).toBe(403);
    expect((await o.officer.patch(`/api/om/contracts/${o.contractA}`, { contractNo: 'HT-vendor2' })).statusCode).toBe(409);
  });

  it('once a month is settled, refuses what would change it and lets the rest through', async () => {
    o.setNow(at('2027-03-10T10:00'));
    const card = await ok(o.officer.post('/api/om/scorecards', { contractId: o.contractA, month: '2027-02' }), 200);
    await ok(o.officer.post(`/api/om/scorecards/${card.id}/review`, {}), 200);
    await ok(o.officer.post(`/api/om/scorecards/${card.id}/lock`), 200);

    const refused = async (patch: object) => {
      const res = await o.officer.patch(`/api/om/contracts/${o.contractA}`, patch);
      expect(res.statusCode, res.body).toBe(409);
      return res.json() as { error: string; message: string; fields: Record<string, string> };
    };
    const amount = await refused({ amountFen: 130_000_000 });
    expect(amount.error).toBe('locked_period');
    expect(amount.fields).toEqual({
      amountFen: '2027-02 已结算，每月服务费（金额 ÷ 期限月数）须保持 100,000.00 元，现为 108,333.33 元',
    });
    expect(amount.message).toContain('合同已有结算月份');
    expect((await refused({ startsOn: '2027-03-01' })).fields).toEqual({ startsOn: '2027-02 已结算，合同起始日不能晚于该月' });
    expect((await refused({ endsOn: '2027-01-31' })).fields).toEqual({ endsOn: '2027-02 已结算，合同终止日不能早于该月' });
    expect((await refused({ paymentRule: { bands: [{ minScore: 0, percent: 100 }] } })).fields).toEqual({
      paymentRule: '2027-02 已结算，付款规则不能再修改',
    });
    expect((await contract(o.contractA)).amountFen).toBe(120_000_000);
    // A year longer at twice the amount keeps the month's fee; the SLA applies from now on.
    const c = (await ok(
      o.officer.patch(`/api/om/contracts/${o.contractA}`, {
        endsOn: '2028-12-31',
        amountFen: 240_000_000,
        sla: { ...DEMO_SLA, p1: { ...DEMO_SLA.p1, responseMinutes: 10 } },
      }),
      200,
    )) as unknown as ContractView;
    expect([c.endsOn, c.amountFen, c.sla.p1.responseMinutes]).toEqual(['2028-12-31', 240_000_000, 10]);
  });

  it('edits a vendor, unbinds an account (which then sees no contract), and exports the contracts to Excel', async () => {
    const [vendorA] = (await ok(o.vendor.get('/api/om/vendors'), 200)).items as VendorView[];
    await ok(
      o.officer.put(`/api/om/vendors/${vendorA.id}`, { name: '甲运维公司', creditCode: '91110000MA01ABCD2X', contact: '王工' }),
      200,
    );
    const after = ((await ok(o.officer.get('/api/om/vendors'), 200)).items as VendorView[]).find((v) => v.id === vendorA.id)!;
    expect([after.creditCode, after.contact, after.accounts]).toEqual(['91110000MA01ABCD2X', '王工', ['vendor']]);
    expect((await o.officer.put(`/api/om/vendors/${vendorA.id}`, { name: '乙运维公司' })).statusCode).toBe(409);

    const rows = await readSheet((await o.officer.get('/api/om/contracts/export.xlsx')).rawPayload, '运维合同');
    expect(rows.map((r) => [r['合同编号'], r['服务商'], r['金额（元）'], r['服务机房']])).toEqual([
      ['HT-vendor', '甲运维公司', 2_400_000, 'MRA 机房MRA、MRB 机房MRB'],
      ['HT-vendor2', '乙运维公司', 1_200_000, 'MRB 机房MRB'],
    ]);
    expect((await readSheet((await o.vendor2.get('/api/om/contracts/export.xlsx')).rawPayload, '运维合同')).length).toBe(1);

    await ok(o.officer.delete(`/api/om/vendors/${vendorA.id}/accounts/vendor`), 200);
    expect((await o.officer.delete(`/api/om/vendors/${vendorA.id}/accounts/vendor`)).statusCode).toBe(404);
    expect(((await o.vendor.get('/api/om/contracts')).json() as { items: unknown[] }).items).toEqual([]);
  });
});
