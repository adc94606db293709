import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { query, queryOne } from '../../platform/db/engine.ts';
import type { Client, TestApp } from '../../testing/test-app.ts';
import type { CardInput } from '../../../shared/assets.contracts.ts';
import { withTx } from '../../platform/db/tx.ts';
import { registrationKind } from '../assets/index.ts';
import { registerCard } from '../assets/index.ts';
import { importCards } from './card-import.service.ts';
import { DEMO_PASSWORD, fillTemplate, finish, plainWorkbook, readSheet, demoTestApp, upload, type SheetRow } from '../../testing/world.ts';

let t: TestApp;
let admin: Client;
let template: Buffer;
let unit1: { id: string; code: string };
let unit2: { id: string; code: string };
let dept: string;
let employeeNo: string;
let place: string;

const cardCount = async (unitId: string) =>
  (await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM cards WHERE unit_id = ${unitId}`))!.n;

function row(over: SheetRow = {}): SheetRow {
  return {
    资产名称: '台式计算机',
    分类代码: 'A02010104',
    规格型号: 'ThinkCentre M920',
    品牌: '联想',
    序列号: `SN-${crypto.randomBytes(4).toString('hex')}`,
    数量: 1,
    '原值(元)': 4999.5,
    '累计折旧(元)': 1000,
    经费来源: '财政拨款',
    取得方式: '购置',
    取得日期: new Date(Date.UTC(2022, 2, 15)),
    状态: '在用',
    使用方式: '自用',
    ...over,
  };
}

beforeAll(async () => {
  t = await demoTestApp();
  admin = await t.as('u01-admin', DEMO_PASSWORD);
  const units = await query<{ id: string; code: string }>(
    t.database.db,
    sql`SELECT id, code FROM units WHERE kind = 'unit' ORDER BY code LIMIT 2`,
  );
  [unit1, unit2] = units;
  dept = (await queryOne<{ name: string }>(t.database.db, sql`SELECT name FROM departments WHERE unit_id = ${unit1.id} LIMIT 1`))!.name;
  employeeNo = (await queryOne<{ employee_no: string }>(
    t.database.db,
    sql`SELECT employee_no FROM staff WHERE unit_id = ${unit1.id} AND employee_no IS NOT NULL LIMIT 1`,
  ))!.employee_no;
  const room = await queryOne<{ place: string }>(
    t.database.db,
    sql`
    SELECT c.code || '/' || b.code || '/' || r.code AS place FROM rooms r JOIN buildings b ON b.id = r.building_id JOIN compounds c ON c.id = r.compound_id
    WHERE r.unit_id = ${unit1.id} OR r.unit_id IS NULL LIMIT 1`,
  );
  place = room!.place;
  const res = await admin.get('/api/card-io/template');
  expect(res.statusCode).toBe(200);
  template = res.rawPayload;
}, 120_000);

afterAll(async () => t?.close());

describe('card import template', () => {
  it('has Chinese headers, an explanation sheet for every column and the category codes', async () => {
    const help = await readSheet(template, '填写说明');
    expect(help.map((r) => r['列名'])).toEqual(
      expect.arrayContaining(['资产名称', '分类代码', '原值(元)', '取得方式', '保管人工号', '存放地点(楼宇/房间号)', '建筑结构', 'IP']),
    );
    expect(help.find((r) => r['列名'] === '取得方式')?.['可选值']).toContain('购置');
    expect(help.find((r) => r['列名'] === '资产名称')?.['是否必填']).toBe('必填');
    const cats = await readSheet(template, '分类代码');
    expect(cats.some((c) => c['分类代码'] === 'A02010104')).toBe(true);
    expect(cats.some((c) => c['分类代码'] === '2010104')).toBe(true);
  });
});

describe('card import', () => {
  it('imports every row of a good file as opening registrations with chained ledger events', async () => {
    const before = await cardCount(unit1.id);
    const file = await fillTemplate(
      template,
      [
        row({ 使用部门: dept, 保管人工号: employeeNo, '存放地点(楼宇/房间号)': place, IP: '10.1.2.3', MAC: '00-1a-2b-3c-4d-5e' }),
        // A formula is read as its cached result, as Excel shows it.
        row({
          资产名称: '便携式计算机',
          分类代码: '2010105',
          '原值(元)': { formula: 'SUM(3000,1234.56)', result: 4234.56 },
          取得日期: '2021/6/1',
          累计折旧: undefined,
        }),
        row({
          资产名称: '办公桌',
          分类代码: 'A05010201',
          数量: 3,
          计量单位: '张',
          '原值(元)': '1,200.00',
          取得方式: 'transfer_in',
          取得日期: '2020年1月2日',
          序列号: null,
        }),
      ].map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined))),
    );
    const res = await upload(admin, file);
    expect(res.statusCode, res.body).toBe(202);
    const job = await finish(t, admin, res.json().jobId);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.result).toMatchObject({ ok: true, rows: 3, imported: 3, errorCount: 0 });
    expect(await cardCount(unit1.id)).toBe(before + 3);

    const cards = await query<Record<string, unknown>>(
      t.database.db,
      sql`
      SELECT card_no, name, original_value_fen, accumulated_depreciation_fen, acquired_on::text, posted_on::text, status, acquisition_method,
        using_department_id, custodian_id, room_id, attributes, quantity, measure_unit
      FROM cards WHERE source_document_id = ${job.id} ORDER BY card_no`,
    );
    expect(cards.map((c) => c.name)).toEqual(['台式计算机', '便携式计算机', '办公桌']);
    expect(cards.map((c) => c.original_value_fen)).toEqual([499950, 423456, 120000]);
    expect(cards[0]).toMatchObject({
      accumulated_depreciation_fen: 100000,
      acquired_on: '2022-03-15',
      posted_on: '2022-03-15',
      status: 'in_use',
      attributes: { ip: '10.1.2.3', mac: '00:1A:2B:3C:4D:5E' },
    });
    expect(cards[0].using_department_id).toBeTruthy();
    expect(cards[0].custodian_id).toBeTruthy();
    expect(cards[0].room_id).toBeTruthy();
    expect(cards[1].acquired_on).toBe('2021-06-01');
    expect(cards[2]).toMatchObject({ acquisition_method: 'transfer_in', acquired_on: '2020-01-02', quantity: 3, measure_unit: '张' });
    expect(String(cards[0].card_no)).toMatch(new RegExp(`^${unit1.code}-\\d{4}-\\d{6}$`));

    const events = await query<{
      type: string;
      seq: number;
      prev_hash: string;
      hash: string;
      ok: boolean;
      document_type: string;
      name: string;
    }>(
      t.database.db,
      sql`
      SELECT e.type, e.seq, e.prev_hash, e.hash, e.document_type, e.after->>'name' AS name,
        e.hash = card_event_hash(e.prev_hash, e.card_id, e.seq, e.unit_id, e.type, e.document_id, e.document_type, e.actor_id, e.occurred_at, e.before, e.after, e.note) AS ok
      FROM card_events e WHERE e.document_id = ${job.id}`,
    );
    expect(events).toHaveLength(3);
    for (const e of events)
      expect(e).toMatchObject({ type: 'opening_registration', seq: 1, prev_hash: '0'.repeat(64), ok: true, document_type: 'import' });
  });

  it('rejects a file with one bad row, writes nothing, and reports row, column, value and reason', async () => {
    const before = await cardCount(unit1.id);
    const seqBefore = await query(t.database.db, sql`SELECT * FROM card_number_sequences ORDER BY unit_id, year`);
    const file = await fillTemplate(template, [row(), row({ '原值(元)': -5, 取得方式: '偷来的' }), row({ 分类代码: 'ZZZ' })]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(202);
    const job = await finish(t, admin, res.json().jobId);
    expect(job.status).toBe('failed');
    expect(job.result.ok).toBe(false);
    expect(job.result.errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: '原值(元)', value: '-5', reason: '金额不能为负' },
        expect.objectContaining({ row: 3, column: '取得方式', value: '偷来的' }),
        expect.objectContaining({ row: 4, column: '分类代码', value: 'ZZZ' }),
      ]),
    );
    expect(job.result.errorCount).toBe(3);
    expect(await cardCount(unit1.id)).toBe(before);
    expect(await query(t.database.db, sql`SELECT * FROM card_number_sequences ORDER BY unit_id, year`)).toEqual(seqBefore);

    expect(job.hasFile).toBe(true);
    const report = await admin.get(`/api/jobs/${job.id}/file`);
    expect(report.statusCode).toBe(200);
    const lines = await readSheet(report.rawPayload, '错误报告');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ 行号: 3, 列: '原值(元)', 值: '-5', 原因: '金额不能为负' });
  });

  it("imports the Ministry's card fields and refuses rows that break the book rules, in Chinese, writing nothing", async () => {
    const before = await cardCount(unit1.id);
    const bad = await fillTemplate(template, [
      row({ '使用年限(月)': 48 }),
      row({ '财政拨款(元)': 3000, '非财政拨款(元)': 1000 }),
      row({ 折旧方法: '不计提折旧' }),
      row({ 资产名称: '公务轿车', 分类代码: 'A02030401', 车牌号: '京A12345', 车架号: 'ABC', 序列号: null }),
    ]);
    const job = await finish(t, admin, (await upload(admin, bad)).json().jobId);
    expect(job.result.errors).toEqual([
      {
        row: 2,
        column: '使用年限(月)',
        value: '48',
        reason: '使用年限不得低于 72 个月（6 年）（分类“台式计算机”的最低折旧年限），填写的是 48 个月（4 年）',
      },
      {
        row: 3,
        column: '财政拨款(元)',
        value: '3000',
        reason: '财政拨款（¥3,000.00）与非财政拨款（¥1,000.00）之和应等于原值（¥4,999.50）',
      },
      {
        row: 4,
        column: '折旧方法',
        value: '不计提折旧',
        reason: '“台式计算机”须计提折旧：只有单独计价入账的土地、文物和陈列品、图书和档案、特种动植物及以名义金额计量的资产可以不计提折旧',
      },
      { row: 5, column: '车架号', value: 'ABC', reason: '车架号应为 17 位字母数字（不含 I、O、Q）' },
    ]);
    expect(await cardCount(unit1.id)).toBe(before);

    const good = await fillTemplate(template, [
      row({
        价值类型: '评估',
        '非财政拨款(元)': 999.5,
        采购组织形式: '部门集中采购',
        资产用途: '担保',
        生产厂家: '联想',
        '国别/产地': '中国',
        合同编号: 'HT-9',
        发票号: 'FP-9',
        凭证号: '记-9',
      }),
      row({ 资产名称: '订书机', 分类代码: 'A02021300', '原值(元)': 80, '累计折旧(元)': 0, 序列号: null }),
      row({
        资产名称: '公务轿车',
        分类代码: 'A02030401',
        '原值(元)': 180000,
        车牌号: '京A12345',
        车架号: 'lsvnv4188n2012345',
        座位数: 5,
        '排气量(升)': 1.4,
        车辆用途: '一般公务用车',
        编制情况: '编制内',
        '国产/进口': '国产',
        序列号: null,
      }),
    ]);
    const ok = await finish(t, admin, (await upload(admin, good)).json().jobId);
    expect(ok.result, JSON.stringify(ok.result.errors)).toMatchObject({ ok: true, imported: 3 });
    const cards = await query<Record<string, unknown>>(
      t.database.db,
      sql`
      SELECT name, value_type, fiscal_funding_fen, non_fiscal_funding_fen, procurement_form, asset_use, invoice_no, voucher_no, asset_kind, depreciation_method,
        attributes->>'vin' AS vin, (attributes->>'seats')::int AS seats
      FROM cards WHERE unit_id = ${unit1.id} ORDER BY created_at DESC, card_no DESC LIMIT 3`,
    );
    expect(cards.find((c) => c.value_type === 'appraised')).toMatchObject({
      fiscal_funding_fen: 400000,
      non_fiscal_funding_fen: 99950,
      procurement_form: 'department_central',
      asset_use: 'guarantee',
      invoice_no: 'FP-9',
      voucher_no: '记-9',
    });
    expect(cards.find((c) => c.name === '订书机')).toMatchObject({ asset_kind: 'low_value', depreciation_method: 'none' });
    expect(cards.find((c) => c.name === '公务轿车')).toMatchObject({ vin: 'LSVNV4188N2012345', seats: 5, asset_kind: 'fixed' });
  });

  it("catches duplicate serial numbers within the file and against the unit's cards", async () => {
    const ok = await finish(t, admin, (await upload(admin, await fillTemplate(template, [row({ 序列号: 'DUP-1' })]))).json().jobId);
    expect(ok.status).toBe('succeeded');
    const before = await cardCount(unit1.id);
    const job = await finish(
      t,
      admin,
      (
        await upload(admin, await fillTemplate(template, [row({ 序列号: 'DUP-2' }), row({ 序列号: 'DUP-2' }), row({ 序列号: 'DUP-1' })]))
      ).json().jobId,
    );
    expect(job.status).toBe('failed');
    expect(job.result.errors).toEqual([
      { row: 3, column: '序列号', value: 'DUP-2', reason: '与第 2 行的序列号重复' },
      { row: 4, column: '序列号', value: 'DUP-1', reason: '本单位已有该序列号的卡片' },
    ]);
    expect(await cardCount(unit1.id)).toBe(before);
  });

  it('lets only one of two simultaneous imports carrying the same serial number through', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'card-import-'));
    const files = await Promise.all(
      ['a', 'b'].map(async (n) => {
        const f = path.join(dir, `${n}.xlsx`);
        fs.writeFileSync(f, await plainWorkbook([row({ 序列号: 'RACE-1' }), row()]));
        return f;
      }),
    );
    const before = await cardCount(unit1.id);
    const outcomes = await Promise.all(
      files.map((file) => importCards(t.database, { file, unitId: unit1.id, actorId: null, documentId: crypto.randomUUID() })),
    );
    expect(outcomes.map((o) => o.ok).sort()).toEqual([false, true]);
    expect(outcomes.find((o) => !o.ok)!.errors).toEqual([
      { row: 2, column: '序列号', value: 'RACE-1', reason: '本单位已有该序列号的卡片' },
    ]);
    expect(await cardCount(unit1.id)).toBe(before + 2);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('checks amounts, dates, accumulated depreciation and references within the unit', async () => {
    const otherDept =
      (
        await queryOne<{ name: string }>(
          t.database.db,
          sql`SELECT name FROM departments WHERE unit_id = ${unit2.id} AND name NOT IN (SELECT name FROM departments WHERE unit_id = ${unit1.id}) LIMIT 1`,
        )
      )?.name ?? '不存在的处室';
    const job = await finish(
      t,
      admin,
      (
        await upload(
          admin,
          await plainWorkbook([
            row({ '原值(元)': 10.123, 取得日期: '2023-02-30' }),
            row({ '原值(元)': 100, '累计折旧(元)': 200, 使用部门: otherDept, 保管人工号: 'nobody', '存放地点(楼宇/房间号)': 'Z/999' }),
            row({ 资产名称: null, 状态: '已处置' }),
          ]),
        )
      ).json().jobId,
    );
    expect(job.status).toBe('failed');
    const reasons = job.result.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(reasons).toEqual([
      '2:原值(元)',
      '2:取得日期',
      '3:累计折旧(元)',
      '3:使用部门',
      '3:保管人工号',
      '3:存放地点(楼宇/房间号)',
      '4:资产名称',
      '4:状态',
    ]);
  });

  it('answers bad_file for anything that is not an .xlsx workbook', async () => {
    const before = await cardCount(unit1.id);
    for (const [bytes, name] of [
      [crypto.randomBytes(2048), 'random.xlsx'],
      [Buffer.from('资产名称,分类代码\n台式机,A02010104\n'), 'cards.xlsx'],
      [Buffer.alloc(0), 'empty.xlsx'],
      [Buffer.concat([Buffer.from('PK\u0003\u0004'), crypto.randomBytes(500)]), 'broken.xlsx'],
    ] as const) {
      const res = await upload(admin, bytes, {}, name);
      if (res.statusCode === 202) {
        // A zip signature with garbage behind it is only found out while reading: the job fails cleanly.
        const job = await finish(t, admin, res.json().jobId);
        expect(job.status).toBe('failed');
        expect(job.error.error).toBe('bad_file');
      } else {
        expect(res.statusCode, name).toBe(400);
        expect(res.json().error).toBe('bad_file');
      }
    }
    expect(await cardCount(unit1.id)).toBe(before);
  });

  it('refuses a sheet without the template headers', async () => {
    const file = await fillTemplate(template, []);
    const res = await upload(admin, file);
    const job = await finish(t, admin, res.json().jobId);
    expect(job.status).toBe('failed');
    expect(job.error.error).toBe('bad_file');
  });

  it('lets a unit admin import only into its own unit (another unit answers 404) and refuses staff (403)', async () => {
    const before = await cardCount(unit2.id);
    const file = await fillTemplate(template, [row()]);
    const res = await upload(admin, file, { unitId: unit2.id });
    expect(res.statusCode).toBe(404);
    expect((await admin.get(`/api/card-io/template?unitId=${unit2.id}`)).statusCode).toBe(404);
    const staff = await t.as('u01-staff', DEMO_PASSWORD);
    expect((await upload(staff, file)).statusCode).toBe(403);
    expect(await cardCount(unit2.id)).toBe(before);
  });

  describe('the back-entry rule (补录) of the card service', () => {
    const setBooks = (takeover: string | null, closed: string | null) =>
      t.database.db.execute(sql`
        INSERT INTO unit_books (unit_id, takeover_month, closed_through) VALUES (${unit1.id}, ${takeover}::date, ${closed}::date)
        ON CONFLICT (unit_id) DO UPDATE SET takeover_month = excluded.takeover_month, closed_through = excluded.closed_through`);
    afterAll(async () => {
      await t.database.db.execute(sql`DELETE FROM unit_books WHERE unit_id = ${unit1.id}`);
    });

    it('refuses, row by row and writing nothing, the rows posted after the takeover or not yet posted; takes the opening balances', async () => {
      await setBooks('2025-06-01', '2025-09-01');
      const before = await cardCount(unit1.id);
      const file = await fillTemplate(template, [
        row({ 入账日期: new Date(Date.UTC(2024, 2, 1)) }),
        row({ 入账日期: new Date(Date.UTC(2025, 7, 10)) }),
        row({ 状态: '待入账', '累计折旧(元)': 0 }),
        row({ 取得日期: new Date(Date.UTC(2025, 9, 20)), '累计折旧(元)': 0 }),
      ]);
      const job = await finish(t, admin, (await upload(admin, file)).json().jobId);
      const lateReason = (d: string) =>
        `本单位账套已于 2025-06 期初建账，入账日期 ${d} 在期初之后：这是补录，不能作为期初卡片导入，请在卡片页逐张补录并写明理由，由单位财务审核入账`;
      expect(job.result).toMatchObject({ ok: false, imported: 0, errorCount: 3 });
      expect(job.result.errors).toEqual([
        { row: 3, column: '入账日期', value: '2025-08-10', reason: lateReason('2025-08-10') },
        {
          row: 4,
          column: '入账日期',
          value: '',
          reason:
            '本单位账套已于 2025-06 期初建账，待入账的卡片是补录，不能作为期初卡片导入，请在卡片页逐张补录并写明理由，由单位财务审核入账',
        },
        { row: 5, column: '入账日期', value: '2025-10-20', reason: lateReason('2025-10-20') },
      ]);
      expect(await cardCount(unit1.id)).toBe(before);
      // The card service says the same of each row.
      for (const postedOn of ['2025-08-10', null, '2025-10-20'])
        expect(await registrationKind(t.database.db, { unitId: unit1.id, postedOn })).toBe('supplement');
      expect(await registrationKind(t.database.db, { unitId: unit1.id, postedOn: '2024-03-01' })).toBe('opening');

      const ok = await finish(
        t,
        admin,
        (await upload(admin, await fillTemplate(template, [row({ 入账日期: new Date(Date.UTC(2024, 2, 1)) })]))).json().jobId,
      );
      expect(ok.result).toMatchObject({ ok: true, imported: 1 });
      expect(await cardCount(unit1.id)).toBe(before + 1);
    });

    it('books a row dated in a closed month of books without a takeover into the first open month, its real date kept, as a hand registration', async () => {
      await setBooks(null, '2025-10-01');
      const file = await fillTemplate(template, [
        row({ 取得日期: new Date(Date.UTC(2025, 9, 15)), '累计折旧(元)': 0, 序列号: 'LATE-IMPORT-1' }),
      ]);
      const job = await finish(t, admin, (await upload(admin, file)).json().jobId);
      expect(job.result).toMatchObject({ ok: true, imported: 1 });
      const [imported] = await query<{ posted_on: string; recognized_on: string }>(
        t.database.db,
        sql`SELECT posted_on::text, recognized_on::text FROM cards WHERE serial_no = 'LATE-IMPORT-1'`,
      );
      expect(imported).toEqual({ posted_on: '2025-11-01', recognized_on: '2025-10-15' });
      const [{ category_id: categoryId }] = await query<{ category_id: string }>(
        t.database.db,
        sql`SELECT category_id FROM cards WHERE serial_no = 'LATE-IMPORT-1'`,
      );
      const card = await withTx(t.database.db, (tx) =>
        registerCard(tx, null, {
          unitId: unit1.id,
          name: '台式计算机',
          categoryId,
          quantity: 1,
          originalValueFen: 499950,
          accumulatedDepreciationFen: 0,
          acquisitionMethod: 'purchase',
          acquiredOn: '2025-10-15',
          postedOn: '2025-10-15',
        } as CardInput),
      );
      const [byHand] = await query<{ posted_on: string; recognized_on: string }>(
        t.database.db,
        sql`SELECT posted_on::text, recognized_on::text FROM cards WHERE id = ${card.id}`,
      );
      expect(byHand).toEqual(imported);
    });
  });

  it('lets the asset office import into any unit it names', async () => {
    const officer = await t.as('officer', DEMO_PASSWORD);
    const before = await cardCount(unit2.id);
    const res = await upload(officer, await plainWorkbook([row()]), { unitId: unit2.id });
    expect(res.statusCode, res.body).toBe(202);
    expect((await finish(t, officer, res.json().jobId)).status).toBe('succeeded');
    expect(await cardCount(unit2.id)).toBe(before + 1);
    // Another user's job is not theirs to see.
    expect((await admin.get(`/api/jobs/${res.json().jobId}`)).statusCode).toBe(404);
  });
});
