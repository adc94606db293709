import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgCode } from '../../platform/db/db-errors.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addCard, createCardWorld, world, type CardWorld } from '../../testing/world.ts';
import { DEMO_SLA } from './machinerooms.seed.ts';
import { workOrderClock } from './workorder.service.ts';

// 2027-03-05 is a Friday (Beijing time); the demo SLA runs P3 in business hours 09:00–18:00.
const at = (s: string) => new Date(`${s}+08:00`);

describe('machine rooms: racks, vendors and their contracts, work orders, custody', { timeout: 120_000 }, () => {
  let t: TestApp;
  let w: CardWorld;
  let officer: Client, vendor: Client, vendor2: Client, u01: Client, u02: Client, u01staff: Client, auditor: Client;
  let roomA: string, roomB: string, rackA: string, rackB: string;
  const cards: string[] = [];
  let now = at('2027-03-05T17:30');

  const ok = async (p: Promise<{ statusCode: number; body: string; json(): unknown }>, code = 201) => {
    const res = await p;
    expect(res.statusCode, res.body).toBe(code);
    return res.json() as { id: string } & Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
    await world(t.database).user('vendor2', 'vendor', null);
    await world(t.database).user('u02-staff', 'staff', w.u02);
    [officer, vendor, vendor2, u01, u02, u01staff, auditor] = await Promise.all(
      ['officer', 'vendor', 'vendor2', 'u01-admin', 'u02-admin', 'u01-staff', 'auditor'].map((u) => t.as(u)),
    );
    for (let i = 0; i < 3; i++) cards.push((await addCard(t.database, w, { serialNo: `SRV-${i}`, categoryId: w.cat.desktop })).id);
    workOrderClock.now = () => now;
    const room = async (code: string) => {
      const r = await ok(officer.post('/api/machine-rooms', { code, name: `机房${code}`, areaM2: 1050.5, grade: 'A' }));
      const row = await ok(officer.post(`/api/machine-rooms/${r.id}/rows`, { code: 'A', name: 'A 列' }));
      const rack = await ok(
        officer.post(`/api/machine-rooms/${r.id}/racks`, { rowId: row.id, code: 'A01', name: '1 号柜', heightU: 42, powerBudgetW: 6000 }),
      );
      return [r.id, rack.id];
    };
    [roomA, rackA] = await room('MRA');
    [roomB, rackB] = await room('MRB');
    for (const [name, user, rooms] of [
      ['甲运维公司', 'vendor', [roomA]],
      ['乙运维公司', 'vendor2', [roomB]],
    ] as const) {
      const v = await ok(officer.post('/api/om/vendors', { name }));
      await ok(officer.post(`/api/om/vendors/${v.id}/accounts`, { username: user }), 200);
      await ok(
        officer.post('/api/om/contracts', {
          contractNo: `HT-${user}`,
          name: `${name}运维合同`,
          vendorId: v.id,
          startsOn: '2027-01-01',
          endsOn: '2027-12-31',
          amountFen: 120_000_000,
          machineRoomIds: rooms,
          sla: DEMO_SLA,
        }),
      );
    }
  });
  const realNow = workOrderClock.now;
  afterAll(async () => {
    workOrderClock.now = realNow;
    await t?.close();
  });

  it('refuses two devices in one U and a reservation over a device, and the database refuses them whoever writes', async () => {
    await ok(officer.post(`/api/racks/${rackA}/slots`, { kind: 'device', uLow: 1, uHigh: 2, cardId: cards[0], powerW: 450 }));
    const clash = await officer.post(`/api/racks/${rackA}/slots`, { kind: 'device', uLow: 2, uHigh: 3, cardId: cards[1], powerW: 300 });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toContain('U1–U2');
    const over = await officer.post(`/api/racks/${rackA}/slots`, { kind: 'reservation', uLow: 2, uHigh: 2, reason: '扩容预留' });
    expect(over.statusCode).toBe(409);
    // Half-depth devices on opposite faces share a U; a full-depth one cannot join them.
    await ok(
      officer.post(`/api/racks/${rackA}/slots`, { kind: 'device', uLow: 10, uHigh: 10, side: 'front', cardId: cards[1], powerW: 100 }),
    );
    await ok(officer.post(`/api/racks/${rackA}/slots`, { kind: 'reservation', uLow: 10, uHigh: 12, side: 'rear', reason: '配线架预留' }));
    expect((await officer.post(`/api/racks/${rackA}/slots`, { kind: 'device', uLow: 12, uHigh: 12, cardId: cards[2] })).statusCode).toBe(
      409,
    );
    expect((await officer.post(`/api/racks/${rackA}/slots`, { kind: 'device', uLow: 42, uHigh: 43, cardId: cards[2] })).statusCode).toBe(
      400,
    );
    // Straight into the table, past the service: the exclusion constraint itself refuses.
    let code: string | undefined;
    try {
      await t.database.db.execute(
        sql`insert into rack_slots (rack_id, kind, u_low, u_high, side, reason) values (${rackA}, 'reservation', 1, 1, 'rear', 'x')`,
      );
    } catch (err) {
      code = pgCode(err);
    }
    expect(code).toBe('23P01');
    // Free U: 42 − used (U1, U2, U10) − only reserved (U11, U12) = 37; power 450 + 100.
    const rack = (await ok(officer.get(`/api/racks/${rackA}`), 200)) as unknown as Record<string, number>;
    expect({ usedU: rack.usedU, reservedU: rack.reservedU, freeU: rack.freeU, powerUsedW: rack.powerUsedW }).toEqual({
      usedU: 3,
      reservedU: 2,
      freeU: 37,
      powerUsedW: 550,
    });
    const rooms = (await ok(officer.get('/api/machine-rooms'), 200)) as unknown as {
      items: { code: string; freeU: number; totalU: number }[];
    };
    expect(rooms.items.map((r) => [r.code, r.totalU, r.freeU])).toEqual([
      ['MRA', 42, 37],
      ['MRB', 42, 42],
    ]);
  });

  it('times a business-hours work order to the minute across the weekend and flags the late response', async () => {
    now = at('2027-03-05T17:30');
    const wo = await ok(u01staff.post('/api/work-orders', { cardId: cards[0], priority: 'p3', title: '服务器电源告警' }));
    let view = (await ok(u01staff.get(`/api/work-orders/${wo.id}`), 200)) as unknown as Record<
      string,
      { due: string; minutes: number; breached: boolean }
    > & {
      breached: boolean;
      actions: string[];
    };
    expect(view.response.due).toBe(at('2027-03-08T09:30').toISOString());
    expect(view.onsite.due).toBe(at('2027-03-08T12:30').toISOString());
    // 960 business minutes: 30 on Friday, 9 h on Monday, 6.5 h on Tuesday → Tuesday 15:30.
    expect(view.resolve.due).toBe(at('2027-03-09T15:30').toISOString());
    expect(view.actions).toEqual([]);
    now = at('2027-03-08T09:45');
    expect((await u01staff.get('/api/work-orders?breached=true')).json().total).toBe(1);
    await ok(vendor.post(`/api/work-orders/${wo.id}/accept`), 200);
    now = at('2027-03-08T11:00');
    await ok(vendor.post(`/api/work-orders/${wo.id}/arrive`), 200);
    now = at('2027-03-08T16:00');
    view = (await ok(vendor.post(`/api/work-orders/${wo.id}/resolve`, { resolution: '更换电源模块' }), 200)) as unknown as typeof view;
    expect([
      view.response.minutes,
      view.response.breached,
      view.onsite.minutes,
      view.onsite.breached,
      view.resolve.minutes,
      view.resolve.breached,
    ]).toEqual([75, true, 150, false, 450, false]);
    // The reporter reopens; the vendor cannot confirm its own work.
    expect((await vendor.post(`/api/work-orders/${wo.id}/confirm`)).statusCode).toBe(403);
    await ok(u01staff.post(`/api/work-orders/${wo.id}/reopen`, { reason: '仍有告警' }), 200);
    expect((await u01staff.post(`/api/work-orders/${wo.id}/confirm`)).statusCode).toBe(409);
    now = at('2027-03-09T16:00');
    view = (await ok(vendor.post(`/api/work-orders/${wo.id}/resolve`, { resolution: '更换背板' }), 200)) as unknown as typeof view;
    expect([view.resolve.minutes, view.resolve.breached]).toEqual([990, true]);
    view = (await ok(u01staff.post(`/api/work-orders/${wo.id}/confirm`), 200)) as unknown as typeof view;
    expect((view as unknown as { status: string }).status).toBe('confirmed');
  });

  it('shows a vendor its contract only: its room, its work orders, nothing of the other vendor', async () => {
    const mine = (await ok(vendor.get('/api/machine-rooms'), 200)) as unknown as { items: { code: string }[] };
    expect(mine.items.map((r) => r.code)).toEqual(['MRA']);
    expect((await vendor.get(`/api/machine-rooms/${roomB}`)).statusCode).toBe(404);
    expect((await vendor.get(`/api/racks/${rackB}`)).statusCode).toBe(404);
    expect(((await vendor.get('/api/om/contracts')).json().items as { contractNo: string }[]).map((c) => c.contractNo)).toEqual([
      'HT-vendor',
    ]);
    expect(((await vendor.get('/api/om/vendors')).json().items as { name: string }[]).map((v) => v.name)).toEqual(['甲运维公司']);
    const orders = (await vendor.get('/api/work-orders')).json();
    expect(orders.total).toBe(1);
    const id = orders.items[0].id;
    // The other vendor: nothing listed, 404 on the record, its steps refused.
    expect((await vendor2.get('/api/machine-rooms')).json().items.map((r: { code: string }) => r.code)).toEqual(['MRB']);
    expect((await vendor2.get(`/api/machine-rooms/${roomA}`)).statusCode).toBe(404);
    expect((await vendor2.get('/api/work-orders')).json().total).toBe(0);
    expect((await vendor2.get(`/api/work-orders/${id}`)).statusCode).toBe(404);
    expect((await vendor2.post(`/api/work-orders/${id}/accept`)).statusCode).toBe(404);
    // Other modules: the vendor has no business with cards, documents or the org.
    for (const url of ['/api/cards', '/api/documents', '/api/units', '/api/custody'])
      expect((await vendor.get(url)).statusCode, url).toBe(403);
    // Another unit does not see unit 01's work order; the auditor reads everything and writes nothing.
    expect((await u02.get(`/api/work-orders/${id}`)).statusCode).toBe(404);
    expect((await auditor.get('/api/work-orders')).json().total).toBe(1);
    expect((await auditor.post(`/api/racks/${rackA}/slots`, { kind: 'reservation', uLow: 30, uHigh: 30, reason: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('hands the management of registered cards to the committee and back, the owner unchanged, each step on the ledger', async () => {
    const managers = async () =>
      (
        await query<{ unit: string; manager: string }>(
          t.database.db,
          sql`select unit_id::text as unit, managing_unit_id::text as manager from cards where id in (${cards[0]}, ${cards[1]}) order by card_no`,
        )
      ).map((r) => [r.unit, r.manager]);
    const a = await ok(u01.post('/api/custody', { title: '机房设备委托管理', startsOn: '2027-01-01', cardIds: [cards[0], cards[1]] }));
    expect((await u02.get(`/api/custody/${a.id}`)).statusCode).toBe(404);
    expect((await u01.post(`/api/custody/${a.id}/decide`, { approve: true })).statusCode).toBe(403);
    const again = await u01.post('/api/custody', { title: '重复', startsOn: '2027-01-01', cardIds: [cards[1]] });
    expect(again.statusCode).toBe(400);
    const signed = await ok(officer.post(`/api/custody/${a.id}/decide`, { approve: true, note: '已核对' }), 200);
    expect(signed.status).toBe('in_force');
    expect(
      (signed.register as { ownerUnitName: string; managingUnitName: string }[]).map((r) => [r.ownerUnitName, r.managingUnitName]),
    ).toEqual([
      ['市发展改革委', '管委会'],
      ['市发展改革委', '管委会'],
    ]);
    expect(await managers()).toEqual([
      [w.u01, w.committee],
      [w.u01, w.committee],
    ]);
    // The card list shows owner and manager apart.
    const listed = (await u01.get('/api/cards?pageSize=100')).json().items as {
      id: string;
      unitName: string;
      managerName: string | null;
    }[];
    expect(listed.filter((c) => cards.includes(c.id)).map((c) => [c.unitName, c.managerName])).toEqual(
      expect.arrayContaining([
        ['市发展改革委', '管委会'],
        ['市发展改革委', null],
      ]),
    );
    const ended = await ok(u01.post(`/api/custody/${a.id}/end`, {}), 200);
    expect(ended.status).toBe('ended');
    expect(await managers()).toEqual([
      [w.u01, w.u01],
      [w.u01, w.u01],
    ]);
    const events = await query<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from card_events where card_id = ${cards[0]} and type = 'handed_over'`,
    );
    expect(events[0].n).toBe(2);
  });
});
