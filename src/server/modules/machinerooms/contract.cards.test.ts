import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView } from '../../../shared/machinerooms.contracts.ts';
import { at, ok, omWorld, type OmWorld } from '../../testing/om.world.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// The world: contract A (vendor) over room MRA, where card SRV-0 is placed in rack A01; contract B
// (vendor2) over MRB. Card SRV-1 of unit 01 is in no rack: it comes into contract A's scope only by
// being listed, maintained from MRA (the contract's only room).
describe('the cards in an O&M contract’s scope', { timeout: 120_000 }, () => {
  let t: TestApp;
  let o: OmWorld;
  const cardNos = async (c: OmWorld['vendor']) =>
    ((await ok(c.get('/api/om/cards'), 200)).items as { cardNo: string; id: string }[]).map((k) => k.id);
  const report = (cardId: string) => o.u01staff.post('/api/work-orders', { cardId, priority: 'p3', title: 'UPS 告警' });

  beforeAll(async () => {
    t = await createTestApp();
    o = await omWorld(t, at('2027-03-01T09:00'));
  });
  afterAll(async () => {
    o.restore();
    await t.close();
  });

  it('refuses a work order on a card neither placed in a managed rack nor listed by a contract', async () => {
    const res = await report(o.cards[1]);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.cardId).toBe('该资产既未上架在托管机房的机柜中，也不在运维合同列明的范围内，不能报修到运维服务商');
    expect(await cardNos(o.vendor)).toEqual([o.cards[0]]);
  });

  it('refuses a listed card maintained from a room outside the contract, naming the line', async () => {
    const res = await o.officer.patch(`/api/om/contracts/${o.contractA}`, {
      cards: [{ cardId: o.cards[1], machineRoomId: o.roomB }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ 'cards.0.machineRoomId': '维护机房须是合同范围内的机房' });
  });

  it('lists a card into the scope: the vendor sees it with owner and manager apart, the other vendor does not', async () => {
    const c = (await ok(
      o.officer.patch(`/api/om/contracts/${o.contractA}`, { cards: [{ cardId: o.cards[1] }] }),
      200,
    )) as unknown as ContractView;
    expect(c.cards.map((k) => [k.id, k.machineRoomId, k.roomCode, k.rackCode])).toEqual([[o.cards[1], o.roomA, 'MRA', null]]);
    expect(c.cards[0].ownerUnitName).toBeTruthy();
    expect(c.cards[0].managingUnitName).toBe(c.cards[0].ownerUnitName);
    expect((await cardNos(o.vendor)).sort()).toEqual([o.cards[0], o.cards[1]].sort());
    expect(await cardNos(o.vendor2)).toEqual([]);
    const mine = (await ok(o.vendor.get(`/api/om/contracts/${o.contractA}`), 200)) as unknown as ContractView;
    expect(mine.cards.map((k) => k.id)).toEqual([o.cards[1]]);
    expect((await o.vendor2.get(`/api/om/contracts/${o.contractA}`)).statusCode).toBe(404);
  });

  it('takes a work order on the listed card under the listing contract, which its vendor handles and the other cannot see', async () => {
    const w = await ok(report(o.cards[1]));
    const order = (await ok(o.vendor.get(`/api/work-orders/${w.id}`), 200)) as unknown as { roomName: string };
    expect(order.roomName).toBe('机房MRA');
    await ok(o.vendor.post(`/api/work-orders/${w.id}/accept`, {}), 200);
    expect((await o.vendor2.get(`/api/work-orders/${w.id}`)).statusCode).toBe(404);
  });

  it('keeps a listed card’s room in the contract: dropping it is refused until the card is moved', async () => {
    const res = await o.officer.patch(`/api/om/contracts/${o.contractA}`, { machineRoomIds: [o.roomB] });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ 'cards.0.machineRoomId': '维护机房须是合同范围内的机房' });
    const c = (await ok(
      o.officer.patch(`/api/om/contracts/${o.contractA}`, { machineRoomIds: [o.roomA, o.roomB], cards: [] }),
      200,
    )) as unknown as ContractView;
    expect([c.rooms.length, c.cards]).toEqual([2, []]);
    expect(await cardNos(o.vendor)).toEqual([o.cards[0]]);
  });
});
