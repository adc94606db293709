import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { withTx } from '../../platform/db/tx.ts';
import { addCard, createCardWorld, desktopInput, type CardWorld } from '../../testing/world.ts';
import { changeCard } from './card.service.ts';

describe('card routes', () => {
  let t: TestApp;
  let w: CardWorld;
  let u01: Client;
  let u02: Client;
  let staff: Client;
  let auditor: Client;
  let officer: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
    [u01, u02, staff, auditor, officer] = await Promise.all(
      ['u01-admin', 'u02-admin', 'u01-staff', 'auditor', 'officer'].map((u) => t.as(u)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const eventsOf = async (cardId: string) =>
    query<{ seq: number; type: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(
      t.database.db,
      sql`SELECT seq, type, before, after FROM card_events WHERE card_id = ${cardId} ORDER BY seq`,
    );
  const versionOf = async (cardId: string) =>
    (await query<{ version: number; name: string }>(t.database.db, sql`SELECT version, name FROM cards WHERE id = ${cardId}`))[0];

  it('hand-adds a card with a number from the unit code and year, and an opening registration event', async () => {
    const res = await u01.post('/api/cards', desktopInput(w));
    expect(res.statusCode, res.body).toBe(201);
    const { id, cardNo } = res.json();
    expect(cardNo).toMatch(/^11001-\d{4}-\d{6}$/);
    const events = await eventsOf(id);
    expect(events.map((e) => e.type)).toEqual(['opening_registration']);
    expect(events[0].after).toMatchObject({ name: '台式计算机', originalValueFen: 480000, status: 'in_use' });
  });

  it('answers 409, not 500, to a clash on a unique column no check guards, and registers nothing', async () => {
    // A card-number counter set back (as after restoring an older copy of it) hands out a number in
    // use; the unique violation reaches the error handler wrapped by drizzle, which reads its code.
    const first = await u01.post('/api/cards', desktopInput(w));
    expect(first.statusCode, first.body).toBe(201);
    const year = Number(first.json().cardNo.split('-')[1]);
    await t.database.db.execute(sql`UPDATE card_number_sequences SET last_seq = last_seq - 1 WHERE unit_id = ${w.u01} AND year = ${year}`);
    const count = async () => (await query<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM cards`))[0].n;
    const before = await count();
    const clash = await u01.post('/api/cards', desktopInput(w));
    expect(clash.statusCode, clash.body).toBe(409);
    expect(clash.json().error).toBe('conflict');
    expect(await count()).toBe(before);
    // The refused request's reservation was rolled back with it: put the counter right for the tests after.
    await t.database.db.execute(sql`UPDATE card_number_sequences SET last_seq = last_seq + 1 WHERE unit_id = ${w.u01} AND year = ${year}`);
    expect((await u01.post('/api/cards', desktopInput(w))).statusCode).toBe(201);
  });

  it('names every bad field of a new card', async () => {
    const res = await u01.post(
      '/api/cards',
      desktopInput(w, {
        categoryId: '00000000-0000-4000-8000-000000000000',
        usingDepartmentId: w.u02Dept,
        custodianId: w.u02Staff,
        roomId: w.u02Room,
        postedOn: '2020-01-01',
        originalValueFen: 100,
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields).sort()).toEqual(['categoryId', 'custodianId', 'postedOn', 'roomId', 'usingDepartmentId']);
  });

  it('refuses a negative or fractional value in fen', async () => {
    const neg = await u01.post('/api/cards', desktopInput(w, { originalValueFen: -1 }));
    expect(neg.statusCode).toBe(400);
    expect(neg.json().fields).toHaveProperty('originalValueFen');
    const frac = await u01.post('/api/cards', desktopInput(w, { originalValueFen: 1.5 }));
    expect(frac.json().fields).toHaveProperty('originalValueFen');
  });

  it('requires the category attribute set: vehicle plate, building structure and area, valid IT addresses', async () => {
    const car = await u01.post('/api/cards', desktopInput(w, { categoryId: w.cat.vehicle, attributes: { plateNo: 'abc' } }));
    expect(car.json().fields).toHaveProperty(['attributes.plateNo']);
    const okCar = await u01.post(
      '/api/cards',
      desktopInput(w, { categoryId: w.cat.vehicle, name: '小型轿车', attributes: { plateNo: '京A12345' } }),
    );
    expect(okCar.statusCode, okCar.body).toBe(201);
    const house = await u01.post('/api/cards', desktopInput(w, { categoryId: w.cat.building, attributes: {} }));
    expect(Object.keys(house.json().fields)).toEqual(expect.arrayContaining(['attributes.structure', 'attributes.area']));
    const srv = await u01.post(
      '/api/cards',
      desktopInput(w, { categoryId: w.cat.server, attributes: { ip: '300.1.1.1', mac: 'zz', uStart: 3 } }),
    );
    expect(Object.keys(srv.json().fields)).toEqual(expect.arrayContaining(['attributes.ip', 'attributes.mac', 'attributes.rack']));
  });

  it('will not register a card in another unit', async () => {
    const res = await u01.post(
      '/api/cards',
      desktopInput(w, { unitId: w.u02, usingDepartmentId: w.u02Dept, custodianId: w.u02Staff, roomId: w.u02Room }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('unitId');
  });

  it('answers 403 to a role without card.write and 401 without a session', async () => {
    const card = await addCard(t.database, w);
    expect((await staff.post('/api/cards', desktopInput(w))).statusCode).toBe(403);
    expect((await auditor.post('/api/cards', desktopInput(w))).statusCode).toBe(403);
    expect((await staff.patch(`/api/cards/${card.id}`, { expectVersion: 1, name: 'x' })).statusCode).toBe(403);
    expect((await uploadPng(staff, card.id)).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/cards')).statusCode).toBe(401);
    expect(await eventsOf(card.id)).toHaveLength(1);
  });

  it('answers 403 on every read route to a role without card.read', async () => {
    const card = await addCard(t.database, w);
    const vendor = await t.as('vendor');
    for (const url of ['/api/cards', `/api/cards/${card.id}`, `/api/cards/${card.id}/timeline`, `/api/cards/${card.id}/attachments`]) {
      expect((await vendor.get(url)).statusCode, url).toBe(403);
    }
  });

  it("answers 404 for another unit's card on every route and changes nothing", async () => {
    const card = await addCard(t.database, w);
    const before = await versionOf(card.id);
    expect((await u02.get(`/api/cards/${card.id}`)).statusCode).toBe(404);
    expect((await u02.get(`/api/cards/${card.id}/timeline`)).statusCode).toBe(404);
    expect((await u02.get(`/api/cards/${card.id}/attachments`)).statusCode).toBe(404);
    expect((await u02.patch(`/api/cards/${card.id}`, { expectVersion: 1, name: '被改了' })).statusCode).toBe(404);
    const up = await uploadPng(u02, card.id);
    expect(up.statusCode).toBe(404);
    expect(await versionOf(card.id)).toEqual(before);
    expect(await eventsOf(card.id)).toHaveLength(1);
    const list = await u02.get(`/api/cards?q=${encodeURIComponent(card.cardNo)}`);
    expect(list.json().total).toBe(0);
  });

  it('lets committee-wide readers see every unit and staff read their own unit', async () => {
    const card = await addCard(t.database, w);
    expect((await officer.get(`/api/cards/${card.id}`)).statusCode).toBe(200);
    expect((await auditor.get(`/api/cards/${card.id}/timeline`)).statusCode).toBe(200);
    expect((await staff.get(`/api/cards/${card.id}`)).statusCode).toBe(200);
  });

  it('shows a card with the names of everything it points to', async () => {
    const card = await addCard(t.database, w);
    const res = await u01.get(`/api/cards/${card.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      unitName: '市发展改革委',
      managingUnitName: '市发展改革委',
      usingUnitName: '市发展改革委',
      categoryName: '台式机',
      departmentName: '办公室',
      custodianName: '张伟',
      roomName: '1号楼 301',
      netValueFen: 480000,
      categoryAttributeSet: 'none',
    });
  });

  it("names each list row's using department, none for a card without one, in the plain list, a search and a department sort", async () => {
    const inOffice = await addCard(t.database, w);
    const inGeneral = await addCard(t.database, w, { usingDepartmentId: w.u01Dept2, custodianId: w.u01Staff2, serialNo: 'SN-DEPT-2' });
    const none = await addCard(t.database, w, { status: 'idle', useMode: 'idle', usingDepartmentId: null, custodianId: null });
    const names = async (query: string) => {
      const res = await u01.get(`/api/cards?pageSize=500${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json().items as { id: string; departmentName: string | null }[];
      return [inOffice, inGeneral, none].map((c) => items.find((i) => i.id === c.id)?.departmentName);
    };
    expect(await names('')).toEqual(['办公室', '综合处', null]);
    expect(await names('&sort=departmentName&order=desc')).toEqual(['办公室', '综合处', null]);
    expect(await names('&status=idle')).toEqual([undefined, undefined, null]);
    const found = await u01.get(`/api/cards?q=SN-DEPT-2`);
    expect(found.json().items.map((i: { id: string; departmentName: string }) => [i.id, i.departmentName])).toEqual([
      [inGeneral.id, '综合处'],
    ]);
  });

  it('edits descriptive fields with one event naming exactly what changed', async () => {
    const card = await addCard(t.database, w);
    const res = await u01.patch(`/api/cards/${card.id}`, { expectVersion: 1, name: '台式计算机（财务）', brand: '联想', note: '更正名称' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().version).toBe(2);
    const events = await eventsOf(card.id);
    expect(events.map((e) => e.type)).toEqual(['opening_registration', 'edited']);
    expect(events[1].before).toEqual({ name: '台式计算机' });
    expect(events[1].after).toEqual({ name: '台式计算机（财务）' });
    const timeline = (await u01.get(`/api/cards/${card.id}/timeline`)).json().items;
    expect(timeline[1]).toMatchObject({ type: 'edited', actorName: 'u01-admin（测试）', note: '更正名称' });
  });

  it('names the people and places a timeline entry moved between', async () => {
    const card = await addCard(t.database, w);
    await withTx(t.database.db, (tx) =>
      changeCard(tx, { userId: w.users['u01-admin'] }, card.id, {
        set: { custodianId: w.u01Staff2, usingDepartmentId: w.u01Dept2 },
        eventType: 'handed_over',
        documentId: '00000000-0000-4000-8000-00000000abcd',
        documentType: 'requisition',
      }),
    );
    const res = (await u01.get(`/api/cards/${card.id}/timeline`)).json();
    expect(res.items[1]).toMatchObject({
      type: 'handed_over',
      documentType: 'requisition',
      before: { custodianId: w.u01Staff },
      after: { custodianId: w.u01Staff2 },
    });
    expect(res.names).toMatchObject({ [w.u01Staff]: '张伟', [w.u01Staff2]: '李娜', [w.u01Dept]: '办公室', [w.u01Dept2]: '综合处' });
  });

  it('refuses an edit made against an old version with 409 stale and keeps the newer change', async () => {
    const card = await addCard(t.database, w);
    expect((await u01.patch(`/api/cards/${card.id}`, { expectVersion: 1, name: '甲' })).statusCode).toBe(200);
    const late = await u01.patch(`/api/cards/${card.id}`, { expectVersion: 1, name: '乙' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('stale');
    expect((await versionOf(card.id)).name).toBe('甲');
    expect(await eventsOf(card.id)).toHaveLength(2);
  });

  it('lets only one of two simultaneous edits of the same version win', async () => {
    const card = await addCard(t.database, w);
    const results = await Promise.all(['甲', '乙'].map((name) => u01.patch(`/api/cards/${card.id}`, { expectVersion: 1, name })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await eventsOf(card.id)).toHaveLength(2);
  });

  it('writes no event when an edit fails validation', async () => {
    const card = await addCard(t.database, w);
    const res = await u01.patch(`/api/cards/${card.id}`, { expectVersion: 1, name: '甲', warrantyUntil: '2000-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('warrantyUntil');
    expect(await eventsOf(card.id)).toHaveLength(1);
    expect((await versionOf(card.id)).version).toBe(1);
  });

  it('stores an attachment with a ledger event, lists and serves it, and refuses other types and sizes', async () => {
    const card = await addCard(t.database, w);
    const up = await uploadPng(u01, card.id, 'invoice');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ kind: 'invoice', contentType: 'image/png', fileName: '发票.png' });
    const list = (await u01.get(`/api/cards/${card.id}/attachments`)).json().items;
    expect(list).toHaveLength(1);
    const dl = await u01.get(`/api/cards/${card.id}/attachments/${list[0].id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.rawPayload.equals(PNG)).toBe(true);
    expect((await u02.get(`/api/cards/${card.id}/attachments/${list[0].id}`)).statusCode).toBe(404);
    expect((await eventsOf(card.id)).map((e) => e.type)).toEqual(['opening_registration', 'attachment_added']);

    const exe = await upload(u01, card.id, Buffer.from('MZ not a picture'), 'virus.png', 'image/png');
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error).toBe('bad_file');
    const big = await upload(u01, card.id, Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]), 'big.png', 'image/png');
    expect(big.statusCode).toBe(413);
    expect((await u01.get(`/api/cards/${card.id}/attachments`)).json().items).toHaveLength(1);
  });
});

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2b1a10000000049454e44ae426082',
  'hex',
);

function upload(c: Client, cardId: string, content: Buffer, fileName: string, type: string, kind = 'photo') {
  const boundary = '----gongwu-test';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request('POST', `/api/cards/${cardId}/attachments?kind=${kind}`, body, {
    'content-type': `multipart/form-data; boundary=${boundary}`,
  });
}
const uploadPng = (c: Client, cardId: string, kind = 'photo') => upload(c, cardId, PNG, '发票.png', 'image/png', kind);
