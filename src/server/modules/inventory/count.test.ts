// A count on a hand-built world with every outcome: the figures are worked out by hand, not from the code.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountResult, ScanInput } from '../../../shared/inventory.contracts.ts';
import { query, queryOne } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { changeCard } from '../assets/index.ts';
import { addCard, createWorkflowWorld, expectOk, type WorkflowWorld, u01Room } from '../../testing/world.ts';

let t: TestApp;
let w: WorkflowWorld;
let officer: Client;
let counter: Client;
let room303: string;
const card: Record<string, { id: string; cardNo: string }> = {};
let countId: string;

const key = () => crypto.randomUUID();
const scan = (over: Partial<ScanInput>): ScanInput => ({ key: key(), condition: 'good', ...over });
const roomOf = async (id: string) =>
  (await queryOne<{ room_id: string }>(t.database.db, sql`SELECT room_id::text FROM cards WHERE id = ${id}`))!.room_id;
const statusOf = async (id: string) =>
  (await queryOne<{ status: string }>(t.database.db, sql`SELECT status FROM cards WHERE id = ${id}`))!.status;
const result = async (c: Client = officer): Promise<CountResult> => {
  const res = await c.get(`/api/counts/${countId}/result`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorkflowWorld(t.database);
  room303 = await u01Room(t.database, w, '303', 18);
  // u01: A in place, B found in 303, C missing, D damaged in place, E missing, H missing but held by
  // an open document; u02: F (another scope).
  for (const [name, value] of [
    ['A', 480000],
    ['B', 480000],
    ['C', 480000],
    ['D', 480000],
    ['E', 120000],
  ] as const) {
    const c = await addCard(t.database, w, { name: `资产${name}`, originalValueFen: value });
    card[name] = { id: c.id, cardNo: c.cardNo };
  }
  const f = await addCard(
    t.database,
    w,
    { unitId: w.u02, name: '资产F', usingDepartmentId: w.u02Dept, custodianId: w.u02Staff, roomId: w.u02Room },
    'u02-admin',
  );
  card.F = { id: f.id, cardNo: f.cardNo };
  const h = await addCard(t.database, w, { name: '资产H', originalValueFen: 100000 });
  card.H = { id: h.id, cardNo: h.cardNo };
  // u01's books are closed through October: the adjustments of a September count are booked in November.
  await t.database.db.execute(sql`INSERT INTO unit_books (unit_id, closed_through) VALUES (${w.u01}, '2026-10-01')`);
  officer = await t.as('officer');
  counter = await t.as('u01-staff');
  await expectOk(
    (await t.as('u01-admin')).post('/api/documents', {
      type: 'change',
      payload: { changeKind: 'handover', roomId: room303 },
      lines: [{ cardId: card.H.id }],
    }),
    201,
  );
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('a count from plan to approved adjustments', () => {
  it('plans a count of unit 01 with a counter, and refuses an impossible date naming the field', async () => {
    const bad = await officer.post('/api/counts', { title: '年度清查', reason: 'annual', unitIds: [w.u01], baseDate: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('baseDate');
    const res = await officer.post('/api/counts', {
      title: '2026 年度清查',
      reason: 'annual',
      unitIds: [w.u01],
      baseDate: '2026-09-30',
      counterIds: [w.users['u01-staff']],
    });
    expect(res.statusCode, res.body).toBe(201);
    countId = res.json().id;
    const scanBefore = await counter.post(`/api/counts/${countId}/scans`, { scans: [scan({ code: card.A.cardNo })] });
    expect(scanBefore.statusCode).toBe(409);
  });

  it('starts with a snapshot of the six cards of unit 01 that later edits do not rewrite', async () => {
    const res = await officer.post(`/api/counts/${countId}/start`);
    expect(res.json()).toEqual({ expectedCount: 6 });
    await addCard(t.database, w, { name: '开始后登记的资产' });
    await withTx(t.database.db, (tx) => changeCard(tx, null, card.A.id, { set: { name: '资产A（改名）' }, eventType: 'edited' }));
    const snap = await query<{ name: string }>(t.database.db, sql`SELECT name FROM count_items WHERE count_id = ${countId} ORDER BY name`);
    expect(snap.map((r) => r.name)).toEqual(['资产A', '资产B', '资产C', '资产D', '资产E', '资产H']);
  });

  it('records scans once each: the same batch synced twice or by two phones at once, and a card scanned twice, count once', async () => {
    const batch = [
      scan({ code: `https://gongwu.example/m/cards/${card.A.id}`, roomId: w.u01Room }),
      scan({ code: card.B.cardNo, roomId: room303 }),
      scan({ code: card.D.cardNo, roomId: w.u01Room, condition: 'damaged', note: '屏幕破裂' }),
      scan({ code: card.F.cardNo, roomId: w.u01Room }),
      scan({ code: 'NO-SUCH-CARD', roomId: w.u01Room }),
      scan({ surplusName: '无标签打印机', roomId: w.u01Room }),
    ];
    const first = await counter.post(`/api/counts/${countId}/scans`, { scans: batch });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().recorded).toBe(6);
    expect(first.json().results.map((r: { outcome: string }) => r.outcome)).toEqual([
      'found',
      'moved',
      'found',
      'outside',
      'surplus',
      'surplus',
    ]);
    const again = await counter.post(`/api/counts/${countId}/scans`, { scans: batch });
    expect({ recorded: again.json().recorded, duplicates: again.json().duplicates }).toEqual({ recorded: 0, duplicates: 6 });
    // A second scan of A under a new key: one more row, still one result.
    await expectOk(counter.post(`/api/counts/${countId}/scans`, { scans: [scan({ code: card.A.cardNo })] }));
    // Two phones syncing the same queued scan at once: one row.
    const shared = [scan({ code: card.A.cardNo, roomId: w.u01Room })];
    const both = await Promise.all([
      counter.post(`/api/counts/${countId}/scans`, { scans: shared }),
      officer.post(`/api/counts/${countId}/scans`, { scans: shared }),
    ]);
    expect(both.map((r) => r.json().recorded).sort()).toEqual([0, 1]);
    expect(
      (await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM count_scans WHERE count_id = ${countId}`))!.n,
    ).toBe(8);
  });

  it('reconciles to exact figures: 2 in place, 1 moved, 3 missing, 1 damaged, 2 surplus, 1 outside, 33.33 %', async () => {
    const r = await result();
    expect(r.totals).toEqual({
      expected: 6,
      found: 2,
      moved: 1,
      missing: 3,
      damaged: 1,
      surplus: 2,
      outside: 1,
      matchRateBp: 3333,
      missingValueFen: 700000,
    });
    const lines = r.lines.map((l) => [l.outcome, l.cardNo ?? l.name, l.damaged, l.changedSinceSnapshot]);
    expect(lines).toEqual([
      ['missing', card.C.cardNo, false, false],
      ['missing', card.E.cardNo, false, false],
      ['missing', card.H.cardNo, false, false],
      ['moved', card.B.cardNo, false, false],
      ['surplus', 'NO-SUCH-CARD', false, false],
      ['surplus', '无标签打印机', false, false],
      ['outside', card.F.cardNo, false, false],
      ['found', card.A.cardNo, false, true],
      ['found', card.D.cardNo, true, false],
    ]);
    expect(r.periodNotes).toEqual([expect.stringContaining('盘点调整计入 2026-11')]);
    const xlsx = await officer.get(`/api/counts/${countId}/result.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('keeps another unit out: 404 on the count, its scans and its result; absent from its list', async () => {
    const other = await t.as('u02-admin');
    for (const res of [
      await other.get(`/api/counts/${countId}`),
      await other.get(`/api/counts/${countId}/result`),
      await other.post(`/api/counts/${countId}/scans`, { scans: [scan({ code: card.A.cardNo })] }),
      await other.post(`/api/counts/${countId}/close`),
    ])
      expect(res.statusCode).toBe(404);
    expect((await other.get('/api/counts')).json().items).toEqual([]);
    const planOther = await (await t.as('u01-admin')).post('/api/counts', {
      title: '越权',
      reason: 'annual',
      unitIds: [w.u02],
      baseDate: '2026-12-31',
    });
    expect(planOther.statusCode).toBe(404);
  });

  it('closes into submitted documents that change no card until approved and executed, leaving out a card held elsewhere', async () => {
    const res = await officer.post(`/api/counts/${countId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    const docs = res.json().documents as { id: string; kind: string; lines: number }[];
    expect(docs.map((d) => [d.kind, d.lines])).toEqual([
      ['move', 1],
      ['loss', 2],
    ]);
    // H is held by an open document: left out and named, the rest goes ahead.
    // The two surpluses were never registered (category, value): named, no registration document.
    expect(res.json().held).toEqual([
      { cardNo: card.H.cardNo, reason: expect.stringContaining('已在未完成的单据') },
      { cardNo: 'NO-SUCH-CARD', reason: '盘盈资产未登记分类与价值，未生成入账单据' },
      { cardNo: '无标签打印机', reason: '盘盈资产未登记分类与价值，未生成入账单据' },
    ]);
    expect(await roomOf(card.B.id)).toBe(w.u01Room);
    expect([await statusOf(card.C.id), await statusOf(card.E.id)]).toEqual(['in_use', 'in_use']);
    const late = await counter.post(`/api/counts/${countId}/scans`, { scans: [scan({ code: card.C.cardNo })] });
    expect(late.statusCode).toBe(409);

    const [move, loss] = docs;
    // Not executable before approval.
    expect((await officer.post(`/api/documents/${move.id}/execute`)).statusCode).toBe(409);
    await expectOk((await t.as('u01-admin')).post(`/api/documents/${move.id}/approve`, {}));
    await expectOk((await t.as('u01-leader')).post(`/api/documents/${loss.id}/approve`, {}));
    await expectOk(officer.post(`/api/documents/${move.id}/execute`));
    await expectOk(officer.post(`/api/documents/${loss.id}/execute`));
    expect(await roomOf(card.B.id)).toBe(room303);
    expect([await statusOf(card.C.id), await statusOf(card.E.id)]).toEqual(['disposed', 'disposed']);
    const events = await query<{ type: string; document_id: string }>(
      t.database.db,
      sql`SELECT type, document_id::text FROM card_events WHERE card_id = ${card.B.id} ORDER BY seq DESC LIMIT 1`,
    );
    expect(events).toEqual([{ type: 'handed_over', document_id: move.id }]);
    const detail = (await officer.get(`/api/counts/${countId}`)).json();
    expect(detail.status).toBe('closed');
    expect(detail.documents.map((d: { status: string }) => d.status)).toEqual(['executed', 'executed']);
  });
});
