import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportSetView, SetTable } from '../../../shared/reportset.contracts.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { verifyLedger } from '../audit/index.ts';
import { closeMonthForUnits, runMonth } from '../finance/index.ts';
import { world } from '../../testing/world.ts';

// A hand-built world for the monthly set of 2026-01 (docs/domain.md §7): cards coded in both editions of
// GB/T 14885, a batch card of 20 chairs, a building partly rented, a vehicle, low-value items, staff,
// rentals with income (one from December) and a sale with income, each partly turned over.
let t: TestApp;
let unitA: string;
let unitB: string;
let office: Client;
let financeA: Client;
let adminA: Client;
let financeB: Client;
const cat: Record<string, string> = {};

async function category(
  q: Queryable,
  edition: '2010' | '2022',
  path: string[],
  name: string,
  extra: { attributeSet?: string; assetKind?: string } = {},
) {
  const code = path[path.length - 1];
  const r = await queryOne<{ id: string }>(
    q,
    sql`INSERT INTO categories (edition, code, name, level, path, depreciable, attribute_set, asset_kind)
        VALUES (${edition}, ${code}, ${name}, ${path.length}, ${`/${path.join('/')}/`}, true, ${extra.attributeSet ?? 'none'}, ${extra.assetKind ?? 'fixed'})
        RETURNING id`,
  );
  cat[code] = r!.id;
}

let n = 0;
async function card(
  q: Queryable,
  c: {
    unitId: string;
    code: string;
    value: number;
    posted: string;
    quantity?: number;
    nonFiscal?: number;
    accumulated?: number;
    kind?: string;
    attributes?: Record<string, unknown>;
    useMode?: string;
  },
) {
  await q.execute(sql`
    INSERT INTO cards (card_no, unit_id, name, category_id, quantity, original_value_fen, acquisition_method, acquired_on, posted_on,
      depreciation_method, accumulated_depreciation_fen, status, use_mode, managing_unit_id, asset_kind, fiscal_funding_fen, non_fiscal_funding_fen, attributes)
    VALUES (${`RS-${++n}`}, ${c.unitId}, ${`资产${n}`}, ${cat[c.code]}, ${c.quantity ?? 1}, ${c.value}, 'purchase', ${c.posted}, ${c.posted},
      'none', ${c.accumulated ?? 0}, 'in_use', ${c.useMode ?? 'self_use'}, ${c.unitId}, ${c.kind ?? 'fixed'},
      ${c.value - (c.nonFiscal ?? 0)}, ${c.nonFiscal ?? 0}, ${JSON.stringify(c.attributes ?? {})}::jsonb)`);
}

const cardId = async (q: Queryable, no: number) =>
  (await queryOne<{ id: string }>(q, sql`SELECT id FROM cards WHERE card_no = ${`RS-${no}`}`))!.id;

const table = (v: ReportSetView, key: string): SetTable => v.tables.find((x) => x.key === key)!;
const rowsOf = (tb: SetTable) => tb.rows.map((r) => ({ kind: r.kind, unit: r.unitName, ...r.cells }));
const getSet = async (c: Client, q: string): Promise<ReportSetView> => {
  const res = await c.get(`/api/reports/set?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  await db.execute(
    sql`INSERT INTO units (code, name, kind, leader_name, finance_head_name) VALUES ('100', '机关事务管理委员会', 'committee', '赵主任', '钱处长')`,
  );
  const w = world(t.database);
  unitA = await w.unit('RSA', '甲局');
  unitB = await w.unit('RSB', '乙局');
  await db.execute(
    sql`UPDATE units SET establishment_quota = 10, leader_name = '孙局长', finance_head_name = '李科长', sort = 1 WHERE id = ${unitA}`,
  );
  await db.execute(sql`UPDATE units SET sort = 2 WHERE id = ${unitB}`);
  // Staff of 甲局: three on the establishment, one outside it, one who left.
  for (const [name, on, active] of [
    ['张一', true, true],
    ['张二', true, true],
    ['张三', true, true],
    ['王外', false, true],
    ['离职', true, false],
  ] as const)
    await db.execute(
      sql`INSERT INTO staff (unit_id, name, rank, on_establishment, active) VALUES (${unitA}, ${name}, 'staff', ${on}, ${active})`,
    );

  // Both editions: the shipped mapping (installed on migrate) sends 2010104 → A02010000 and 6010301 → A05010000.
  await category(db, '2010', ['2000000'], '通用设备');
  await category(db, '2010', ['2000000', '2010000'], '计算机设备及软件');
  await category(db, '2010', ['2000000', '2010000', '2010104'], '台式机');
  await category(db, '2010', ['6000000'], '家具、用具、装具及动植物');
  await category(db, '2010', ['6000000', '6010000'], '家具用具');
  await category(db, '2010', ['6000000', '6010000', '6010301'], '办公椅');
  await category(db, '2022', ['A01000000'], '房屋和构筑物');
  await category(db, '2022', ['A01000000', 'A01010000'], '房屋', { attributeSet: 'building' });
  await category(db, '2022', ['A02000000'], '设备');
  await category(db, '2022', ['A02000000', 'A02010000'], '信息化设备');
  await category(db, '2022', ['A02000000', 'A02010000', 'A02010104'], '台式计算机');
  await category(db, '2022', ['A02000000', 'A02030000'], '车辆', { attributeSet: 'vehicle' });
  await category(db, '2022', ['A05000000'], '家具和用具');
  await category(db, '2022', ['A05000000', 'A05010000'], '家具');
  await category(db, '2022', ['A05000000', 'A05020000'], '用具');
  await category(db, '2022', ['A05000000', 'A05020000', 'A05020100'], '办公用具', { assetKind: 'low_value' });

  // 甲局: a 2010 desktop held since December (¥6,000, ¥1,000 of it 非财政拨款, ¥1,000 depreciated),
  // a 2022 desktop bought in January (¥5,000), 20 chairs on one card (¥16,000), a building of 1,000 m²
  // with 300 m² rented (¥10,000,000), an official car (¥250,000), and low-value items: 5 before, 2 in January.
  await card(db, { unitId: unitA, code: '2010104', value: 600_000, nonFiscal: 100_000, accumulated: 100_000, posted: '2025-12-10' });
  await card(db, { unitId: unitA, code: 'A02010104', value: 500_000, posted: '2026-01-12' });
  await card(db, { unitId: unitA, code: '6010301', value: 1_600_000, quantity: 20, posted: '2025-11-05' });
  await card(db, {
    unitId: unitA,
    code: 'A01010000',
    value: 1_000_000_000,
    posted: '2025-06-01',
    attributes: { structure: 'reinforced_concrete', area: 1000, areaRented: 300 },
  });
  await card(db, {
    unitId: unitA,
    code: 'A02030000',
    value: 25_000_000,
    nonFiscal: 5_000_000,
    posted: '2025-10-01',
    attributes: { plateNo: '京A12345', vehicleUse: 'general_official', establishment: 'in_quota' },
  });
  await card(db, { unitId: unitA, code: 'A05020100', value: 150_000, quantity: 5, kind: 'low_value', posted: '2025-12-01' });
  await card(db, { unitId: unitA, code: 'A05020100', value: 60_000, quantity: 2, kind: 'low_value', posted: '2026-01-20' });
  // 乙局: one 2010 desktop bought in January (¥7,000).
  await card(db, { unitId: unitB, code: '2010104', value: 700_000, posted: '2026-01-05' });
  // 乙局: a 2022 desktop held since December (¥3,000), sold on 20 January for ¥1,200.
  await card(db, { unitId: unitB, code: 'A02010104', value: 300_000, posted: '2025-12-01' });

  await w.user('rs-office', 'asset_office', null);
  await w.user('rs-fin-a', 'unit_finance', unitA);
  await w.user('rs-admin-a', 'unit_admin', unitA);
  await w.user('rs-fin-b', 'unit_finance', unitB);
  office = await t.as('rs-office');
  financeA = await t.as('rs-fin-a');
  adminA = await t.as('rs-admin-a');
  financeB = await t.as('rs-fin-b');

  // Income (docs/domain.md §4a), received the day its document is executed (10:00 in the business zone):
  // 甲局 rents the 20 chairs out in December (¥2,000) and the car in January (¥8,000); 乙局 sells its
  // December desktop. Turned over in January: ¥1,500 of the chairs' rent, ¥5,000 of the car's, ¥1,000 of the sale.
  const executed = async (input: Record<string, unknown>, on: string) => {
    const { documentId } = await w.document(input as never, on);
    await db.execute(sql`UPDATE documents SET executed_at = ${`${on}T02:00:00Z`}::timestamptz WHERE id = ${documentId}`);
    return documentId;
  };
  const rent = (no: number, to: string, fen: number, on: string) =>
    cardId(db, no).then((id) =>
      executed(
        {
          type: 'lending',
          unitId: unitA,
          title: '出租',
          payload: { mode: 'rented', counterparty: to, periodFrom: on, periodTo: on, incomeFen: fen },
          lines: [{ cardId: id, reason: '出租' }],
        },
        on,
      ),
    );
  chairsRent = await rent(3, '某培训中心', 200_000, '2025-12-15');
  carRent = await rent(5, '某会展公司', 800_000, '2026-01-10');
  sale = await executed(
    {
      type: 'disposal',
      unitId: unitB,
      title: '出售旧计算机',
      payload: { disposalMethod: 'sale', buyer: '某回收公司', priceFen: 120_000, pricingBasis: 'public_trading', earlyGround: '技术淘汰' },
      lines: [{ cardId: await cardId(db, 9), reason: '出售' }],
    },
    '2026-01-20',
  );
  const turnOver = async (c: Client, id: string, amountFen: number, paidOn: string, voucherNo: string) => {
    const res = await c.post(`/api/income/${id}/turnovers`, { amountFen, paidOn, voucherNo });
    expect(res.statusCode, res.body).toBe(200);
  };
  await turnOver(financeA, chairsRent, 150_000, '2026-01-08', 'ZJ-1');
  await turnOver(financeA, carRent, 500_000, '2026-01-31', 'ZJ-2');
  await turnOver(financeB, sale, 100_000, '2026-01-25', 'CS-1');
});
let chairsRent: string;
let carRent: string;
let sale: string;

afterAll(async () => {
  await t?.close();
});

describe('the monthly report set', () => {
  it('rolls both editions into one row per class, counts physical quantities and splits the funding', async () => {
    const v = await getSet(financeA, 'month=2026-01');
    const s = table(v, 'asset_summary');
    expect(rowsOf(s)).toEqual([
      {
        kind: 'row',
        unit: '甲局',
        code: 'A01010000',
        name: '房屋',
        openN: 1,
        openV: 1_000_000_000,
        addN: 0,
        addV: 0,
        redN: 0,
        redV: 0,
        closeN: 1,
        closeV: 1_000_000_000,
        fiscal: 1_000_000_000,
        nonFiscal: 0,
        closeA: 0,
        closeNet: 1_000_000_000,
      },
      {
        kind: 'row',
        unit: '甲局',
        code: 'A02010000',
        name: '信息化设备',
        openN: 1,
        openV: 600_000,
        addN: 1,
        addV: 500_000,
        redN: 0,
        redV: 0,
        closeN: 2,
        closeV: 1_100_000,
        fiscal: 1_000_000,
        nonFiscal: 100_000,
        closeA: 100_000,
        closeNet: 1_000_000,
      },
      {
        kind: 'row',
        unit: '甲局',
        code: 'A02030000',
        name: '车辆',
        openN: 1,
        openV: 25_000_000,
        addN: 0,
        addV: 0,
        redN: 0,
        redV: 0,
        closeN: 1,
        closeV: 25_000_000,
        fiscal: 20_000_000,
        nonFiscal: 5_000_000,
        closeA: 0,
        closeNet: 25_000_000,
      },
      {
        kind: 'row',
        unit: '甲局',
        code: 'A05010000',
        name: '家具',
        openN: 20,
        openV: 1_600_000,
        addN: 0,
        addV: 0,
        redN: 0,
        redV: 0,
        closeN: 20,
        closeV: 1_600_000,
        fiscal: 1_600_000,
        nonFiscal: 0,
        closeA: 0,
        closeNet: 1_600_000,
      },
      {
        kind: 'total',
        unit: '合计',
        code: '',
        name: '',
        openN: 23,
        openV: 1_027_200_000,
        addN: 1,
        addV: 500_000,
        redN: 0,
        redV: 0,
        closeN: 24,
        closeV: 1_027_700_000,
        fiscal: 1_022_600_000,
        nonFiscal: 5_100_000,
        closeA: 100_000,
        closeNet: 1_027_600_000,
      },
    ]);
  });

  it('reports buildings by area and use, vehicles by use and 编制, staff against the establishment, low-value items apart', async () => {
    const v = await getSet(financeA, 'month=2026-01');
    expect(rowsOf(table(v, 'buildings_land'))).toEqual([
      {
        kind: 'row',
        unit: '甲局',
        type: '房屋',
        n: 1,
        area: 1000,
        selfUse: 700,
        rented: 300,
        lent: 0,
        idle: 0,
        v: 1_000_000_000,
        fiscal: 1_000_000_000,
        nonFiscal: 0,
      },
      {
        kind: 'total',
        unit: '合计',
        type: '',
        n: 1,
        area: 1000,
        selfUse: 700,
        rented: 300,
        lent: 0,
        idle: 0,
        v: 1_000_000_000,
        fiscal: 1_000_000_000,
        nonFiscal: 0,
      },
    ]);
    expect(rowsOf(table(v, 'vehicles'))).toEqual([
      { kind: 'row', unit: '甲局', use: '一般公务用车', n: 1, nIn: 1, nOut: 0, v: 25_000_000, fiscal: 20_000_000, nonFiscal: 5_000_000 },
      { kind: 'total', unit: '合计', use: '', n: 1, nIn: 1, nOut: 0, v: 25_000_000, fiscal: 20_000_000, nonFiscal: 5_000_000 },
    ]);
    expect(rowsOf(table(v, 'staff'))).toEqual([
      { kind: 'row', unit: '甲局', quota: 10, actual: 4, onEst: 3, offEst: 1, vacant: 7 },
      { kind: 'total', unit: '合计', quota: 10, actual: 4, onEst: 3, offEst: 1, vacant: 7 },
    ]);
    expect(rowsOf(table(v, 'low_value'))).toEqual([
      { kind: 'row', unit: '甲局', code: 'A05020000', name: '用具', openN: 5, openV: 150_000, closeN: 7, closeV: 210_000 },
      { kind: 'total', unit: '合计', code: '', name: '', openN: 5, openV: 150_000, closeN: 7, closeV: 210_000 },
    ]);
    expect(v.tables.map((x) => x.code)).toEqual(['月01表', '月02表', '月03表', '月04表', '月05表', '月06表', '月07表']);
  });

  it('reports rental income and disposals with their income, to the fen, turned over by the day the books took it', async () => {
    const a = await getSet(financeA, 'month=2026-01');
    // The chairs' December rent (¥2,000) opens the month; ¥1,500 of it is paid, and the ¥500 left is past its 30 days on 31 January.
    const rental = { documents: 1, opening: 200_000, received: 800_000, turnedOver: 650_000, closing: 350_000, overdue: 50_000 };
    expect(rowsOf(table(a, 'rental_income'))).toEqual([
      { kind: 'row', unit: '甲局', source: '出租收入', ...rental },
      { kind: 'total', unit: '合计', source: '', ...rental },
    ]);
    const zero = { n: 0, v: 0, documents: 0, opening: 0, received: 0, turnedOver: 0, closing: 0, overdue: 0 };
    expect(rowsOf(table(a, 'disposal_income'))).toEqual([{ kind: 'total', unit: '合计', method: '', ...zero }]);
    const all = await getSet(office, 'month=2026-01');
    const sold = { n: 1, v: 300_000, documents: 1, opening: 0, received: 120_000, turnedOver: 100_000, closing: 20_000, overdue: 0 };
    expect(rowsOf(table(all, 'disposal_income'))).toEqual([
      { kind: 'row', unit: '乙局', method: '出售', ...sold },
      { kind: 'total', unit: '合计', method: '', ...sold },
    ]);
    // The sale takes the desktop off 乙局's books in January: ¥3,000 out, the ¥7,000 one in.
    expect(table(all, 'asset_summary').rows.find((r) => r.unitName === '乙局')!.cells).toMatchObject({
      openN: 1,
      openV: 300_000,
      addV: 700_000,
      redN: 1,
      redV: 300_000,
      closeN: 1,
      closeV: 700_000,
    });
    // The set and the income report read the same figures.
    const report = (await office.get('/api/income/report?from=2026-01&to=2026-01')).json();
    expect(report.totals).toMatchObject({ openingFen: 200_000, receivedFen: 920_000, turnedOverFen: 750_000, closingFen: 370_000 });
  });

  it("carries its cover: a unit's report names the unit, the committee's the committee, never 全部单位", async () => {
    const a = await getSet(financeA, 'month=2026-01');
    expect(a.cover).toEqual({
      unitName: '甲局',
      leaderName: '孙局长',
      financeHeadName: '李科长',
      preparedBy: 'rs-fin-a',
      month: '2026-01',
      period: '2026年01月',
      printedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const all = await getSet(office, 'month=2026-01');
    expect(all.cover.unitName).toBe('机关事务管理委员会');
    expect(all.cover.leaderName).toBe('赵主任');
    expect(all.cover.financeHeadName).toBe('钱处长');
    expect(JSON.stringify(all)).not.toContain('全部单位');
    // Units subtotalled (甲局 has several classes), 乙局's one line alone, 合计 once.
    const s = table(all, 'asset_summary').rows;
    expect(s.map((r) => `${r.kind}:${r.unitName}`)).toEqual([
      'row:甲局',
      'row:甲局',
      'row:甲局',
      'row:甲局',
      'subtotal:甲局',
      'row:乙局',
      'total:合计',
    ]);
    expect(s[4].cells).toMatchObject({ name: '小计', closeN: 24, closeV: 1_027_700_000 });
    expect(s[5].cells).toMatchObject({ code: 'A02010000', addN: 1, addV: 700_000, closeV: 700_000 });
    expect(s[6].cells).toMatchObject({ closeN: 25, closeV: 1_028_400_000, name: '' });
    expect(s.filter((r) => r.unitName === '合计' || r.cells.name === '合计').length).toBe(1);
  });

  it('gives the asset summary the same cover: the unit for its own users, the committee for every unit', async () => {
    const own = (await financeA.get('/api/reports/summary?from=2026-01&to=2026-01')).json();
    expect(own.unitName).toBe('甲局');
    expect(own.cover).toMatchObject({
      unitName: '甲局',
      leaderName: '孙局长',
      financeHeadName: '李科长',
      preparedBy: 'rs-fin-a',
      period: '2026年01月',
    });
    const all = (await office.get('/api/reports/summary?from=2026-01&to=2026-02')).json();
    expect(all.unitName).toBe('机关事务管理委员会');
    expect(all.cover).toMatchObject({ unitName: '机关事务管理委员会', preparedBy: 'rs-office', period: '2026-01 — 2026-02' });
  });

  it('prints the cover and the tables in the workbook', async () => {
    const res = await financeA.get('/api/reports/set.xlsx?month=2026-01');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cover = wb.getWorksheet('封面')!;
    expect(cover.getCell(3, 1).value).toBe('编制单位');
    expect(cover.getCell(3, 2).value).toBe('甲局');
    expect(cover.getCell(4, 2).value).toBe('2026年01月');
    const ws = wb.worksheets.find((w) => w.name.startsWith('月01表'))!;
    expect(ws.getCell(2, 1).value).toBe('编制单位：甲局');
    const values = ws.getSheetValues().flat().map(String);
    expect(values).toContain('合计');
    expect(values).toContain('10277000'); // 期末原值合计 in yuan
    expect(values.some((x) => x.startsWith('制表人：rs-fin-a'))).toBe(true);
    const rent = wb.worksheets.find((w) => w.name.startsWith('月06表'))!;
    const rentValues = rent.getSheetValues().flat().map(String);
    expect(rentValues).toEqual(expect.arrayContaining(['出租收入', '本期上缴国库', '6500', '3500', '合计']));
  });

  it('is scoped: a unit sees only its own report and filings', async () => {
    expect((await financeA.get(`/api/reports/set?month=2026-01&unitId=${unitB}`)).statusCode).toBe(404);
    const b = await getSet(financeB, 'month=2026-01');
    expect(b.cover.unitName).toBe('乙局');
    expect(table(b, 'asset_summary').rows.every((r) => r.unitName !== '甲局')).toBe(true);
  });
});

describe('filing a monthly report', () => {
  it('refuses a month whose books are not closed', async () => {
    const res = await financeA.post('/api/reports/filings', { unitId: unitA, month: '2026-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('尚未结账');
  });

  it('locks the report on approval: the same data and file forever, sealed on the ledger', async () => {
    const db = t.database.db;
    for (const u of [unitA, unitB]) await runMonth(db, u, '2026-01', null);
    await closeMonthForUnits(db, null, [unitA, unitB], '2026-01', true);

    const sub = await financeA.post('/api/reports/filings', { unitId: unitA, month: '2026-01' });
    expect(sub.statusCode, sub.body).toBe(200);
    const id = sub.json().id;
    expect((await financeB.post(`/api/reports/filings/${id}/review`, { approve: true })).statusCode).toBe(403);
    // Returned with a note, submitted again, approved.
    expect((await office.post(`/api/reports/filings/${id}/review`, { approve: false })).statusCode).toBe(400);
    expect((await office.post(`/api/reports/filings/${id}/review`, { approve: false, note: '请补充说明' })).json().status).toBe('returned');
    expect((await adminA.post('/api/reports/filings', { unitId: unitA, month: '2026-01' })).json().status).toBe('submitted');
    const locked = await office.post(`/api/reports/filings/${id}/review`, { approve: true });
    expect(locked.statusCode, locked.body).toBe(200);
    expect(locked.json()).toMatchObject({ status: 'locked', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await office.post(`/api/reports/filings/${id}/review`, { approve: true })).statusCode).toBe(409);

    const before = await getSet(financeA, 'month=2026-01');
    expect(before.filing?.status).toBe('locked');
    expect(before.cover.preparedBy).toBe('rs-admin-a'); // who submitted it
    const fileBefore = (await financeA.get('/api/reports/set.xlsx?month=2026-01')).rawPayload;

    // Later operations: a late posting dated in the locked month (booked in February), a new chair batch, a staff change.
    await card(db, { unitId: unitA, code: 'A02010104', value: 900_000, posted: '2026-01-25' });
    await card(db, { unitId: unitA, code: '6010301', value: 400_000, quantity: 5, posted: '2026-02-03' });
    await db.execute(sql`UPDATE staff SET on_establishment = false WHERE name = '张一'`);
    await db.execute(sql`UPDATE units SET leader_name = '新局长' WHERE id = ${unitA}`);
    // The rest of the rent turned over: the chairs' ¥500 paid on 30 January (booked in February, January
    // being closed), the car's ¥3,000 in February; and a new rental in February.
    for (const [id, fen, on, v] of [
      [chairsRent, 50_000, '2026-01-30', 'ZJ-3'],
      [carRent, 300_000, '2026-02-05', 'ZJ-4'],
    ] as const) {
      const res = await financeA.post(`/api/income/${id}/turnovers`, { amountFen: fen, paidOn: on, voucherNo: v });
      expect(res.json().turnovers.at(-1).bookedOn).toBe(on < '2026-02-01' ? '2026-02-01' : on);
    }

    const after = await getSet(financeA, 'month=2026-01');
    expect(after).toEqual(before);
    expect(table(after, 'asset_summary').rows.at(-1)!.cells.closeV).toBe(1_027_700_000);
    expect(table(after, 'rental_income').rows.at(-1)!.cells).toMatchObject({ turnedOver: 650_000, closing: 350_000 });
    // February, live, takes the turnovers: the ¥3,500 due at the start is all paid.
    const feb = await getSet(financeA, 'month=2026-02');
    expect(table(feb, 'rental_income').rows.at(-1)!.cells).toEqual({
      source: '',
      documents: 0,
      opening: 350_000,
      received: 0,
      turnedOver: 350_000,
      closing: 0,
      overdue: 0,
    });
    const fileAfter = (await financeA.get('/api/reports/set.xlsx?month=2026-01')).rawPayload;
    expect(Buffer.compare(fileAfter, fileBefore)).toBe(0);
    const stored = await financeA.get(`/api/reports/filings/${id}/file`);
    expect(Buffer.compare(stored.rawPayload, fileBefore)).toBe(0);

    // The ledger check holds, and finds the stored report altered.
    expect((await verifyLedger(db)).reports).toEqual({ checkedFilings: 1, failures: [] });
    await db.execute(sql`ALTER TABLE report_filings DISABLE TRIGGER report_filings_locked_guard`);
    await db.execute(sql`UPDATE report_filings SET canonical = replace(canonical, '1027700000', '1027700001') WHERE id = ${id}`);
    expect((await verifyLedger(db)).reports?.failures).toEqual([{ filingId: id, unitId: unitA, month: '2026-01', problem: 'altered' }]);
  });

  it('keeps a locked month closed: 反结账 is refused', async () => {
    const res = await financeA.post('/api/books/reopen', { unitId: unitA, month: '2026-01', reason: '补录' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('已审核锁定');
  });

  it('lists the filings in scope only', async () => {
    const mine = (await financeB.get('/api/reports/filings')).json();
    expect(mine).toEqual([]);
    const all = (await office.get('/api/reports/filings?month=2026-01')).json();
    expect(all.map((f: { unitName: string; status: string }) => `${f.unitName}:${f.status}`)).toEqual(['甲局:locked']);
  });
});

describe('the edition mapping', () => {
  it('ships the reference file and lets the committee send a 2010 class elsewhere', async () => {
    const list = (await office.get('/api/reports/edition-map')).json();
    expect(list.find((r: { code2010: string }) => r.code2010 === '2010000')).toMatchObject({
      code2022: 'A02010000',
      name2010: '计算机设备及软件',
      name2022: '信息化设备',
    });
    expect((await financeA.put('/api/reports/edition-map', { code2010: '6010000', code2022: 'A05020000' })).statusCode).toBe(403);
    const bad = await office.put('/api/reports/edition-map', { code2010: '6010000', code2022: 'A09990000' });
    expect(bad.statusCode).toBe(400);
    expect((await office.put('/api/reports/edition-map', { code2010: '6010000', code2022: 'A05020000', note: '试' })).statusCode).toBe(200);
    const b = await getSet(financeB, 'month=2026-01'); // 乙局 has no chairs: unchanged
    expect(table(b, 'asset_summary').rows[0].cells.code).toBe('A02010000');
    // 甲局's February (live) shows the 25 chairs under 用具 now.
    const feb = await getSet(financeA, 'month=2026-02');
    expect(table(feb, 'asset_summary').rows.find((r) => r.cells.code === 'A05020000')?.cells.closeN).toBe(25);
    // Import: all or nothing.
    const csv = 'code_2010,code_2022,note\n6010000,A05010000,回到家具\n';
    const form = multipart(csv);
    const res = await office.request('POST', '/api/reports/edition-map/import', form.body, form.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ inserted: 0, updated: 1 });
  });
});

function multipart(csv: string) {
  const boundary = '----rs';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="map.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
