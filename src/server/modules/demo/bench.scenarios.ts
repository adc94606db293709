import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { CardListQuery } from '../../../shared/assets.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { businessMonth } from '../../platform/clock.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import type { App } from '../../platform/http/types.ts';
import { getCardDetail, getCardTimeline, namesForEvents } from '../assets/index.ts';
import { listCards } from '../assets/index.ts';
import { resolveCategoryByCode } from '../catalog/index.ts';
import { financeMarkdown, type FinanceMeasured } from './bench.finance.ts';

export interface Measured {
  scenario: string;
  via: 'http' | 'sql';
  runs: number;
  p50: number;
  p95: number;
  max: number;
  target?: number;
}

export interface IoMeasured {
  scenario: string;
  rows: number | null;
  seconds: number | null;
  peakRssMb: number | null;
  note?: string;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (x: number) => Math.round(x * 10) / 10;

/** Runs fn `runs` times after 3 warm-up calls; each call gets its index (to vary the parameters). */
async function time(
  scenario: string,
  via: Measured['via'],
  runs: number,
  fn: (i: number) => Promise<void>,
  target?: number,
): Promise<Measured> {
  return { scenario, via, ...(await timeRuns(runs, fn)), target };
}

/** Milliseconds of `runs` calls of fn after 3 warm-up calls (each call gets its index): p50, p95, max. */
export async function timeRuns(runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(runs + i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { runs, p50: round(pct(ms, 50)), p95: round(pct(ms, 95)), max: round(ms[ms.length - 1]) };
}

export const TARGETS = {
  postgres: { list: 50, search: 100, card: 20 },
  pglite: { list: 150, search: 250, card: 60 },
} as const;

export const SEARCH_TERMS = ['打印', '联想', 'ThinkCentre', 'M404dn', 'S5735', '保密柜'];

interface Ctx {
  app: App;
  database: Database;
  cookie: string;
  office: Actor;
  /** The largest unit's administrator: a search within one unit. */
  unitUser: { cookie: string; actor: Actor };
  runs: number;
  targets: { list: number; search: number; card: number };
  /** The over-standard list (its totals read every card: tens of seconds a call at a million on a busy machine). */
  overStandard?: boolean;
}

async function get(ctx: Ctx, url: string, cookie = ctx.cookie) {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return res;
}

/** The read scenarios, each through the HTTP API and beside it the same query functions without HTTP. */
export async function readScenarios(ctx: Ctx): Promise<Measured[]> {
  const db = ctx.database.db;
  const units = await query<{ id: string }>(db, sql`SELECT unit_id AS id FROM cards GROUP BY unit_id ORDER BY count(*) DESC LIMIT 5`);
  const computers = (await resolveCategoryByCode(db, '2010000'))!;
  const listParams = (i: number) => ({
    unitId: units[i % units.length].id,
    status: 'in_use',
    categoryId: computers.id,
    sort: 'originalValueFen',
    order: 'desc',
    page: String(1 + (i % 3)),
    pageSize: '20',
  });
  const qs = (o: Record<string, string>) => new URLSearchParams(o).toString();
  const out: Measured[] = [];
  out.push(
    await time(
      'card list: unit + status + category subtree, sorted by value',
      'http',
      ctx.runs,
      async (i) => void (await get(ctx, `/api/cards?${qs(listParams(i))}`)),
      ctx.targets.list,
    ),
  );
  out.push(
    await time(
      'card list: unit + status + category subtree, sorted by value',
      'sql',
      ctx.runs,
      async (i) => void (await listCards(db, ctx.office, CardListQuery.parse(listParams(i)))),
      ctx.targets.list,
    ),
  );

  const search = (i: number) => ({ q: SEARCH_TERMS[i % SEARCH_TERMS.length], page: '1', pageSize: '20' });
  out.push(
    await time(
      `search, all units (${SEARCH_TERMS.join(' / ')})`,
      'http',
      ctx.runs,
      async (i) => void (await get(ctx, `/api/cards?${qs(search(i))}`)),
      ctx.targets.search,
    ),
  );
  out.push(
    await time(
      `search, all units (${SEARCH_TERMS.join(' / ')})`,
      'sql',
      ctx.runs,
      async (i) => void (await listCards(db, ctx.office, CardListQuery.parse(search(i)))),
      ctx.targets.search,
    ),
  );
  out.push(
    await time(
      `search, the largest unit's user (${SEARCH_TERMS.join(' / ')})`,
      'http',
      ctx.runs,
      async (i) => void (await get(ctx, `/api/cards?${qs(search(i))}`, ctx.unitUser.cookie)),
      ctx.targets.search,
    ),
  );
  out.push(
    await time(
      `search, the largest unit's user (${SEARCH_TERMS.join(' / ')})`,
      'sql',
      ctx.runs,
      async (i) => void (await listCards(db, ctx.unitUser.actor, CardListQuery.parse(search(i)))),
      ctx.targets.search,
    ),
  );

  // The over-standard list: every card against the cap of its standard (by the custodian's rank, the
  // room's area, the printer's kind; standards/standard.queries.ts), first page, all units and one.
  const month = businessMonth();
  const over = (unit?: string) => `/api/reports/lists/over_standard?from=${month}&to=${month}&pageSize=20${unit ? `&unitId=${unit}` : ''}`;
  if (ctx.overStandard !== false)
    out.push(await time('over-standard list, all units', 'http', ctx.runs, async () => void (await get(ctx, over())), ctx.targets.search));
  if (ctx.overStandard !== false)
    out.push(
      await time(
        'over-standard list, the largest unit',
        'http',
        ctx.runs,
        async () => void (await get(ctx, over(units[0].id))),
        ctx.targets.search,
      ),
    );

  // Cards from the middle of the table, each read once, and a different set for each side, so that
  // the side timed second does not find the first side's cards in the cache.
  const n = ctx.runs + 3;
  const ids = (
    await query<{ id: string }>(
      db,
      sql`SELECT id FROM cards ORDER BY id LIMIT ${2 * n}
    OFFSET (SELECT count(*) / 2 FROM cards)`,
    )
  ).map((r) => r.id);
  out.push(
    await time(
      'card page: detail + timeline',
      'http',
      ctx.runs,
      async (i) => {
        await get(ctx, `/api/cards/${ids[i % n]}`);
        await get(ctx, `/api/cards/${ids[i % n]}/timeline`);
      },
      ctx.targets.card,
    ),
  );
  out.push(
    await time(
      'card page: detail + timeline',
      'sql',
      ctx.runs,
      async (i) => {
        await getCardDetail(db, ctx.office, ids[n + (i % n)]);
        await namesForEvents(db, await getCardTimeline(db, ctx.office, ids[n + (i % n)]));
      },
      ctx.targets.card,
    ),
  );
  return out;
}

/**
 * Samples the process's resident memory while fn runs, and gives it at the start too: with PGlite
 * it includes the embedded engine's heap, which keeps the size earlier scenarios grew it to.
 */
async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number; peakRssMb: number; startRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const startRssMb = Math.round(peak / 1048576);
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = Date.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, seconds: round((Date.now() - started) / 1000), peakRssMb: Math.round(peak / 1048576), startRssMb };
  } finally {
    clearInterval(timer);
  }
}

/** Writes an import file of `rows` opening-registration rows in the card template's columns. */
async function writeImportFile(file: string, rows: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('资产卡片');
  ws.addRow(['资产名称', '分类代码', '规格型号', '品牌', '数量', '原值(元)', '取得方式', '取得日期']).commit();
  const models = [
    ['台式计算机', '2010104', 'ThinkCentre M920t', '联想', 4680],
    ['激光打印机', '2020402', 'LaserJet Pro M404dn', '惠普', 1150],
    ['办公椅', '6010301', '网布转椅', '圣奥', 650],
    ['文件柜', '6010502', '钢制对开门文件柜', '优比', 900],
  ] as const;
  for (let i = 0; i < rows; i++) {
    const [name, code, spec, brand, price] = models[i % models.length];
    const d = new Date(Date.UTC(2010 + (i % 15), i % 12, 1 + (i % 28)));
    ws.addRow([name, code, spec, brand, 1, price, '购置', d.toISOString().slice(0, 10)]).commit();
  }
  await wb.commit();
}

/**
 * Import of a 100,000-row file and export of every card, through the card-io services, with the
 * process's peak resident memory. Reported as not measured when those services are absent.
 */
export async function ioScenarios(database: Database, importRows: number, log: (m: string) => void): Promise<IoMeasured[]> {
  const out: IoMeasured[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-bench-io-'));
  try {
    let io: {
      importCards: typeof import('../card-io/index.ts').importCards;
      exportCards: typeof import('../card-io/index.ts').exportCards;
    } | null = null;
    try {
      io = {
        importCards: (await import('../card-io/index.ts')).importCards,
        exportCards: (await import('../card-io/index.ts')).exportCards,
      };
    } catch {
      io = null;
    }
    const [{ n: total }] = await query<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM cards`);
    if (!io) {
      out.push({
        scenario: `import ${importRows.toLocaleString('en')} rows`,
        rows: null,
        seconds: null,
        peakRssMb: null,
        note: 'not measured (card-io services absent)',
      });
      out.push({
        scenario: `export ${total.toLocaleString('en')} rows`,
        rows: null,
        seconds: null,
        peakRssMb: null,
        note: 'not measured (card-io services absent)',
      });
      return out;
    }
    const exportFile = path.join(dir, 'export.xlsx');
    log(`  exporting ${total.toLocaleString('en')} cards…`);
    const ex = await withPeakRss(() => io!.exportCards(database.db, exportFile, {}, 'all'));
    out.push({
      scenario: `export ${total.toLocaleString('en')} rows (xlsx)`,
      rows: ex.value.rows,
      seconds: ex.seconds,
      peakRssMb: ex.peakRssMb,
      note: `${Math.round(fs.statSync(exportFile).size / 1048576)} MB file; ${ex.startRssMb} MB at the start`,
    });
    fs.rmSync(exportFile, { force: true });

    const importFile = path.join(dir, 'import.xlsx');
    await writeImportFile(importFile, importRows);
    const [unit] = await query<{ id: string }>(database.db, sql`SELECT id FROM units WHERE kind = 'unit' ORDER BY sort, code LIMIT 1`);
    log(`  importing ${importRows.toLocaleString('en')} rows…`);
    const im = await withPeakRss(() =>
      io!.importCards(database, { file: importFile, unitId: unit.id, actorId: null, documentId: crypto.randomUUID() }),
    );
    out.push({
      scenario: `import ${importRows.toLocaleString('en')} rows (xlsx, all or nothing)`,
      rows: im.value.imported,
      seconds: im.seconds,
      peakRssMb: im.peakRssMb,
      note: im.value.ok
        ? `${im.startRssMb} MB at the start`
        : `rejected: ${im.value.errorCount} errors, first: ${JSON.stringify(im.value.errors[0])}`,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export function markdown(
  engine: string,
  cards: number,
  events: number,
  reads: Measured[],
  io: IoMeasured[],
  finance: FinanceMeasured[] = [],
): string {
  const data = `${engine}, ${cards.toLocaleString('en')} cards, ${events.toLocaleString('en')} events`;
  const lines = [
    ...(reads.length
      ? [
          `| scenario (${data}) | via | p50 ms | p95 ms | max ms | target p95 ms |`,
          '|---|---|---:|---:|---:|---:|',
          ...reads.map(
            (r) =>
              `| ${r.scenario} | ${r.via} | ${r.p50} | ${r.p95} | ${r.max} | ${r.via === 'http' ? `${r.target}${r.p95 <= (r.target ?? Infinity) ? ' ✓' : ' ✗'}` : ''} |`,
          ),
          '',
        ]
      : []),
    ...financeMarkdown(finance, data),
    '| bulk scenario | rows | seconds | peak RSS MB | note |',
    '|---|---:|---:|---:|---|',
    ...io.map((r) => `| ${r.scenario} | ${r.rows ?? '–'} | ${r.seconds ?? '–'} | ${r.peakRssMb ?? '–'} | ${r.note ?? ''} |`),
  ];
  return lines.join('\n');
}
