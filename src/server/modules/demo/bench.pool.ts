import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { businessYear } from '../../platform/clock.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import { evaluateYear, listListings, seedBenchListings } from '../pool/index.ts';
import { checkConfigLines, idleOffers } from '../workflow/index.ts';
import { timeRuns } from './bench.scenarios.ts';

export interface PoolMeasured {
  scenario: string;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  /** Milliseconds at p95 (the evaluation: its single run). */
  target: number;
  note?: string;
}

/** Milliseconds at p95, per engine (issue #15): search 50,000 listings, match a line, evaluate every unit for a year. */
export const POOL_TARGETS = {
  postgres: { search: 100, match: 50, evaluate: 5000 },
  pglite: { search: 250, match: 50, evaluate: 5000 },
} as const;

const SEARCH = ['联想', '打印', 'thinkcentre', '保密柜', '会议'];

/**
 * The idle pool at scale, through the services the API calls: `listings` listings seeded from the
 * generated cards, then the catalogue's first page (no filter, a text fragment, a category with its
 * subcategories), the 先调剂后购置 match of one configuration line, and the evaluation of every unit
 * for the current year (its figures read over every card).
 */
export async function poolScenarios(
  database: Database,
  office: Actor,
  targets: { search: number; match: number; evaluate: number },
  runs: number,
  listings: number,
  log: (m: string) => void,
): Promise<PoolMeasured[]> {
  const db = database.db;
  log(`Pool: listing ${listings.toLocaleString('en')} cards…`);
  const seeded = await seedBenchListings(db, listings);
  const [{ n }] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM pool_listings WHERE status = 'listed'`);
  const cats = await query<{ id: string }>(
    db,
    sql`SELECT category_id AS id FROM pool_listings GROUP BY category_id ORDER BY count(*) DESC LIMIT 5`,
  );
  const parents = await query<{ id: string }>(
    db,
    sql`SELECT p.id FROM categories p WHERE EXISTS (SELECT 1 FROM categories k WHERE k.parent_id = p.id AND k.id IN (SELECT category_id FROM pool_listings)) LIMIT 5`,
  );
  const page = { page: 1, pageSize: 20, order: 'desc' as const };
  const out: PoolMeasured[] = [];
  const note = `${n.toLocaleString('en')} listings (${seeded.toLocaleString('en')} seeded)`;
  out.push({
    scenario: 'pool catalogue, first page',
    ...(await timeRuns(runs, () => listListings(db, office, { ...page }))),
    target: targets.search,
    note,
  });
  out.push({
    scenario: 'pool search by a text fragment',
    ...(await timeRuns(runs, (i) => listListings(db, office, { ...page, q: SEARCH[i % SEARCH.length] }))),
    target: targets.search,
  });
  const catIds = [...parents, ...cats].map((c) => c.id);
  if (catIds.length)
    out.push({
      scenario: 'pool search by category (with subcategories) and condition',
      ...(await timeRuns(runs, (i) => listListings(db, office, { ...page, categoryId: catIds[i % catIds.length], condition: 'good' }))),
      target: targets.search,
    });
  const [unit] = await query<{ id: string }>(db, sql`SELECT id FROM units WHERE kind = 'unit' ORDER BY code LIMIT 1`);
  if (cats.length)
    out.push({
      scenario: 'check one configuration line: standard, quota and the pool match (先调剂后购置)',
      ...(await timeRuns(runs, (i) =>
        checkConfigLines(db, unit.id, [
          { categoryId: cats[i % cats.length].id, name: '台式计算机', quantity: 1, unitPriceFen: 450_000, reason: '新进人员' },
        ]),
      )),
      target: targets.match,
    });
  if (cats.length)
    out.push({
      scenario: 'the pool match of one configuration line alone (five listings, five idle cards)',
      ...(await timeRuns(runs, (i) => idleOffers(db, unit.id, cats[i % cats.length].id))),
      target: targets.match,
    });
  log('Pool: evaluating every unit for the year…');
  const t0 = process.hrtime.bigint();
  const report = await evaluateYear(db, office, businessYear());
  const ms = Math.round(Number(process.hrtime.bigint() - t0) / 1e5) / 10;
  out.push({
    scenario: `evaluate ${report.items.length} units for ${report.year}`,
    runs: 1,
    p50: ms,
    p95: ms,
    max: ms,
    target: targets.evaluate,
  });
  return out;
}

export function poolMarkdown(rows: PoolMeasured[]): string {
  if (!rows.length) return '';
  const lines = ['| pool scenario | runs | p50 ms | p95 ms | max ms | target p95 ms | |', '|---|---:|---:|---:|---:|---:|---|'];
  for (const r of rows)
    lines.push(
      `| ${r.scenario}${r.note ? ` (${r.note})` : ''} | ${r.runs} | ${r.p50} | ${r.p95} | ${r.max} | ${r.target} | ${r.p95 <= r.target ? 'ok' : 'over'} |`,
    );
  return lines.join('\n');
}
