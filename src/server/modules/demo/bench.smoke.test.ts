// The bench's scale scenarios at a small size: they run to the end and measure what they say they measure.
// Figures are printed by `gongwu bench`, never asserted here (timing is the machine's).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/auth/actor.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import { loadReferenceTrees } from '../catalog/index.ts';
import { seedOrg } from '../org/index.ts';
import { bulkScenarios } from './bench.bulk.ts';
import { CARD_PAGE_TARGETS, cardPageScenarios } from './bench.cardpage.ts';
import { BENCH_PASSWORD, createBenchCustodian, createBenchUsers } from './bench.database.ts';
import { POOL_TARGETS, poolScenarios } from './bench.pool.ts';
import { WORKSPACE_TARGETS, workspaceScenarios } from './bench.workspace.ts';
import { generateCards } from './card-generator.ts';

let t: TestApp;
let unit: { id: string; cards: number };
let office: string;
let unitAdmin: string;
let officeActor: Actor;
const log = () => undefined;

beforeAll(async () => {
  const database = await openTestDatabase();
  await seedOrg(database, log, { scale: 'small' });
  await loadReferenceTrees(database.db);
  const units = await query<{ code: string }>(database.db, sql`SELECT code FROM units WHERE kind = 'unit' ORDER BY sort, code LIMIT 1`);
  await generateCards(database.db, { cards: 1_000, unitCodes: units.map((u) => u.code), eventsPerCard: 2, batchSize: 1_000 });
  [unit] = await query<{ id: string; cards: number }>(
    database.db,
    sql`SELECT unit_id AS id, count(*)::int AS cards FROM cards GROUP BY unit_id ORDER BY count(*) DESC, unit_id LIMIT 1`,
  );
  const users = await createBenchUsers(database.db, unit.id);
  await createBenchCustodian(database.db, unit.id);
  officeActor = {
    userId: users.office,
    username: 'bench-office',
    displayName: 'bench-office',
    unitId: null,
    grants: [{ role: 'asset_office', unitId: null }],
    via: 'session',
  };
  t = await createTestApp({ database });
  const signIn = async (username: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
    expect(res.statusCode).toBe(200);
    return res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  };
  office = await signIn('bench-office');
  unitAdmin = await signIn('bench-unit');
}, 180_000);
afterAll(async () => t?.close());

describe('bench scenarios at a small size', () => {
  it('times 200-row card pages for the unit administrator and the officer, five pages each, full pages', async () => {
    const rows = await cardPageScenarios(t.app, { office, unitAdmin }, 5, CARD_PAGE_TARGETS.pglite);
    expect(rows.map((r) => r.scenario)).toHaveLength(3);
    expect(rows.every((r) => r.runs === 5 && r.p50 > 0 && r.p95 >= r.p50 && r.target === 1500)).toBe(true);
  });

  it('times the workspace of the administrator and the officer', async () => {
    const rows = await workspaceScenarios(t.app, { office, unitAdmin, custodian: null }, 5, WORKSPACE_TARGETS.pglite);
    expect(rows).toHaveLength(2);
  });

  it('creates the bulk drafts (退库, 变动, all matching a filter) for exactly the confirmed cards, then cancels them', async () => {
    const rows = await bulkScenarios(t.app, t.database, { id: unit.id, cookie: unitAdmin }, 15, log, 120);
    // 退库 and 变动 of the 120 ticked cards, then 退库 of all matching the value band that holds them (ties may add a few).
    expect(rows).toHaveLength(9);
    expect(rows.slice(0, 6).map((r) => r.cards)).toEqual([120, 120, 120, 120, 120, 120]);
    expect(rows[6].cards).toBe(rows[7].cards);
    expect(rows[6].cards).toBeGreaterThanOrEqual(120);
    const [{ open }] = await query<{ open: number }>(t.database.db, sql`SELECT count(*)::int AS open FROM document_lines WHERE open`);
    expect(open).toBe(0);
  });

  it('lists the asked number of pool listings and times search (with photos too), the line check by spec and the evaluation of every unit', async () => {
    const rows = await poolScenarios(t.database, officeActor, POOL_TARGETS.pglite, 5, 300, log);
    expect(rows[0].note).toBe('300 listings (300 seeded)');
    expect(rows.map((r) => r.scenario.replace(/ \d+ units for \d+$/, ''))).toEqual([
      'pool catalogue, first page',
      'pool search by a text fragment',
      'pool search: 有照片 (with photos), alone and with a text fragment',
      'pool search by category (with subcategories) and condition',
      'check one configuration line: standard, quota and the pool match (先调剂后购置)',
      'the pool match of one configuration line alone (five listings, five idle cards)',
      'check one configuration line naming a spec (内存 ≥ 8 GB …): standard, quota and the pool match by 规格参数',
      'the pool match of one configuration line by 规格参数 alone',
      'evaluate',
    ]);
  });
});
