import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CARD_STATUSES } from '../../../shared/assets.enums.ts';
import { loadConfig } from '../../platform/config.ts';
import { query, queryOne } from '../../platform/db/engine.ts';
import type { Client, TestApp } from '../../testing/test-app.ts';
import { cardIoCli } from './card-io.cli.ts';
import { DEMO_PASSWORD, finish, plainWorkbook, readSheet, demoTestApp, upload, type SheetRow } from '../../testing/world.ts';

let t: TestApp;
let admin: Client;
let unit1: { id: string; code: string };
let unit2: { id: string; code: string };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'card-io-'));

const row = (i: number, over: SheetRow = {}): SheetRow => ({
  资产名称: `档案柜${i}`,
  分类代码: i % 2 ? 'A02010104' : '2010105',
  序列号: `EXP-${i}`,
  '原值(元)': 1000 + i + 0.25,
  '累计折旧(元)': i,
  取得方式: '购置',
  取得日期: `2023-0${1 + (i % 9)}-1${i % 10}`,
  状态: i % 3 ? '在用' : '闲置',
  备注: `第${i}件`,
  ...over,
});

/** The CLI as `gongwu` runs it, in-process against the test database (kept open for the next test). */
async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const program = new Command('gongwu').exitOverride();
  const lines: string[] = [];
  const origError = console.error;
  console.error = (...a: unknown[]) => lines.push(a.join(' '));
  cardIoCli(program, {
    open: async () => ({ config: loadConfig(), database: { ...t.database, close: async () => undefined } }),
    log: (m) => lines.push(m),
  });
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'gongwu', ...args]);
  } finally {
    console.error = origError;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, out: lines.join('\n') };
}

beforeAll(async () => {
  t = await demoTestApp();
  admin = await t.as('u01-admin', DEMO_PASSWORD);
  [unit1, unit2] = await query<{ id: string; code: string }>(
    t.database.db,
    sql`SELECT id, code FROM units WHERE kind = 'unit' ORDER BY code LIMIT 2`,
  );
  const job = await finish(
    t,
    admin,
    (await upload(admin, await plainWorkbook(Array.from({ length: 30 }, (_, i) => row(i + 1))))).json().jobId,
  );
  expect(job.status, JSON.stringify(job)).toBe('succeeded');
  const officer = await t.as('officer', DEMO_PASSWORD);
  const other = await finish(
    t,
    officer,
    (await upload(officer, await plainWorkbook([row(99, { 资产名称: '别的单位的柜子' })]), { unitId: unit2.id })).json().jobId,
  );
  expect(other.status).toBe('succeeded');
}, 120_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('card export', () => {
  it("exports the filtered cards of the caller's scope, and the exported values match the database", async () => {
    const res = await admin.post('/api/card-io/exports', { status: ['in_use'] });
    expect(res.statusCode, res.body).toBe(202);
    const job = await finish(t, admin, res.json().jobId);
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.percent).toBe(100);
    const file = await admin.get(`/api/jobs/${job.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('资产卡片'));
    const rows = await readSheet(file.rawPayload, '资产卡片');
    const db = await query<Record<string, unknown>>(
      t.database.db,
      sql`
      SELECT c.card_no, c.name, cat.code, c.serial_no, c.original_value_fen, c.accumulated_depreciation_fen, c.net_value_fen,
        c.acquired_on::text AS acquired_on, c.status, c.attributes->>'note' AS note
      FROM cards c JOIN categories cat ON cat.id = c.category_id WHERE c.unit_id = ${unit1.id} AND c.status = 'in_use' ORDER BY c.card_no`,
    );
    expect(db.length).toBeGreaterThanOrEqual(20);
    expect(rows).toHaveLength(db.length);
    rows.forEach((r, i) => {
      const d = db[i];
      expect(r['卡片编号']).toBe(d.card_no);
      expect(r['资产名称']).toBe(d.name);
      expect(r['分类代码']).toBe(d.code);
      expect(r['序列号'] ?? null).toBe(d.serial_no);
      expect(Math.round(Number(r['原值(元)']) * 100)).toBe(d.original_value_fen);
      expect(Math.round(Number(r['累计折旧(元)']) * 100)).toBe(d.accumulated_depreciation_fen);
      expect(Math.round(Number(r['净值(元)']) * 100)).toBe(d.net_value_fen);
      expect((r['取得日期'] as Date).toISOString().slice(0, 10)).toBe(d.acquired_on);
      expect(r['状态']).toBe(CARD_STATUSES.in_use[0]);
      expect(r['备注'] ?? null).toBe(d.note);
      expect(r['产权单位']).toBeTruthy();
    });
    expect(rows.some((r) => r['资产名称'] === '别的单位的柜子')).toBe(false);
    const logged = await queryOne<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM security_events WHERE kind = 'export' AND details->>'jobId' = ${job.id}`,
    );
    expect(logged!.n).toBe(1);
  });

  it('re-imports its own export into another unit unchanged', async () => {
    const exp = await finish(t, admin, (await admin.post('/api/card-io/exports', { q: '档案柜1' })).json().jobId);
    const file = (await admin.get(`/api/jobs/${exp.id}/file`)).rawPayload;
    const officer = await t.as('officer', DEMO_PASSWORD);
    const imp = await finish(t, officer, (await upload(officer, file, { unitId: unit2.id })).json().jobId);
    expect(imp.status, JSON.stringify(imp.result?.errors ?? imp.error)).toBe('succeeded');
    const pairs = await query<{ same: boolean }>(
      t.database.db,
      sql`
      SELECT (a.name, a.serial_no, a.original_value_fen, a.accumulated_depreciation_fen, a.acquired_on, a.status, a.category_id, a.attributes)
        IS NOT DISTINCT FROM (b.name, b.serial_no, b.original_value_fen, b.accumulated_depreciation_fen, b.acquired_on, b.status, b.category_id, b.attributes) AS same
      FROM cards a JOIN cards b ON b.serial_no = a.serial_no AND b.unit_id = ${unit2.id} AND b.source_document_id = ${imp.id}
      WHERE a.unit_id = ${unit1.id}`,
    );
    expect(pairs.length).toBe(imp.result.imported);
    expect(pairs.length).toBeGreaterThan(1);
    expect(pairs.every((p) => p.same)).toBe(true);
  });

  it("answers 404 for another unit's export and 403 for a role without card.export", async () => {
    expect((await admin.post('/api/card-io/exports', { unitId: unit2.id })).statusCode).toBe(404);
    const staff = await t.as('u01-staff', DEMO_PASSWORD);
    expect((await staff.post('/api/card-io/exports', {})).statusCode).toBe(403);
  });
});

describe('label data', () => {
  it("returns the selected cards of the caller's scope only, and a filter's cards", async () => {
    const mine = await query<{ id: string }>(t.database.db, sql`SELECT id FROM cards WHERE unit_id = ${unit1.id} ORDER BY card_no LIMIT 2`);
    const theirs = await query<{ id: string }>(t.database.db, sql`SELECT id FROM cards WHERE unit_id = ${unit2.id} LIMIT 1`);
    const res = await admin.get(`/api/card-io/labels?ids=${[...mine, ...theirs].map((c) => c.id).join(',')}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((c: { id: string }) => c.id)).toEqual(mine.map((c) => c.id));
    expect(body.items[0]).toMatchObject({
      cardNo: expect.stringMatching(/^\d+-\d{4}-\d{6}$/),
      name: expect.any(String),
      unitName: expect.any(String),
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    const byFilter = (await admin.get('/api/card-io/labels?status=idle')).json();
    const idle = await queryOne<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM cards WHERE unit_id = ${unit1.id} AND status = 'idle'`,
    );
    expect(byFilter.total).toBe(idle!.n);
    expect(byFilter.items.length).toBe(Math.min(idle!.n, 2000));
    expect((await admin.get(`/api/card-io/labels?unitId=${unit2.id}`)).statusCode).toBe(404);
  });
});

describe('gongwu import/export cards', () => {
  it('exits 1 with the row report and writes nothing when the file is rejected; 0 when it imports', async () => {
    const before = (await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM cards`))!.n;
    const bad = path.join(tmp, 'bad.xlsx');
    fs.writeFileSync(bad, await plainWorkbook([row(200), row(201, { '原值(元)': 'abc' })]));
    const rejected = await cli(['import', 'cards', bad, '--unit', unit1.code]);
    expect(rejected.code, rejected.out).toBe(1);
    expect(rejected.out).toContain('3\t原值(元)\tabc\t不是金额');
    expect((await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM cards`))!.n).toBe(before);

    const good = path.join(tmp, 'good.xlsx');
    fs.writeFileSync(good, await plainWorkbook([row(200), row(201)]));
    const ok = await cli(['import', 'cards', good, '--unit', unit1.code]);
    expect(ok.code, ok.out).toBe(0);
    expect((await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM cards`))!.n).toBe(before + 2);

    const notXlsx = path.join(tmp, 'x.xlsx');
    fs.writeFileSync(notXlsx, 'a,b,c\n');
    const notOk = await cli(['import', 'cards', notXlsx, '--unit', unit1.code]);
    expect(notOk.code, notOk.out).toBe(2);
    expect((await cli(['import', 'cards', good, '--unit', 'NOPE'])).code).toBe(2);
  });

  it('writes a sample file that imports cleanly', async () => {
    const file = path.join(tmp, 'sample.xlsx');
    const made = await cli(['import', 'cards-sample', file, '--unit', unit1.code, '--rows', '300']);
    expect(made.code, made.out).toBe(0);
    const imported = await cli(['import', 'cards', file, '--unit', unit1.code]);
    expect(imported.code, imported.out).toBe(0);
    expect(imported.out).toContain('已导入 300 张卡片');
  });

  it('exports with filters to a file', async () => {
    const out = path.join(tmp, 'out.xlsx');
    const res = await cli(['export', 'cards', out, '--unit', unit1.code, '--status', '闲置', '--category', 'A02010104']);
    expect(res.code, res.out).toBe(0);
    const rows = await readSheet(fs.readFileSync(out), '资产卡片');
    const expected = await queryOne<{ n: number }>(
      t.database.db,
      sql`
      SELECT count(*)::int AS n FROM cards c JOIN categories cat ON cat.id = c.category_id
      WHERE c.unit_id = ${unit1.id} AND c.status = 'idle' AND cat.code = 'A02010104'`,
    );
    expect(rows.length).toBe(expected!.n);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r['状态'] === '闲置' && r['分类代码'] === 'A02010104')).toBe(true);
  });
});
