import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { verifyLedger } from '../audit/index.ts';
import { addCard, createCardWorld, type CardWorld } from '../../testing/world.ts';
import { appendCardEvent, changeCard } from './card.service.ts';

describe('card service and list', () => {
  let t: TestApp;
  let w: CardWorld;
  let u01: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
    u01 = await t.as('u01-admin');
  });
  afterAll(async () => {
    await t.close();
  });

  const eventCount = async (cardId: string) =>
    (await query<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM card_events WHERE card_id = ${cardId}`))[0].n;
  const actor = () => ({ userId: w.users['u01-admin'] });

  it('records before and after of exactly the changed fields and bumps the version', async () => {
    const card = await addCard(t.database, w);
    const updated = await withTx(t.database.db, (tx) =>
      changeCard(tx, actor(), card.id, {
        expectVersion: 1,
        set: { custodianId: w.u01Staff2, usingDepartmentId: w.u01Dept2, roomId: card.roomId },
        eventType: 'handed_over',
        note: '交接',
      }),
    );
    expect(updated.version).toBe(2);
    const [e] = await query<{ type: string; before: unknown; after: unknown }>(
      t.database.db,
      sql`SELECT type, before, after FROM card_events WHERE card_id = ${card.id} AND seq = 2`,
    );
    expect(e).toEqual({
      type: 'handed_over',
      before: { custodianId: w.u01Staff, usingDepartmentId: w.u01Dept },
      after: { custodianId: w.u01Staff2, usingDepartmentId: w.u01Dept2 },
    });
  });

  it('leaves neither change nor event when the surrounding transaction fails', async () => {
    const card = await addCard(t.database, w);
    await expect(
      withTx(t.database.db, async (tx) => {
        await changeCard(tx, actor(), card.id, { set: { name: '不会保存' }, eventType: 'edited' });
        throw new Error('document execution failed later');
      }),
    ).rejects.toThrow('document execution failed later');
    expect(await eventCount(card.id)).toBe(1);
    const [row] = await query<{ name: string; version: number }>(t.database.db, sql`SELECT name, version FROM cards WHERE id = ${card.id}`);
    expect(row).toEqual({ name: '台式计算机', version: 1 });
  });

  it('refuses a change against an old version with stale', async () => {
    const card = await addCard(t.database, w);
    await expect(
      withTx(t.database.db, (tx) => changeCard(tx, actor(), card.id, { expectVersion: 7, set: { name: 'x' }, eventType: 'edited' })),
    ).rejects.toMatchObject({ id: 'stale' });
  });

  it('keeps every chain intact after registrations, changes and plain events', async () => {
    const card = await addCard(t.database, w);
    await withTx(t.database.db, async (tx) => {
      await changeCard(tx, actor(), card.id, { set: { status: 'idle', useMode: 'idle' }, eventType: 'idle_posted' });
      await appendCardEvent(tx, { cardId: card.id, unitId: card.unitId, type: 'repair_started', actorId: actor().userId, note: '送修' });
    });
    const seqs = await query<{ seq: number }>(t.database.db, sql`SELECT seq FROM card_events WHERE card_id = ${card.id} ORDER BY seq`);
    expect(seqs.map((s) => s.seq)).toEqual([1, 2, 3]);
    expect((await verifyLedger(t.database.db)).ok).toBe(true);
  });

  it('filters the list by category subtree, building, value range and status, with exact totals', async () => {
    const car = await addCard(t.database, w, {
      categoryId: w.cat.vehicle,
      name: '公务轿车',
      attributes: { plateNo: '京A00001' },
      originalValueFen: 25000000,
      roomId: null,
    });
    const list = async (qs: string) => (await u01.get(`/api/cards?pageSize=500&${qs}`)).json();
    const all = await list('');
    const computers = await list(`categoryId=${w.cat.computers}`);
    const equipment = await list(`categoryId=${w.cat.equipment}`);
    expect(equipment.total).toBe(all.total);
    expect(computers.total).toBe(all.total - 1);
    expect((await list(`buildingId=${w.building}`)).total).toBe(all.total - 1);
    const expensive = await list('valueMin=1000000');
    expect(expensive.items.map((i: { id: string }) => i.id)).toEqual([car.id]);
    expect((await list('status=in_use,idle')).total).toBe(all.total);
    expect((await list('status=disposed')).total).toBe(0);
    expect((await u01.get('/api/cards?sort=nonsense')).statusCode).toBe(400);
  });

  it('pages through a sorted list without overlaps or gaps', async () => {
    for (let i = 0; i < 5; i++) await addCard(t.database, w, { originalValueFen: 480000 });
    const ids: string[] = [];
    const first = (await u01.get('/api/cards?pageSize=3&sort=originalValueFen&order=desc')).json();
    for (let page = 1; page <= Math.ceil(first.total / 3); page++) {
      const res = (await u01.get(`/api/cards?pageSize=3&page=${page}&sort=originalValueFen&order=desc`)).json();
      ids.push(...res.items.map((i: { id: string }) => i.id));
    }
    expect(new Set(ids).size).toBe(first.total);
  });

  it('searches by a fragment with an exact total, sorted by a joined name, across pages', async () => {
    for (let i = 0; i < 4; i++) await addCard(t.database, w, { name: '激光打印机', brand: 'HP', spec: `LaserJet M40${i}` });
    const all = (await u01.get('/api/cards?q=打印&pageSize=500')).json();
    expect(all.total).toBe(4);
    expect(all.items.every((i: { name: string }) => i.name.includes('打印'))).toBe(true);
    const ids: string[] = [];
    for (const page of [1, 2, 3]) {
      const res = (await u01.get(`/api/cards?q=hp&pageSize=2&page=${page}&sort=custodianName&order=desc`)).json();
      expect(res.total).toBe(4);
      ids.push(...res.items.map((i: { id: string }) => i.id));
    }
    expect(new Set(ids).size).toBe(4);
    expect((await u01.get('/api/cards?q=laserjet%20m403')).json().total).toBe(1);
  });
});
