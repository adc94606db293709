import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { parseCode } from './category.codes.ts';
import { categorySubtreePrefix, loadReferenceTrees, resolveCategoryByCode } from './category.service.ts';

function multipart(fileName: string, content: Buffer | string, contentType = 'text/csv') {
  const boundary = '----gongwu' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

let t: TestApp;
let office: Client;
let unitAdmin: Client;

beforeAll(async () => {
  t = await createTestApp();
  await loadReferenceTrees(t.database.db);
  const [u] = await query<{ id: string }>(t.database.db, sql`INSERT INTO units (code, name) VALUES ('11001', '市发展改革委') RETURNING id`);
  await insertUser(t.database.db, 'office', TEST_PASSWORD, [{ role: 'asset_office', unitId: null }]);
  await insertUser(t.database.db, 'u01-admin', TEST_PASSWORD, [{ role: 'unit_admin', unitId: u.id }]);
  office = await t.as('office');
  unitAdmin = await t.as('u01-admin');
}, 60_000);
afterAll(async () => t?.close());

describe('category codes', () => {
  it('derive level, parent and ancestors from the code in both editions', () => {
    expect(parseCode('2010', '2010104')).toEqual({ level: 4, ancestors: ['2000000', '2010000', '2010100'], parentCode: '2010100' });
    expect(parseCode('2010', '2000000')).toEqual({ level: 1, ancestors: [], parentCode: null });
    expect(parseCode('2022', 'A02010104')?.parentCode).toBe('A02010100');
    expect(parseCode('2022', 'A02000000')?.level).toBe(1);
    expect(parseCode('2010', '2000100')).toBeNull(); // a zero class above a sub-class
    expect(parseCode('2010', 'A02010104')).toBeNull();
    expect(parseCode('2022', '2010104')).toBeNull();
  });
});

describe('reference trees', () => {
  it('ship the six 2010 and seven 2022 categories plus the intangible branch, with lives and depreciation flags', async () => {
    const t2010 = (await unitAdmin.get('/api/categories/tree?edition=2010')).json();
    expect(t2010.map((n: { code: string }) => n.code)).toEqual([
      '1000000',
      '2000000',
      '3000000',
      '4000000',
      '5000000',
      '6000000',
      '7000000',
    ]);
    const t2022 = (await unitAdmin.get('/api/categories/tree?edition=2022')).json();
    expect(t2022.map((n: { name: string }) => n.name)).toEqual([
      '房屋和构筑物',
      '设备',
      '文物和陈列品',
      '图书和档案',
      '家具和用具',
      '特种动植物',
      '物资',
      '无形资产',
    ]);
    expect(await resolveCategoryByCode(t.database.db, '7010200')).toMatchObject({
      name: '应用软件',
      assetKind: 'intangible',
      usefulLifeMonths: 60,
    });
    expect(await resolveCategoryByCode(t.database.db, 'A02010802')).toMatchObject({ assetKind: 'intangible' });
    // Radar, radio and satellite navigation: 10 years in both editions.
    expect(await resolveCategoryByCode(t.database.db, '2070100')).toMatchObject({ usefulLifeMonths: 120 });
    expect(await resolveCategoryByCode(t.database.db, 'A02170100')).toMatchObject({ usefulLifeMonths: 120 });
    expect(await resolveCategoryByCode(t.database.db, '6010301')).toMatchObject({ batchFixed: true, assetKind: 'fixed' });
    expect(await resolveCategoryByCode(t.database.db, '3200100')).toMatchObject({ capitalizationThresholdFen: 150000 });
    const desktop = await resolveCategoryByCode(t.database.db, '2010104');
    expect(desktop).toMatchObject({
      name: '台式机',
      usefulLifeMonths: 72,
      depreciable: true,
      attributeSet: 'it',
      parentCode: '2010100',
      level: 4,
    });
    expect(await resolveCategoryByCode(t.database.db, 'A02010104')).toMatchObject({ edition: '2022', name: '台式计算机' });
    expect(await resolveCategoryByCode(t.database.db, '5010100')).toMatchObject({ depreciable: false });
    expect(await resolveCategoryByCode(t.database.db, '9999999')).toBeUndefined();
  });

  it('gives a subtree prefix that selects the category and its descendants', async () => {
    const computers = (await resolveCategoryByCode(t.database.db, '2010000'))!;
    const prefix = await categorySubtreePrefix(t.database.db, computers.id);
    const [{ n }] = await query<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM categories WHERE path LIKE ${prefix + '%'}`,
    );
    const [{ m }] = await query<{ m: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS m FROM categories WHERE edition = '2010' AND code LIKE '201%'`,
    );
    expect(n).toBe(m);
  });
});

describe('GET /api/categories', () => {
  it('searches by name or code fragment and pages', async () => {
    const res = await unitAdmin.get('/api/categories?q=打印&edition=2010&pageSize=5');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((c: { name: string }) => c.name.includes('打印'))).toBe(true);
    const byCode = (await unitAdmin.get('/api/categories?q=20101&edition=2010')).json();
    expect(byCode.items.every((c: { code: string }) => c.code.includes('20101'))).toBe(true);
  });

  it('answers one category by id and 404 for an unknown id', async () => {
    const desktop = (await resolveCategoryByCode(t.database.db, '2010104'))!;
    expect((await unitAdmin.get(`/api/categories/${desktop.id}`)).json().code).toBe('2010104');
    expect((await unitAdmin.get('/api/categories/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await unitAdmin.get('/api/categories/not-a-uuid')).statusCode).toBe(404);
  });

  it('refuses anonymous callers', async () => {
    expect((await t.anonymous.get('/api/categories/tree')).statusCode).toBe(401);
  });
});

describe('POST and PATCH /api/categories', () => {
  it('creates a leaf under an existing parent with path and level', async () => {
    const res = await office.post('/api/categories', {
      edition: '2010',
      code: '2010108',
      name: '云终端',
      usefulLifeMonths: 72,
      attributeSet: 'it',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      level: 4,
      path: '/2000000/2010000/2010100/2010108/',
      parentCode: '2010100',
      capitalizationThresholdFen: 100000,
    });
  });

  it('answers 409 for a duplicate code in the same edition', async () => {
    const res = await office.post('/api/categories', { edition: '2010', code: '2010104', name: '台式机2' });
    expect(res.statusCode).toBe(409);
  });

  it('names the field for a malformed code, a missing parent, and bad values', async () => {
    const bad = await office.post('/api/categories', { edition: '2022', code: '2010109', name: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.code).toContain('A');
    const orphan = await office.post('/api/categories', { edition: '2010', code: '2990101', name: '孤儿' });
    expect(orphan.statusCode).toBe(400);
    expect(orphan.json().fields.code).toContain('2990100');
    const life = await office.post('/api/categories', { edition: '2010', code: '2010109', name: 'x', usefulLifeMonths: -3 });
    expect(life.statusCode).toBe(400);
    expect(Object.keys(life.json().fields)).toContain('usefulLifeMonths');
  });

  it('updates the attributes but not the code', async () => {
    const c = (await resolveCategoryByCode(t.database.db, '6010503'))!;
    const res = await office.patch(`/api/categories/${c.id}`, { usefulLifeMonths: 300, measureUnit: '组', code: '6010599' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ code: '6010503', usefulLifeMonths: 300, measureUnit: '组' });
  });

  it('refuses writes to a unit user with 403 and changes nothing', async () => {
    const c = (await resolveCategoryByCode(t.database.db, '6010501'))!;
    expect((await unitAdmin.post('/api/categories', { edition: '2010', code: '2010110', name: 'x' })).statusCode).toBe(403);
    expect((await unitAdmin.patch(`/api/categories/${c.id}`, { name: '改名' })).statusCode).toBe(403);
    const { body, headers } = multipart('c.csv', 'edition,code,name\n2010,2010111,y\n');
    expect((await unitAdmin.request('POST', '/api/categories/import', body, headers)).statusCode).toBe(403);
    expect((await resolveCategoryByCode(t.database.db, '6010501'))!.name).toBe('书柜');
    expect(await resolveCategoryByCode(t.database.db, '2010110')).toBeUndefined();
    expect(await resolveCategoryByCode(t.database.db, '2010111')).toBeUndefined();
  });
});

describe('category lives and exemptions (财会〔2017〕4号)', () => {
  it("refuses a life below the guide's floor for the class, in Chinese, and changes nothing", async () => {
    const desktop = (await resolveCategoryByCode(t.database.db, '2010104'))!;
    const res = await office.patch(`/api/categories/${desktop.id}`, { usefulLifeMonths: 48 });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.usefulLifeMonths).toBe('使用年限不得低于 72 个月（6 年）（财会〔2017〕4号：计算机设备）');
    expect((await resolveCategoryByCode(t.database.db, '2010104'))!.usefulLifeMonths).toBe(72);
    // Longer is allowed.
    expect((await office.patch(`/api/categories/${desktop.id}`, { usefulLifeMonths: 96 })).statusCode).toBe(200);
    await office.patch(`/api/categories/${desktop.id}`, { usefulLifeMonths: 72 });
    const radar = await office.post('/api/categories', { edition: '2022', code: 'A02170400', name: '雷达配套设备', usefulLifeMonths: 60 });
    expect(radar.statusCode).toBe(400);
    expect(radar.json().fields.usefulLifeMonths).toContain('120 个月（10 年）');
  });

  it('lets only the exempt kinds be not depreciated', async () => {
    const printer = (await resolveCategoryByCode(t.database.db, '2020402'))!;
    const res = await office.patch(`/api/categories/${printer.id}`, { depreciable: false });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.depreciable).toContain('只有单独计价入账的土地、文物和陈列品、图书和档案、特种动植物');
    expect((await resolveCategoryByCode(t.database.db, '2020402'))!.depreciable).toBe(true);
    const relic = await office.post('/api/categories', { edition: '2010', code: '4010600', name: '钱币', depreciable: false });
    expect(relic.statusCode).toBe(201);
  });

  it('rejects an imported row that breaks the guide, naming the row and the floor', async () => {
    const csv = [
      'edition,code,name,parent_code,useful_life_months,depreciable',
      '2010,2030900,新能源车,2030000,60,true',
      '2010,2020901,不折旧的速印机,2020900,72,false',
    ].join('\n');
    const { body, headers } = multipart('guide.csv', csv);
    const res = await office.request('POST', '/api/categories/import', body, headers);
    expect(res.statusCode).toBe(422);
    const rows = res.json().details.rows;
    expect(rows[0]).toMatchObject({ row: 2, errors: { useful_life_months: '使用年限不得低于 96 个月（8 年）（财会〔2017〕4号：车辆）' } });
    expect(rows[1].errors.depreciable).toBeDefined();
    expect(await resolveCategoryByCode(t.database.db, '2030900')).toBeUndefined();
  });
});

describe('POST /api/categories/import', () => {
  it('upserts a CSV by edition and code, parents in the file first or last', async () => {
    const csv = [
      '编码,名称,版本,上级编码,使用年限(月),是否折旧,资本化标准(分),属性集,计量单位',
      'A02019901,国产化终端,2022,A02019900,72,是,100000,it,台',
      'A02010104,台式计算机（含显示器）,2022,A02010100,72,是,100000,it,台',
      '2019901,"国产化终端, 信创",2010,2019900,72,true,100000,信息化设备,台',
    ].join('\n');
    const { body, headers } = multipart('categories.csv', csv);
    const res = await office.request('POST', '/api/categories/import', body, headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, created: 2, updated: 1 });
    expect(await resolveCategoryByCode(t.database.db, '2019901')).toMatchObject({
      name: '国产化终端, 信创',
      parentCode: '2019900',
      attributeSet: 'it',
    });
    expect((await resolveCategoryByCode(t.database.db, 'A02010104'))!.name).toBe('台式计算机（含显示器）');
  });

  it('rejects the whole file with a row report when any row is bad', async () => {
    const csv = [
      'edition,code,name,parent_code,useful_life_months',
      '2010,2010112,好行,,72',
      '2010,20101,坏编码,,',
      '2010,2880101,无上级,,',
      '2010,2010113,坏年限,,abc',
    ].join('\n');
    const { body, headers } = multipart('bad.csv', csv);
    const res = await office.request('POST', '/api/categories/import', body, headers);
    expect(res.statusCode).toBe(422);
    const report = res.json().details;
    expect(report.rows.map((r: { row: number }) => r.row)).toEqual([3, 4, 5]);
    expect(report.rows[0].errors.code).toBeDefined();
    expect(report.rows[1].errors.parent_code).toContain('2880100');
    expect(report.rows[2].errors.useful_life_months).toBeDefined();
    expect(await resolveCategoryByCode(t.database.db, '2010112')).toBeUndefined();
  });

  it('reads an xlsx file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分类');
    ws.addRow([
      'edition',
      'code',
      'name',
      'parent_code',
      'useful_life_months',
      'depreciable',
      'capitalization_threshold_fen',
      'attribute_set',
      'measure_unit',
    ]);
    ws.addRow(['2010', '6010506', '密码文件柜', '6010500', 240, 'true', 100000, 'none', '个']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { body, headers } = multipart('c.xlsx', buf, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const res = await office.request('POST', '/api/categories/import', body, headers);
    expect(res.statusCode).toBe(200);
    expect(await resolveCategoryByCode(t.database.db, '6010506')).toMatchObject({ name: '密码文件柜', usefulLifeMonths: 240 });
  });
});
