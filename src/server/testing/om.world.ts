// The world the machine-room tests share: two rooms with a rack each, two vendors with an account
// and a contract over one room each (from `contract` to the year's end), a unit-01 staff account
// reporting faults. The clock is pinned to `at` before the contracts are written, so their
// inspections are scheduled from then on.
import { expect } from 'vitest';
import { DEMO_SLA } from '../modules/machinerooms/machinerooms.seed.ts';
import { workOrderClock } from '../modules/machinerooms/om.clock.ts';
import type { Client, TestApp } from './test-app.ts';
import { addCard, createCardWorld, world, type CardWorld } from './world.ts';

/** A local (Beijing) wall-clock time as an instant: at('2027-03-05T17:30'). */
export const at = (s: string) => new Date(`${s}+08:00`);

export interface OmWorld {
  w: CardWorld;
  officer: Client;
  vendor: Client;
  vendor2: Client;
  u01staff: Client;
  auditor: Client;
  roomA: string;
  roomB: string;
  rackA: string;
  contractA: string;
  contractB: string;
  cards: string[];
  setNow(d: Date): void;
  restore(): void;
}

export const ok = async (p: Promise<{ statusCode: number; body: string; json(): unknown }>, code = 201) => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(code);
  return res.json() as { id: string } & Record<string, unknown>;
};

export async function omWorld(t: TestApp, start: Date, contract: Record<string, unknown> = {}): Promise<OmWorld> {
  const w = await createCardWorld(t.database);
  await world(t.database).user('vendor2', 'vendor', null);
  const [officer, vendor, vendor2, u01staff, auditor] = await Promise.all(
    ['officer', 'vendor', 'vendor2', 'u01-staff', 'auditor'].map((name) => t.as(name)),
  );
  const real = workOrderClock.now;
  let now = start;
  workOrderClock.now = () => now;
  const cards: string[] = [];
  for (let i = 0; i < 2; i++) cards.push((await addCard(t.database, w, { serialNo: `SRV-${i}`, categoryId: w.cat.desktop })).id);
  const room = async (code: string) => {
    const r = await ok(officer.post('/api/machine-rooms', { code, name: `机房${code}`, areaM2: 600, grade: 'A' }));
    const row = await ok(officer.post(`/api/machine-rooms/${r.id}/rows`, { code: 'A', name: 'A 列' }));
    const rack = await ok(officer.post(`/api/machine-rooms/${r.id}/racks`, { rowId: row.id, code: 'A01', name: '1 号柜', heightU: 42 }));
    return [r.id, rack.id];
  };
  const [roomA, rackA] = await room('MRA');
  const [roomB] = await room('MRB');
  const contracts: string[] = [];
  for (const [name, user, rooms] of [
    ['甲运维公司', 'vendor', [roomA]],
    ['乙运维公司', 'vendor2', [roomB]],
  ] as const) {
    const v = await ok(officer.post('/api/om/vendors', { name }));
    await ok(officer.post(`/api/om/vendors/${v.id}/accounts`, { username: user }), 200);
    const c = await ok(
      officer.post('/api/om/contracts', {
        contractNo: `HT-${user}`,
        name: `${name}运维合同`,
        vendorId: v.id,
        startsOn: '2027-01-01',
        endsOn: '2027-12-31',
        amountFen: 120_000_000,
        machineRoomIds: rooms,
        sla: DEMO_SLA,
        ...contract,
      }),
    );
    contracts.push(c.id);
  }
  await ok(officer.post(`/api/racks/${rackA}/slots`, { kind: 'device', uLow: 1, uHigh: 2, cardId: cards[0], powerW: 450 }));
  return {
    w,
    officer,
    vendor,
    vendor2,
    u01staff,
    auditor,
    roomA,
    roomB,
    rackA,
    contractA: contracts[0],
    contractB: contracts[1],
    cards,
    setNow: (d) => {
      now = d;
    },
    restore: () => {
      workOrderClock.now = real;
    },
  };
}

/** A one-pixel PNG, base64: the photo of an inspection. */
export const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
