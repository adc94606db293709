// A count on each card's ledger: every scan (once, however often synced) and every card's result at
// the close, with who, when, where, the count and the adjustment document; the chain still verifies.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardEventItem } from '../../../shared/assets.contracts.ts';
import type { ScanInput } from '../../../shared/inventory.contracts.ts';
import { queryOne } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { changeCard } from '../assets/index.ts';
import { verifyLedger } from '../audit/index.ts';
import { addCard, createWorkflowWorld, expectOk, type WorkflowWorld } from '../../testing/world.ts';

let t: TestApp;
let w: WorkflowWorld;
let officer: Client;
let counter: Client;
let countId: string;
const card: Record<string, { id: string; cardNo: string }> = {};
let close: { documents: { id: string; kind: string }[] };

const scan = (over: Partial<ScanInput>): ScanInput => ({ key: crypto.randomUUID(), condition: 'good', ...over });
const history = async (name: string): Promise<{ items: CardEventItem[]; names: Record<string, string> }> => {
  const res = await officer.get(`/api/cards/${card[name].id}/timeline`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const okJson = async (p: ReturnType<Client['post']>) => {
  const res = await p;
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const countEvents = (items: CardEventItem[]) => items.filter((e) => e.type.startsWith('count_'));
const countOf = async (type: string) =>
  (await queryOne<{ n: number }>(
    t.database.db,
    sql`SELECT count(*)::int AS n FROM card_events WHERE type = ${type} AND after ->> 'countId' = ${countId}`,
  ))!.n;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorkflowWorld(t.database);
  // u01: A in place (renamed while counting), B found in the shared room, C missing, D damaged in place,
  // E found in a room of u02 (no move can name it); u02: F.
  for (const name of ['A', 'B', 'C', 'D', 'E']) {
    const c = await addCard(t.database, w, { name: `资产${name}` });
    card[name] = { id: c.id, cardNo: c.cardNo };
  }
  const f = await addCard(
    t.database,
    w,
    { unitId: w.u02, name: '资产F', usingDepartmentId: w.u02Dept, custodianId: w.u02Staff, roomId: w.u02Room },
    'u02-admin',
  );
  card.F = { id: f.id, cardNo: f.cardNo };
  officer = await t.as('officer');
  counter = await t.as('u01-staff');
  const planned = await officer.post('/api/counts', {
    title: '2026 年度清查',
    reason: 'annual',
    unitIds: [w.u01],
    baseDate: '2026-09-30',
    counterIds: [w.users['u01-staff']],
  });
  expect(planned.statusCode, planned.body).toBe(201);
  countId = planned.json().id;
  expect(await okJson(officer.post(`/api/counts/${countId}/start`))).toEqual({ expectedCount: 5 });
  await withTx(t.database.db, (tx) => changeCard(tx, null, card.A.id, { set: { name: '资产A（改名）' }, eventType: 'edited' }));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe("a count on each card's ledger", () => {
  it('puts each scan of a card on its ledger once: a batch synced twice writes six events, not twelve', async () => {
    const batch = [
      scan({ code: card.A.cardNo, roomId: w.u01Room }),
      scan({ code: card.B.cardNo, roomId: w.sharedRoom }),
      scan({ code: card.D.cardNo, roomId: w.u01Room, condition: 'damaged', note: '屏幕破裂' }),
      scan({ code: card.F.cardNo, roomId: w.u01Room }),
      scan({ code: 'NO-SUCH-CARD', roomId: w.u01Room }),
      scan({ code: card.E.cardNo, roomId: w.u02Room }),
    ];
    expect((await okJson(counter.post(`/api/counts/${countId}/scans`, { scans: batch }))).recorded).toBe(6);
    expect((await okJson(counter.post(`/api/counts/${countId}/scans`, { scans: batch }))).duplicates).toBe(6);
    // A scanned a second time (a new key): a second event on A.
    await expectOk(counter.post(`/api/counts/${countId}/scans`, { scans: [scan({ code: card.A.cardNo, roomId: w.u01Room })] }));
    // Five cards scanned (the surplus has no card): A twice, B, D, E, F.
    expect(await countOf('count_scanned')).toBe(6);
    const a = countEvents((await history('A')).items);
    expect(a.map((e) => [e.type, e.after?.outcome, e.actorId])).toEqual([
      ['count_scanned', 'found', w.users['u01-staff']],
      ['count_scanned', 'found', w.users['u01-staff']],
    ]);
  });

  it("says who scanned, where, in which condition, with the note and the count's name", async () => {
    const { items, names } = await history('D');
    const [d] = countEvents(items);
    expect(d.actorId).toBe(w.users['u01-staff']);
    expect(d.note).toBe('屏幕破裂');
    expect(d.after).toEqual({
      countId,
      count: '2026 年度清查',
      outcome: 'found',
      roomId: w.u01Room,
      condition: 'damaged',
      scannedAt: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
    expect(names[w.u01Room]).toBe('1号楼 301');
    const [b] = countEvents((await history('B')).items);
    expect([b.after?.outcome, b.after?.roomId]).toEqual(['moved', w.sharedRoom]);
    // Another unit's card scanned in this count: on its own ledger, as outside the count.
    const [f] = countEvents((await history('F')).items);
    expect([f.after?.outcome, f.after?.count]).toEqual(['outside', '2026 年度清查']);
  });

  it("closes with every card's result on its ledger: the outcome, the room expected, and the adjustment it went into", async () => {
    close = await okJson(officer.post(`/api/counts/${countId}/close`));
    const [move, loss] = close.documents;
    expect(close.documents.map((d) => d.kind)).toEqual(['move', 'loss']);
    // Five expected cards and one outside: six results. E, found in another unit's room, goes into no document.
    expect(await countOf('count_result')).toBe(6);
    expect((close as unknown as { held: { cardNo: string; reason: string }[] }).held).toEqual([
      { cardNo: card.E.cardNo, reason: '在其他单位的房间发现，需另行处理（调拨或更正）' },
      { cardNo: 'NO-SUCH-CARD', reason: '盘盈资产未登记分类与价值，未生成入账单据' },
    ]);
    const result = async (name: string) => {
      const e = countEvents((await history(name)).items).at(-1)!;
      return {
        type: e.type,
        actorId: e.actorId,
        documentId: e.documentId,
        after: { ...e.after, scannedAt: e.after?.scannedAt ? 'at' : undefined },
      };
    };
    const base = { countId, count: '2026 年度清查' };
    const who = w.users.officer;
    expect(await result('A')).toEqual({
      type: 'count_result',
      actorId: who,
      documentId: null,
      after: { ...base, outcome: 'found', roomId: w.u01Room, condition: 'good', scannedAt: 'at', changedWhileCounting: true },
    });
    expect(await result('B')).toEqual({
      type: 'count_result',
      actorId: who,
      documentId: move.id,
      after: { ...base, outcome: 'moved', roomId: w.sharedRoom, expectedRoomId: w.u01Room, condition: 'good', scannedAt: 'at' },
    });
    expect(await result('C')).toEqual({
      type: 'count_result',
      actorId: who,
      documentId: loss.id,
      after: { ...base, outcome: 'missing', expectedRoomId: w.u01Room, scannedAt: undefined },
    });
    expect(await result('D')).toEqual({
      type: 'count_result',
      actorId: who,
      documentId: null,
      after: { ...base, outcome: 'found', roomId: w.u01Room, condition: 'damaged', scannedAt: 'at' },
    });
    expect(await result('E')).toEqual({
      type: 'count_result',
      actorId: who,
      documentId: null,
      after: { ...base, outcome: 'moved', roomId: w.u02Room, expectedRoomId: w.u01Room, condition: 'good', scannedAt: 'at' },
    });
    expect((await result('F')).after).toEqual({ ...base, outcome: 'outside', roomId: w.u01Room, condition: 'good', scannedAt: 'at' });
  });

  it("keeps every card's chain whole, and the executed move follows the count's result on the card's ledger", async () => {
    expect((await verifyLedger(t.database.db)).ok).toBe(true);
    const [move] = close.documents;
    await expectOk((await t.as('u01-admin')).post(`/api/documents/${move.id}/approve`, {}));
    await expectOk(officer.post(`/api/documents/${move.id}/execute`));
    const b = (await history('B')).items.slice(-3);
    expect(b.map((e) => [e.type, e.documentId])).toEqual([
      ['count_scanned', null],
      ['count_result', move.id],
      ['handed_over', move.id],
    ]);
    expect((await verifyLedger(t.database.db)).ok).toBe(true);
  });
});
