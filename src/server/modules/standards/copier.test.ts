import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addCard, createWorkflowWorld, world, type WorkflowWorld } from '../../testing/world.ts';

// The copier row of 财资〔2016〕27号 as shipped (migrations/post/180): ¥35,000 a copier; one per 20 heads of
// the establishment for the first 100 and one per 30 above them, a part group counting whole; replaced
// after 6 years or 300,000 copies. u01 here has 131 on the establishment: 100 / 20 = 5, ⌈31 / 30⌉ = 2 → 7.

let t: TestApp;
let w: WorkflowWorld;
let db: Queryable;
let admin: Client;
let copierCat = '';
const extra = { inactive: '' };

type Line = Record<string, unknown>;
interface Finding {
  rule: string;
  standardCode: string;
  message: string;
  figures: Record<string, unknown>;
}

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorkflowWorld(t.database);
  db = t.database.db;
  admin = await t.as('u01-admin');
  const tw = world(t.database);
  const office = await tw.category({ code: '2020000', name: '办公设备' });
  copierCat = (await tw.category({ code: '2020101', name: '黑白复印机', parentPath: office.path, lifeMonths: 72 })).id;
  // The world gives u01 3 on the establishment; 128 more make 131.
  await db.execute(
    sql`INSERT INTO staff (unit_id, name, rank) SELECT ${w.u01}, '职员' || g, 'below_bureau' FROM generate_series(1, 128) g`,
  );
  extra.inactive = (await queryOne<{ id: string }>(db, sql`SELECT id FROM staff WHERE unit_id = ${w.u01} AND name = '职员1'`))!.id;
  // Not on the establishment: never counted.
  await db.execute(sql`INSERT INTO staff (unit_id, name, rank, on_establishment) VALUES (${w.u01}, '借调人员', 'below_bureau', false)`);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const check = async (lines: Line[]) => {
  const res = await admin.post('/api/config-requests/check', { unitId: w.u01, lines });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().lines as { findings: Finding[] }[]).map((l) => l.findings);
};
const copiers = (quantity: number, over: Line = {}) => ({ categoryId: copierCat, quantity, unitPriceFen: 3_000_000, ...over });
const holdCopier = async (over: Record<string, unknown> = {}) =>
  (await addCard(t.database, w, { categoryId: copierCat, name: '复印机', originalValueFen: 3_000_000, ...over })).id;
const quota = (fs: Finding[]) => fs.filter((f) => f.rule === 'quota').map((f) => f.figures);

describe('a configuration request for copiers in a unit of more than 100 on the establishment', () => {
  it('allows 131 heads 7 copiers, counting what the unit holds (a batch card by its quantity)', async () => {
    await holdCopier();
    await holdCopier();
    await holdCopier({ quantity: 3, originalValueFen: 9_000_000 });
    // Held 5: 2 more are within the quota, 3 are not.
    expect(await check([copiers(2)])).toEqual([[]]);
    const [over] = await check([copiers(3)]);
    expect(over).toEqual([
      {
        rule: 'quota',
        standardCode: 'copier',
        message: '「复印机」数量超标：编制 131 人，限额 7，现有 5，本单申请 3',
        figures: { headcount: 131, allowed: 7, held: 5, requested: 3 },
      },
    ]);
    // The lines of one request add up: the second line takes the request to 3.
    expect((await check([copiers(1), copiers(2)])).map(quota)).toEqual([[], [{ headcount: 131, allowed: 7, held: 5, requested: 3 }]]);
  });

  it('counts only the establishment’s active heads: 130 allow 6, the group above 100 counting whole', async () => {
    await db.execute(sql`UPDATE staff SET active = false WHERE id = ${extra.inactive}`);
    expect((await check([copiers(2)])).map(quota)).toEqual([[{ headcount: 130, allowed: 6, held: 5, requested: 2 }]]);
    expect(await check([copiers(1)])).toEqual([[]]);
    await db.execute(sql`UPDATE staff SET active = true WHERE id = ${extra.inactive}`);
    expect((await check([copiers(3)])).map(quota)).toEqual([[{ headcount: 131, allowed: 7, held: 5, requested: 3 }]]);
  });

  it('holds each copier to ¥35,000.00, to the fen', async () => {
    expect(await check([copiers(1, { unitPriceFen: 3_500_000 })])).toEqual([[]]);
    const [[f]] = await check([copiers(1, { unitPriceFen: 3_500_001 })]);
    expect(f).toMatchObject({ rule: 'price_cap', standardCode: 'copier', figures: { priceFen: 3_500_001, capFen: 3_500_000 } });
  });

  it('lets a copier be replaced before six years once it has made 300,000 copies, and a replacement adds none to the count', async () => {
    const young = (copyCount: number) => holdCopier({ acquiredOn: '2025-01-10', postedOn: '2025-01-10', attributes: { copyCount } });
    const worn = await young(300_000);
    const fresh = await young(299_999);
    // Held 7 now: at the quota. Replacing the worn one is no new copier.
    expect(await check([copiers(1, { replacesCardId: worn })])).toEqual([[]]);
    const [early] = await check([copiers(1, { replacesCardId: fresh })]);
    expect(early).toHaveLength(1);
    expect(early[0]).toMatchObject({
      rule: 'min_life',
      standardCode: 'copier',
      figures: { acquiredOn: '2025-01-10', minLifeMonths: 72, earliest: '2031-01-10', copies: 299_999 },
    });
    expect(early[0].message).toMatch(/购置于 2025-01-10，未满最低使用年限 6 年或复印满 300,000 张（2031-01-10 后方可更新）$/);
    // Two for one: one more than held.
    expect((await check([copiers(2, { replacesCardId: worn })])).map(quota)).toEqual([
      [{ headcount: 131, allowed: 7, held: 7, requested: 1 }],
    ]);
    expect((await check([copiers(1)])).map(quota)).toEqual([[{ headcount: 131, allowed: 7, held: 7, requested: 1 }]]);
  });

  it('asks for a reason on submit, and the request over the quota goes to the finance bureau’s special step', async () => {
    const line = { ...copiers(1), name: '复印机' };
    const created = await admin.post('/api/documents', { type: 'config_request', lines: [line] });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const refused = await admin.post(`/api/documents/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields['lines.0.reason']).toBe('「复印机」数量超标：编制 131 人，限额 7，现有 7，本单申请 1：超标准须填写理由');
    const withReason = await admin.post('/api/documents', { type: 'config_request', lines: [{ ...line, reason: '新设服务大厅' }] });
    expect(withReason.statusCode, withReason.body).toBe(201);
    const submitted = await admin.post(`/api/documents/${withReason.json().id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const detail = (await admin.get(`/api/documents/${withReason.json().id}`)).json();
    expect(detail.steps.map((s: { label: string }) => s.label)).toContain('超标准特别审批（财政局）');
  });
});

describe('copiers coming in beyond the quota: a warning to acknowledge', () => {
  const copierCard = (over: Record<string, unknown> = {}) => ({
    unitId: w.u01,
    name: '复印机',
    categoryId: copierCat,
    quantity: 1,
    originalValueFen: 3_000_000,
    accumulatedDepreciationFen: 0,
    acquisitionMethod: 'purchase',
    acquiredOn: '2023-03-01',
    postedOn: '2023-03-05',
    ...over,
  });
  const firstNote = async (cardId: string) =>
    (await query<{ note: string | null }>(db, sql`SELECT note FROM card_events WHERE card_id = ${cardId} ORDER BY seq LIMIT 1`))[0].note;
  const held = async () =>
    (await queryOne<{ n: number }>(
      db,
      sql`SELECT sum(quantity)::int AS n FROM cards WHERE unit_id = ${w.u01} AND category_id = ${copierCat} AND status NOT IN ('disposed', 'missing', 'pending_disposal')`,
    ))!.n;

  it('records the opening balance beyond the quota without asking: what the unit held at the takeover', async () => {
    expect(await held()).toBe(7);
    const opening = await admin.post('/api/cards', copierCard());
    expect(opening.statusCode, opening.body).toBe(201);
    expect(await firstNote(opening.json().id)).toBeNull();
    expect(await held()).toBe(8);
  });

  it('asks of a 补录 beyond the quota, and registers it only with the reason on the ledger', async () => {
    const [y, m] = businessToday().split('-').map(Number);
    const takeover = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const books = await (await t.as('u01-finance')).post('/api/books/takeover', { unitId: w.u01, month: takeover });
    expect(books.statusCode, books.body).toBe(200);
    const supplement = (over: Record<string, unknown> = {}) =>
      copierCard({ acquiredOn: businessToday(), postedOn: businessToday(), supplementReason: '办公室自购，补录', ...over });
    // Two of the 8 disposed: 6 held, a 7th is within the quota.
    await db.execute(sql`UPDATE cards SET status = 'disposed', disposed_on = ${businessToday()}, disposal_method = 'scrap'
      WHERE id IN (SELECT id FROM cards WHERE unit_id = ${w.u01} AND category_id = ${copierCat} AND quantity = 1 ORDER BY card_no LIMIT 2)`);
    expect(await held()).toBe(6);
    const within = await admin.post('/api/cards', supplement());
    expect(within.statusCode, within.body).toBe(201);
    const refused = await admin.post('/api/cards', supplement());
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields.standardAck).toBe(
      '「复印机」数量超标：编制 131 人，限额 7，现有 7，本次登记 1：超出配置标准，请确认并填写理由',
    );
    expect(await held()).toBe(7);
    const acknowledged = await admin.post('/api/cards', supplement({ standardAck: { reason: '档案室扫描复印专用' } }));
    expect(acknowledged.statusCode, acknowledged.body).toBe(201);
    expect(await firstNote(acknowledged.json().id)).toContain(
      '超配置标准（已确认）：「复印机」数量超标：编制 131 人，限额 7，现有 7，本次登记 1；理由：档案室扫描复印专用',
    );
  });

  it('names the price cap and the quota together for a copier over both', async () => {
    const res = await admin.post(
      '/api/cards',
      copierCard({ originalValueFen: 3_500_001, acquiredOn: businessToday(), postedOn: businessToday(), supplementReason: '补录' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.standardAck).toBe(
      '单价 ¥35,000.01 超过「复印机」价格上限 ¥35,000.00；「复印机」数量超标：编制 131 人，限额 7，现有 8，本次登记 1：超出配置标准，请确认并填写理由',
    );
  });

  it('asks at acceptance, the lines adding up, and writes the reason on each accepted card', async () => {
    // Three copiers disposed: 5 held, 2 more within the quota.
    await db.execute(sql`UPDATE cards SET status = 'disposed', disposed_on = ${businessToday()}, disposal_method = 'scrap'
      WHERE id IN (SELECT id FROM cards WHERE unit_id = ${w.u01} AND category_id = ${copierCat} AND quantity = 1 AND status <> 'disposed' ORDER BY card_no LIMIT 3)`);
    expect(await held()).toBe(5);
    const line = (quantity: number, over: Line = {}) => ({
      categoryId: copierCat,
      name: '复印机',
      quantity,
      unitPriceFen: 3_000_000,
      ...over,
    });
    const acceptance = (lines: Line[]) => ({ type: 'acceptance', payload: { acceptedOn: businessToday() }, lines });
    expect((await admin.post('/api/documents', acceptance([line(2)]))).statusCode).toBe(201);
    const refused = await admin.post('/api/documents', acceptance([line(1), line(2)]));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual({
      'lines.1.standardAck': '「复印机」数量超标：编制 131 人，限额 7，现有 5，本次登记 3：超出配置标准，请确认并填写理由',
    });
    const ok = await admin.post('/api/documents', acceptance([line(1), line(2, { standardAck: { reason: '新设服务大厅' } })]));
    expect(ok.statusCode, ok.body).toBe(201);
    const submitted = await admin.post(`/api/documents/${ok.json().id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
    const executed = await admin.post(`/api/documents/${ok.json().id}/execute`);
    expect(executed.statusCode, executed.body).toBe(200);
    const lines = (await admin.get(`/api/documents/${ok.json().id}`)).json().lines as { details: { cardIds?: string[] } }[];
    const notes = await Promise.all((lines[1].details.cardIds ?? []).map(firstNote));
    expect(notes).toHaveLength(2);
    for (const n of notes) expect(n).toContain('「复印机」数量超标：编制 131 人，限额 7，现有 5，本次登记 3；理由：新设服务大厅');
  });
});
