// The split among counters, the blind recount by another person, 盘盈 into cards after approval, and
// the paged result, on a hand-built world: five cards in three rooms of unit 01, figures by hand.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountSheet, ScanInput } from '../../../shared/inventory.contracts.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addCard, createWorkflowWorld, type WorkflowWorld, u01Room } from '../../testing/world.ts';

/** The response's JSON, after checking its status. */
async function expectOk<T = unknown>(p: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> {
  const res = await p;
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  return res.json() as T;
}

let t: TestApp;
let w: WorkflowWorld;
let officer: Client;
let staff: Client; // the lead: room 303
let finance: Client; // room 101 (the world's u01 room)
let leader: Client; // no room: the unassigned rest (room 304)
let admin: Client; // the recounter
let r303: string;
let r304: string;
let countId: string;
const card: Record<string, { id: string; cardNo: string }> = {};
const scan = (over: Partial<ScanInput>): ScanInput => ({ key: crypto.randomUUID(), condition: 'good', ...over });
const sheetOf = async (c: Client, qs = ''): Promise<CountSheet> => expectOk<CountSheet>(c.get(`/api/counts/${countId}/sheet${qs}`));

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorkflowWorld(t.database);
  const room = (code: string) => u01Room(t.database, w, code, 18);
  r303 = await room('303');
  r304 = await room('304');
  for (const [name, roomId] of [
    ['A', w.u01Room],
    ['B', w.u01Room],
    ['C', r303],
    ['D', r303],
    ['E', r304],
  ] as const) {
    const c = await addCard(t.database, w, { name: `资产${name}`, roomId, originalValueFen: 300000 });
    card[name] = { id: c.id, cardNo: c.cardNo };
  }
  officer = await t.as('officer');
  staff = await t.as('u01-staff');
  finance = await t.as('u01-finance');
  leader = await t.as('u01-leader');
  admin = await t.as('u01-admin');
  countId = (
    await expectOk<{ id: string }>(
      officer.post('/api/counts', {
        title: '分工盘点',
        reason: 'annual',
        unitIds: [w.u01],
        baseDate: '2026-12-31',
        counterIds: [w.users['u01-staff'], w.users['u01-finance'], w.users['u01-leader']],
      }),
      201,
    )
  ).id;
  await expectOk(officer.post(`/api/counts/${countId}/start`));
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('a count split among counters', () => {
  it('refuses a split naming a non-counter or one room twice, naming the fields', async () => {
    const res = await officer.put(`/api/counts/${countId}/assignments`, {
      assignments: [
        { userId: w.users['u01-admin'], roomIds: [r303] },
        { userId: w.users['u01-staff'], roomIds: [r303] },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields).sort()).toEqual(['assignments.0.userId', 'assignments.1.roomIds.0']);
    // A counter may not split the count.
    expect((await staff.put(`/api/counts/${countId}/assignments`, { assignments: [] })).statusCode).toBe(403);
  });

  it("gives each counter their rooms' cards only; the lead without rooms the whole count, another the rest", async () => {
    await expectOk(
      officer.put(`/api/counts/${countId}/assignments`, {
        assignments: [
          { userId: w.users['u01-finance'], roomIds: [w.u01Room] },
          { userId: w.users['u01-staff'], roomIds: [r303] },
        ],
      }),
    );
    const names = (s: CountSheet) => s.items.map((i) => i.name);
    const f = await sheetOf(finance);
    expect([f.share, names(f)]).toEqual(['rooms', ['资产A', '资产B']]);
    const s = await sheetOf(staff);
    expect([s.share, names(s)]).toEqual(['rooms', ['资产C', '资产D']]);
    const l = await sheetOf(leader);
    expect([l.share, names(l)]).toEqual(['rest', ['资产E']]);
    const o = await sheetOf(officer);
    expect([o.share, o.items.length]).toEqual(['all', 5]);
  });

  it('downloads the sheet in pages cut by card id, each page by card number, every card once', async () => {
    const first = await sheetOf(officer, '?limit=2');
    const ids = (s: CountSheet) => s.items.map((i) => i.cardId);
    expect(first.items.map((i) => i.cardNo)).toEqual([...first.items.map((i) => i.cardNo)].sort());
    expect(first.next).toBe([...ids(first)].sort().at(-1));
    const second = await sheetOf(officer, `?limit=2&after=${encodeURIComponent(first.next!)}`);
    expect([second.items.length, second.rooms]).toEqual([2, []]);
    expect(ids(second).every((id) => id > first.next!)).toBe(true);
    const last = await sheetOf(officer, `?limit=2&after=${encodeURIComponent(second.next!)}`);
    expect([last.items.length, last.next]).toEqual([1, null]);
    const names = [first, second, last].flatMap((s) => s.items.map((i) => i.name)).sort();
    expect(names).toEqual(['资产A', '资产B', '资产C', '资产D', '资产E']);
  });

  it('shows progress per counter, room and unit as the scans arrive', async () => {
    await expectOk(
      finance.post(`/api/counts/${countId}/scans`, {
        scans: [scan({ code: card.A.cardNo, roomId: w.u01Room }), scan({ code: card.B.cardNo, roomId: r303 })],
      }),
    );
    await expectOk(
      staff.post(`/api/counts/${countId}/scans`, {
        scans: [
          scan({ code: card.C.cardNo, roomId: r303 }),
          scan({ surplusName: '无标签投影仪', roomId: r303 }),
          scan({ code: 'NO-LABEL-9' }),
        ],
      }),
    );
    const p = await expectOk<{
      byCounter: { name: string; expected: number; counted: number; rooms: number }[];
      byRoom: { roomId: string; expected: number; counted: number; counterName: string | null }[];
      byUnit: { expected: number; counted: number }[];
    }>(officer.get(`/api/counts/${countId}/progress`));
    expect(p.byCounter.map((c) => [c.name, c.rooms, c.expected, c.counted])).toEqual([
      ['u01-staff（测试）', 1, 2, 1],
      ['u01-finance（测试）', 1, 2, 2],
      ['u01-leader（测试）', 0, 1, 0],
    ]);
    const room = (id: string) => p.byRoom.find((r) => r.roomId === id)!;
    expect([room(w.u01Room), room(r303), room(r304)].map((r) => [r.expected, r.counted, r.counterName])).toEqual([
      [2, 2, 'u01-finance（测试）'],
      [2, 1, 'u01-staff（测试）'],
      [1, 0, null],
    ]);
    expect(p.byUnit.map((u) => [u.expected, u.counted])).toEqual([[5, 3]]);
  });
});

describe('a blind recount of the discrepancies by another person', () => {
  it('refuses a first counter of those cards as recounter', async () => {
    for (const who of ['u01-finance', 'u01-staff']) {
      const res = await officer.post(`/api/counts/${countId}/recounts`, { counterId: w.users[who], blind: true });
      expect(res.statusCode, who).toBe(422);
      expect(res.json().message).toContain('初盘以外');
    }
  });

  it('hands B (moved), D and E (missing) to another person whose sheet hides the book rooms and whose answers do not tell', async () => {
    const created = await expectOk<{ id: string; cards: number }>(
      officer.post(`/api/counts/${countId}/recounts`, { counterId: w.users['u01-admin'], blind: true }),
      201,
    );
    expect(created.cards).toBe(3);
    const sheet = await sheetOf(admin);
    expect(sheet.share).toBe('recount');
    expect(sheet.recount).toEqual({ id: created.id, blind: true });
    expect(sheet.items.map((i) => [i.name, i.roomId, i.roomName, i.counted])).toEqual([
      ['资产B', null, null, false],
      ['资产D', null, null, false],
      ['资产E', null, null, false],
    ]);
    const res = await expectOk<{ results: { outcome: string }[] }>(
      admin.post(`/api/counts/${countId}/scans`, { scans: [scan({ code: card.D.cardNo, roomId: r303 })] }),
    );
    expect(res.results.map((r) => r.outcome)).toEqual(['counted']);
    const list = await expectOk<{ items: { counterName: string; cards: number; counted: number; blind: boolean }[] }>(
      officer.get(`/api/counts/${countId}/recounts`),
    );
    expect(list.items.map((r) => [r.counterName, r.blind, r.cards, r.counted])).toEqual([['u01-admin（测试）', true, 3, 1]]);
  });

  it('reconciles with the recount: A, C, D in place, B moved, E missing, 60 %, 2 surplus; paged lines', async () => {
    const r = await expectOk<{
      totals: { expected: number; found: number; moved: number; missing: number; surplus: number; matchRateBp: number };
      lines: { outcome: string; cardNo: string | null; name: string | null }[];
      linesTotal: number;
    }>(officer.get(`/api/counts/${countId}/result?pageSize=2&page=1`));
    expect([r.totals.expected, r.totals.found, r.totals.moved, r.totals.missing, r.totals.surplus, r.totals.matchRateBp]).toEqual([
      5, 3, 1, 1, 2, 6000,
    ]);
    expect(r.linesTotal).toBe(4);
    expect(r.lines.map((l) => [l.outcome, l.cardNo])).toEqual([
      ['missing', card.E.cardNo],
      ['moved', card.B.cardNo],
    ]);
    const p2 = await expectOk<{ lines: { outcome: string; cardNo: string | null; name: string | null }[] }>(
      officer.get(`/api/counts/${countId}/result?pageSize=2&page=2`),
    );
    expect(p2.lines.map((l) => [l.outcome, l.cardNo ?? l.name])).toEqual([
      ['surplus', 'NO-LABEL-9'],
      ['surplus', '无标签投影仪'],
    ]);
    const surplusOnly = await expectOk<{ linesTotal: number }>(officer.get(`/api/counts/${countId}/result?outcome=surplus`));
    expect(surplusOnly.linesTotal).toBe(2);
  });
});

describe('盘盈: a surplus becomes a card only when its registration document is approved and executed', () => {
  it('registers the projector (category, value, basis, explanation); refuses a nominal value that is not ¥1', async () => {
    const r = await expectOk<{ lines: { outcome: string; name: string | null; scanKey: string | null; registered: boolean }[] }>(
      officer.get(`/api/counts/${countId}/result?outcome=surplus`),
    );
    const projector = r.lines.find((l) => l.name === '无标签投影仪')!;
    expect(projector.registered).toBe(false);
    const body = {
      scanKey: projector.scanKey!,
      unitId: w.u01,
      categoryId: w.cat.equipment,
      name: '投影仪（盘盈）',
      valueFen: 350000,
      valueBasis: 'appraised',
      explanation: '会议室发现，无卡片，经询问系2019年接收捐赠未入账',
      roomId: r303,
    };
    const bad = await officer.put(`/api/counts/${countId}/surplus`, { ...body, valueBasis: 'nominal' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ valueFen: '名义金额为 1 元' });
    expect((await staff.put(`/api/counts/${countId}/surplus`, body)).statusCode).toBe(403);
    await expectOk(officer.put(`/api/counts/${countId}/surplus`, body));
    const again = await expectOk<{ lines: { name: string | null; registered: boolean }[] }>(
      officer.get(`/api/counts/${countId}/result?outcome=surplus`),
    );
    expect(again.lines.map((l) => [l.name, l.registered])).toEqual([
      [null, false],
      ['无标签投影仪', true],
    ]);
  });

  it('closes into a move, a write-off and a 盘盈 registration; the unregistered code is named; the card appears on execution', async () => {
    const closed = await expectOk<{ documents: { id: string; kind: string; lines: number }[]; held: { cardNo: string; reason: string }[] }>(
      officer.post(`/api/counts/${countId}/close`),
    );
    expect(closed.documents.map((d) => [d.kind, d.lines])).toEqual([
      ['move', 1],
      ['loss', 1],
      ['surplus', 1],
    ]);
    expect(closed.held).toEqual([{ cardNo: 'NO-LABEL-9', reason: '盘盈资产未登记分类与价值，未生成入账单据' }]);
    const surplusDoc = closed.documents[2].id;
    const cardsNamed = async () =>
      query<{ acquisition_method: string; original_value_fen: number; unit_id: string }>(
        t.database.db,
        sql`SELECT acquisition_method, original_value_fen::int, unit_id::text FROM cards WHERE name = '投影仪（盘盈）'`,
      );
    expect(await cardsNamed()).toEqual([]);
    const doc = await expectOk<{ status: string; type: string }>(officer.get(`/api/documents/${surplusDoc}`));
    expect(doc.type).toBe('acceptance');
    if (doc.status === 'submitted') await expectOk(officer.post(`/api/documents/${surplusDoc}/approve`, {}));
    expect(await cardsNamed()).toEqual([]);
    await expectOk(admin.post(`/api/documents/${surplusDoc}/execute`));
    expect(await cardsNamed()).toEqual([{ acquisition_method: 'surplus', original_value_fen: 350000, unit_id: w.u01 }]);
    const ev = await query<{ type: string }>(
      t.database.db,
      sql`SELECT e.type FROM card_events e JOIN cards c ON c.id = e.card_id WHERE c.name = '投影仪（盘盈）' ORDER BY e.seq`,
    );
    expect(ev.map((e) => e.type)).toEqual(['count_surplus']);
  });
});
