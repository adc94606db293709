import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copierAllowed, quotaBasis } from '../../../shared/quota.rules.ts';
import { areaTier, capFor, capStandardFor, type StandardRow } from '../../../shared/standard.rules.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addCard, world, createWorkflowWorld, type WorkflowWorld, u01Room } from '../../testing/world.ts';
import { standardsInForce } from './index.ts';

// The central rows of 财资〔2016〕27号 as shipped (migrations/post/180), figures in fen:
// desk ¥4,500 for 司局级 (here 市级 and 局级 ranks) and ¥3,000 below; conference table per m² of its
// room — ≤ 50 m² ¥1,600, 50–100 m² ¥1,200, > 100 m² ¥1,000; A4 black-and-white printer ¥1,200,
// A4 colour ¥2,000, A3 colour ¥15,000; printers ≤ 80 % of the establishment, A3 ≤ 15 %, colour ≤ 3 %;
// copiers 1 per 20 heads for the first 100 and 1 per 30 above; office chairs 1 a person, meeting
// and training chairs apart.

let t: TestApp;
let w: WorkflowWorld;
let db: Queryable;
let admin: Client, u02admin: Client, officer: Client;
const cat = {
  desk: '',
  confTable: '',
  printer: '',
  officeChair: '',
  trainingChair: '',
  meetingChair: '',
  bookcase: '',
  filingCabinet: '',
  copier: '',
};
const staff = { bureauHead: '', below: '' };
const room = { m50: '', m80: '' };

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorkflowWorld(t.database);
  db = t.database.db;
  [admin, u02admin, officer] = await Promise.all(['u01-admin', 'u02-admin', 'officer'].map((u) => t.as(u)));
  const testWorld = world(t.database);
  const furniture = await testWorld.category({ code: '6000000', name: '家具用具' });
  const tables = await testWorld.category({ code: '6010200', name: '台、桌类', parentPath: furniture.path });
  cat.desk = (await testWorld.category({ code: '6010201', name: '办公桌', parentPath: tables.path, lifeMonths: 180 })).id;
  cat.confTable = (await testWorld.category({ code: '6010202', name: '会议桌', parentPath: tables.path, lifeMonths: 240 })).id;
  const chairs = await testWorld.category({ code: '6010300', name: '椅凳类', parentPath: furniture.path });
  cat.officeChair = (await testWorld.category({ code: '6010301', name: '办公椅', parentPath: chairs.path, lifeMonths: 180 })).id;
  cat.trainingChair = (await testWorld.category({ code: '6010303', name: '培训椅', parentPath: chairs.path, lifeMonths: 180 })).id;
  cat.meetingChair = (await testWorld.category({ code: '6010302', name: '会议椅', parentPath: chairs.path, lifeMonths: 180 })).id;
  const cabinets = await testWorld.category({ code: '6010500', name: '柜类', parentPath: furniture.path });
  cat.bookcase = (await testWorld.category({ code: '6010501', name: '书柜', parentPath: cabinets.path, lifeMonths: 180 })).id;
  cat.filingCabinet = (await testWorld.category({ code: '6010502', name: '文件柜', parentPath: cabinets.path, lifeMonths: 240 })).id;
  const office = await testWorld.category({ code: '2020000', name: '办公设备' });
  cat.printer = (await testWorld.category({ code: '2020402', name: '激光打印机', parentPath: office.path, lifeMonths: 72 })).id;
  cat.copier = (await testWorld.category({ code: '2020101', name: '黑白复印机', parentPath: office.path, lifeMonths: 72 })).id;

  const person = async (unitId: string, name: string, rank: string) =>
    (await queryOne<{ id: string }>(db, sql`INSERT INTO staff (unit_id, name, rank) VALUES (${unitId}, ${name}, ${rank}) RETURNING id`))!
      .id;
  staff.bureauHead = await person(w.u01, '周局长', 'bureau_head');
  staff.below = w.u01Staff;
  // u02: 20 on the establishment (王芳 and 19 more).
  for (let i = 0; i < 19; i++) await person(w.u02, `职员${i}`, 'below_bureau');
  const meetingRoom = (code: string, area: number) => u01Room(t.database, w, code, area, 'meeting');
  room.m50 = await meetingRoom('320', 50);
  room.m80 = await meetingRoom('321', 80);
}, 120_000);
afterAll(async () => {
  await t.close();
});

type Line = Record<string, unknown>;
const check = async (lines: Line[], c: Client = admin, unitId = w.u01) => {
  const res = await c.post('/api/config-requests/check', { unitId, lines });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().lines as {
    standardCode: string | null;
    findings: { rule: string; standardCode: string; figures: Record<string, unknown> }[];
  }[];
};
const rules = async (line: Line, c?: Client, unitId?: string) =>
  (await check([line], c, unitId))[0].findings.map((f) => `${f.rule}:${f.standardCode}`);
const desk = (unitPriceFen: number, forStaffId?: string) => ({
  categoryId: cat.desk,
  quantity: 1,
  unitPriceFen,
  ...(forStaffId ? { forStaffId } : {}),
});

describe('caps by the rank of the person an item is for', () => {
  it('allows a bureau head ¥4,500.00 for a desk, and finds ¥4,500.01', async () => {
    expect(await rules(desk(450_000, staff.bureauHead))).toEqual([]);
    const over = (await check([desk(450_001, staff.bureauHead)]))[0].findings[0];
    expect(over).toMatchObject({
      rule: 'price_cap',
      standardCode: 'desk',
      figures: { priceFen: 450_001, capFen: 450_000, rank: 'bureau_head' },
    });
  });

  it('allows ¥3,000.00 below the bureau level, and finds ¥3,000.01 — and so for a desk with nobody named', async () => {
    expect(await rules(desk(300_000, staff.below))).toEqual([]);
    expect(await rules(desk(300_001, staff.below))).toEqual(['price_cap:desk']);
    expect(await rules(desk(300_000))).toEqual([]);
    expect(await rules(desk(300_001))).toEqual(['price_cap:desk']);
  });

  it('refuses a person of another unit', async () => {
    const res = await admin.post('/api/config-requests/check', { unitId: w.u01, lines: [desk(300_000, w.u02Staff)] });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields['lines.0.forStaffId']).toBe('使用人不存在或不属于本单位');
    const doc = await admin.post('/api/documents', { type: 'config_request', lines: [{ ...desk(300_000, w.u02Staff), name: '办公桌' }] });
    expect(doc.statusCode).toBe(400);
    expect(doc.json().fields['lines.0.forStaffId']).toMatch(/使用人.*不存在或不属于申请单位/);
  });
});

describe('the other rank-dependent caps at the edge, for a bureau head and below the bureau level', () => {
  // chair ¥1,500 / ¥800; bookcase ¥2,000 / ¥1,200; filing cabinet ¥2,000 / ¥1,000 (migrations/post/180).
  const cases = [
    ['chair', () => cat.officeChair, 150_000, 80_000],
    ['bookcase', () => cat.bookcase, 200_000, 120_000],
    ['filing_cabinet', () => cat.filingCabinet, 200_000, 100_000],
  ] as const;
  for (const [code, category, bureau, below] of cases)
    it(`holds a ${code} to ${bureau} fen for a bureau head and ${below} fen below, finding one fen over`, async () => {
      const line = (unitPriceFen: number, forStaffId: string) => ({ categoryId: category(), quantity: 1, unitPriceFen, forStaffId });
      expect(await rules(line(bureau, staff.bureauHead))).toEqual([]);
      expect(await rules(line(bureau + 1, staff.bureauHead))).toEqual([`price_cap:${code}`]);
      expect(await rules(line(below, staff.below))).toEqual([]);
      const [f] = (await check([line(below + 1, staff.below)]))[0].findings;
      expect(f).toMatchObject({ rule: 'price_cap', standardCode: code, figures: { priceFen: below + 1, capFen: below } });
    });
});

describe('the conference table, per m² of its room', () => {
  const table = (totalFen: number, forRoomId?: string) => ({
    categoryId: cat.confTable,
    quantity: 1,
    unitPriceFen: totalFen,
    ...(forRoomId ? { forRoomId } : {}),
  });

  it('caps a 50 m² room at 50 × ¥1,600 = ¥80,000.00, to the fen', async () => {
    expect(await rules(table(8_000_000, room.m50))).toEqual([]);
    const [f] = (await check([table(8_000_001, room.m50)]))[0].findings;
    expect(f).toMatchObject({ rule: 'price_cap', figures: { totalFen: 8_000_001, capFen: 8_000_000, areaM2: 50, fenPerM2: 160_000 } });
  });

  it('caps an 80 m² room at 80 × ¥1,200 = ¥96,000.00, to the fen', async () => {
    expect(await rules(table(9_600_000, room.m80))).toEqual([]);
    expect(await rules(table(9_600_001, room.m80))).toEqual(['price_cap:conference_table']);
  });

  it('adds up the lines for one room, and asks for the room when none is named', async () => {
    const two = await check([table(5_000_000, room.m50), table(3_000_001, room.m50)]);
    expect(two.map((l) => l.findings.length)).toEqual([0, 1]);
    expect(await rules(table(100))).toEqual(['room_required:conference_table']);
  });

  it('takes the tier by the area, each bound inclusive', () => {
    const tiers = [
      { maxM2: 50, fenPerM2: 160_000 },
      { maxM2: 100, fenPerM2: 120_000 },
      { maxM2: null, fenPerM2: 100_000 },
    ];
    expect([50, 50.01, 100, 100.01, 250].map((a) => areaTier(tiers, a)?.fenPerM2)).toEqual([160_000, 120_000, 120_000, 100_000, 100_000]);
  });
});

describe('printers by kind', () => {
  const printer = (unitPriceFen: number, attributes?: Record<string, unknown>, quantity = 1) => ({
    categoryId: cat.printer,
    quantity,
    unitPriceFen,
    ...(attributes ? { attributes } : {}),
  });

  it('holds an A4 black-and-white printer to ¥1,200.00, and a printer not described is one', async () => {
    expect(await rules(printer(120_000, { paperSize: 'A4', colour: false }))).toEqual([]);
    expect(await rules(printer(120_001, { paperSize: 'A4', colour: false }))).toEqual(['price_cap:printer_a4_mono']);
    expect(await rules(printer(120_001))).toEqual(['price_cap:printer_a4_mono']);
  });

  it('gives A3 and colour printers their own lines', async () => {
    expect(await rules(printer(1_500_000, { paperSize: 'A3', colour: true }), officer, w.u02)).toEqual(['quota:printers_colour']);
    expect(await rules(printer(1_500_001, { paperSize: 'A3', colour: true }), officer, w.u02)).toEqual([
      'price_cap:printer_a3_colour',
      'quota:printers_colour',
    ]);
    expect(await rules(printer(200_001, { paperSize: 'A4', colour: true }), officer, w.u02)).toContain('price_cap:printer_a4_colour');
  });

  it('allows 20 heads 3 A3 printers (15 %), 16 printers in all (80 %), no colour one (3 % of 20 < 1)', async () => {
    expect(await rules(printer(700_000, { paperSize: 'A3' }, 3), u02admin, w.u02)).toEqual([]);
    const [a3] = (await check([printer(700_000, { paperSize: 'A3' }, 4)], u02admin, w.u02))[0].findings;
    expect(a3).toMatchObject({ rule: 'quota', standardCode: 'printers_a3', figures: { headcount: 20, allowed: 3, held: 0, requested: 4 } });
    expect(await rules(printer(100_000, undefined, 16), u02admin, w.u02)).toEqual([]);
    expect(await rules(printer(100_000, undefined, 17), u02admin, w.u02)).toEqual(['quota:printers']);
  });
});

describe('the copier quota and its copy-volume alternative', () => {
  it('allows one per 20 heads up to 100, one per 30 above, a part group counting whole', () => {
    const rule = { firstStaff: 100, perFirst: 20, perAbove: 30 };
    expect([1, 20, 21, 100, 101, 130, 131, 160].map((n) => copierAllowed(n, rule))).toEqual([1, 1, 2, 5, 6, 6, 7, 7]);
    expect(quotaBasis({ kind: 'copier', ...rule }, { classified: false, headcount: { below_bureau: 131 }, total: 131 })?.allowed).toBe(7);
  });

  it('lets a copier be replaced before six years once it has made 300,000 copies', async () => {
    const copier = async (copyCount: number) =>
      (
        await addCard(t.database, w, {
          categoryId: cat.copier,
          name: '复印机',
          acquiredOn: '2025-01-10',
          postedOn: '2025-01-10',
          attributes: { copyCount },
        })
      ).id;
    const line = (replacesCardId: string) => ({ categoryId: cat.copier, quantity: 1, unitPriceFen: 3_000_000, replacesCardId });
    expect(await rules(line(await copier(299_999)))).toContain('min_life:copier');
    expect(await rules(line(await copier(300_000)))).not.toContain('min_life:copier');
  });
});

describe('chairs', () => {
  it('does not count training chairs against the office-chair quota', async () => {
    for (let i = 0; i < 3; i++)
      await addCard(t.database, w, { categoryId: cat.trainingChair, name: '培训椅', quantity: 10, originalValueFen: 300_000 });
    // u01 has 4 on the establishment (the world's 3 and the bureau head): 4 office chairs allowed, none held.
    const [f] = (await check([{ categoryId: cat.officeChair, quantity: 5, unitPriceFen: 80_000 }]))[0].findings;
    expect(f).toMatchObject({ rule: 'quota', standardCode: 'chair', figures: { headcount: 4, allowed: 4, held: 0, requested: 5 } });
    expect(await rules({ categoryId: cat.trainingChair, quantity: 50, unitPriceFen: 90_000 })).toEqual([]);
  });

  it('does not count meeting chairs against the office-chair quota either', async () => {
    await addCard(t.database, w, { categoryId: cat.meetingChair, name: '会议椅', quantity: 30, originalValueFen: 2_400_000 });
    const [f] = (await check([{ categoryId: cat.officeChair, quantity: 5, unitPriceFen: 80_000 }]))[0].findings;
    expect(f).toMatchObject({ rule: 'quota', standardCode: 'chair', figures: { headcount: 4, allowed: 4, held: 0, requested: 5 } });
    expect(await rules({ categoryId: cat.officeChair, quantity: 4, unitPriceFen: 80_000 })).toEqual([]);
  });
});

describe('registration by hand over a cap', () => {
  const deskCard = (over: Record<string, unknown> = {}) => ({
    unitId: w.u01,
    name: '办公桌',
    categoryId: cat.desk,
    quantity: 1,
    originalValueFen: 450_001,
    accumulatedDepreciationFen: 0,
    acquisitionMethod: 'purchase',
    acquiredOn: '2023-03-01',
    postedOn: '2023-03-05',
    custodianId: staff.bureauHead,
    ...over,
  });
  const cardCount = async () =>
    (await queryOne<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM cards WHERE category_id = ${cat.desk}`))!.n;

  it('refuses without an acknowledgement, naming the cap, and writes nothing', async () => {
    const before = await cardCount();
    const res = await admin.post('/api/cards', deskCard());
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.standardAck).toBe(
      '单价 ¥4,500.01 超过「办公桌」价格上限 ¥4,500.00（局级正职）：超出配置标准，请确认并填写理由',
    );
    expect(await cardCount()).toBe(before);
  });

  it('registers at the cap without asking, and over it with the reason on the card’s ledger', async () => {
    expect((await admin.post('/api/cards', deskCard({ originalValueFen: 450_000 }))).statusCode).toBe(201);
    const res = await admin.post('/api/cards', deskCard({ standardAck: { reason: '旧桌损坏，按原规格补配' } }));
    expect(res.statusCode, res.body).toBe(201);
    const [event] = await query<{ note: string }>(
      db,
      sql`SELECT note FROM card_events WHERE card_id = ${res.json().id} ORDER BY seq LIMIT 1`,
    );
    expect(event.note).toContain(
      '超配置标准（已确认）：单价 ¥4,500.01 超过「办公桌」价格上限 ¥4,500.00（局级正职）；理由：旧桌损坏，按原规格补配',
    );
  });
});

describe('acceptance over a cap', () => {
  const acceptance = (standardAck?: { reason: string }) => ({
    type: 'acceptance',
    payload: { acceptedOn: businessToday() },
    lines: [
      {
        categoryId: cat.desk,
        name: '办公桌',
        quantity: 1,
        unitPriceFen: 450_001,
        forStaffId: staff.bureauHead,
        ...(standardAck ? { standardAck } : {}),
      },
    ],
  });
  const documents = async () =>
    (await queryOne<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM documents WHERE type = 'acceptance'`))!.n;

  it('refuses an acceptance line over the cap without an acknowledgement, naming the cap, and writes nothing', async () => {
    const before = await documents();
    const res = await admin.post('/api/documents', acceptance());
    expect(res.statusCode).toBe(400);
    expect(res.json().fields['lines.0.standardAck']).toBe(
      '单价 ¥4,500.01 超过「办公桌」价格上限 ¥4,500.00（局级正职）：超出配置标准，请确认并填写理由',
    );
    expect(await documents()).toBe(before);
  });
});

describe('the SQL twin in the over-standard list', () => {
  it('agrees with the rule card by card: the custodian’s rank, the room’s area, the printer’s kind', async () => {
    const today = businessToday();
    const cards = {
      bureauAtCap: await addCard(t.database, w, {
        categoryId: cat.desk,
        name: '办公桌',
        originalValueFen: 450_000,
        custodianId: staff.bureauHead,
      }),
      belowOver: await addCard(t.database, w, {
        categoryId: cat.desk,
        name: '办公桌',
        originalValueFen: 450_000,
        custodianId: staff.below,
      }),
      tableAtCap: await addCard(t.database, w, {
        categoryId: cat.confTable,
        name: '会议桌',
        originalValueFen: 9_600_000,
        roomId: room.m80,
      }),
      tableOver: await addCard(t.database, w, { categoryId: cat.confTable, name: '会议桌', originalValueFen: 8_000_001, roomId: room.m50 }),
      a3Mono: await addCard(t.database, w, {
        categoryId: cat.printer,
        name: '打印机',
        originalValueFen: 700_000,
        attributes: { paperSize: 'A3' },
      }),
      a4Over: await addCard(t.database, w, { categoryId: cat.printer, name: '打印机', originalValueFen: 120_001 }),
    };
    const res = await officer.get(
      `/api/reports/lists/over_standard?from=${today.slice(0, 7)}&to=${today.slice(0, 7)}&unitId=${w.u01}&pageSize=200`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const listed = new Set((res.json().items as { cardId?: string; id?: string }[]).map((r) => r.cardId ?? r.id));
    const verdict = Object.fromEntries(Object.entries(cards).map(([k, c]) => [k, listed.has(c.id)]));
    expect(verdict).toEqual({ bureauAtCap: false, belowOver: true, tableAtCap: false, tableOver: true, a3Mono: false, a4Over: true });

    // The pure rule on the same cards gives the same verdicts.
    const standards: StandardRow[] = await standardsInForce(db);
    const deskStd = capStandardFor(standards, '6010201')!;
    expect(capFor(deskStd, { rank: 'bureau_head' })).toEqual({ basis: 'rank', capFen: 450_000, rank: 'bureau_head' });
    expect(capFor(deskStd, { rank: 'below_bureau' })).toEqual({ basis: 'rank', capFen: 300_000, rank: 'below_bureau' });
    expect(capStandardFor(standards, '2020402', { paperSize: 'A3' })?.code).toBe('printer_a3_mono');
  });
});

// Last: it edits the shipped desk standard for the rest of the file.
describe('a city’s own numbers', () => {
  it('edits the bureau-level desk cap with history, and an unchanged cap map is no change', async () => {
    const today = businessToday();
    const senior = { municipal_head: 500_000, municipal_deputy: 500_000, bureau_head: 500_000, bureau_deputy: 500_000 };
    expect((await officer.put('/api/standards/desk', { rankCaps: senior, effectiveFrom: today })).statusCode).toBe(200);
    // (u01 holds desks by now: only the price findings matter here.)
    const caps = async (line: Line) => (await rules(line)).filter((r) => r.startsWith('price_cap'));
    expect(await caps(desk(500_000, staff.bureauHead))).toEqual([]);
    expect(await caps(desk(500_001, staff.bureauHead))).toEqual(['price_cap:desk']);
    expect(await caps(desk(300_001, staff.below))).toEqual(['price_cap:desk']);
    const same = { bureau_deputy: 500_000, bureau_head: 500_000, municipal_deputy: 500_000, municipal_head: 500_000 };
    expect((await officer.put('/api/standards/desk', { rankCaps: same, effectiveFrom: today })).json().fields).toEqual({
      _: '没有修改任何内容',
    });
    const history = (await officer.get('/api/standards/desk/history')).json().items;
    expect(history.map((h: { field: string }) => h.field)).toEqual(['rankCaps']);
  });
});
