import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../platform/clock.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addU02EdgeCards, cityDeskCapFromToday, standardsWorld, u01EdgeCards } from '../../testing/standards.world.ts';
import { addCard, createWorkflowWorld, type WorkflowWorld } from '../../testing/world.ts';
import { cardOverStandardSql } from '../standards/index.ts';

/**
 * The home page's over-standard count per unit is counted set-based (the covering standard chosen once
 * per category and attributes); it must be the figure the per-card rule gives and the one the utilisation
 * evaluation shows. The shipped central standards (migrations/post/180): desk ¥3,000, ¥4,500 for a bureau
 * head; conference table per m² of its room (≤ 50 m² ¥1,600, 50–100 m² ¥1,200); A4 mono printer ¥1,200,
 * A4 colour ¥2,000, A3 colour ¥15,000; desktop ¥5,000. The price compared is the unit price.
 *
 * 市发展改革委 (u01), on the books:
 *   desk ¥4,500, the bureau head's                    at his cap → not over
 *   desk ¥4,500, a staff member below bureau level    over ¥3,000 → over
 *   two desks ¥7,000, below bureau level: ¥3,500 each → over
 *   conference table ¥80,000.01 in the 50 m² room     50 × ¥1,600 = ¥80,000 → over
 *   conference table ¥96,000 in the 80 m² room        80 × ¥1,200 = ¥96,000 → not over
 *   A4 printer ¥1,200.01                              over ¥1,200 → over
 *   A4 colour printer ¥1,500                          under ¥2,000 → not over
 *   A3 colour printer ¥16,000, idle                   over ¥15,000 → over
 *   desktop ¥4,800                                    under ¥5,000 → not over
 *   → 5 over standard of 9.
 * 市财政局 (u02): a desk ¥4,000 for 王芳 (below bureau level) and a desktop ¥6,000 → 2 over of 2.
 * Then the city raises the desk cap below bureau level to ¥4,000 from today: u01 has 4, u02 has 1.
 */
describe('the dashboard’s over-standard count', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let officer: Client;
  let u01Finance: Client;
  const ids = { head: '', m80: '', staffDesk: '', table50: '', printerA4: '' };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    officer = await t.as('officer');
    u01Finance = await t.as('u01-finance');
    const sw = await standardsWorld(t.database, w);
    ids.head = sw.head;
    ids.m80 = sw.m80;
    const made: Record<string, string> = {};
    for (const [k, c] of Object.entries(u01EdgeCards(sw))) made[k] = (await addCard(t.database, w, c)).id;
    [ids.staffDesk, ids.table50, ids.printerA4] = [made.staffDesk, made.table50, made.printerA4];
    await addU02EdgeCards(t.database, w, sw);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  interface Dash {
    byUnit: { unitId: string; count: number; overStandardCount: number }[];
  }
  const dashboard = async (c: Client) => {
    const res = await c.get('/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const units = (res.json() as Dash).byUnit;
    return Object.fromEntries(
      units.map((u) => [u.unitId === w.u01 ? 'u01' : u.unitId === w.u02 ? 'u02' : u.unitId, [u.overStandardCount, u.count]]),
    );
  };
  /** The utilisation evaluation's over-standard figure of each unit, this year. */
  const evaluation = async () => {
    const res = await officer.get(`/api/evaluation?year=${businessToday().slice(0, 4)}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = (res.json() as { items: { unitId: string; items: { code: string; value: number | null }[] }[] }).items;
    const of = (unitId: string) => items.find((i) => i.unitId === unitId)!.items.find((x) => x.code === 'over_standard')!.value;
    return { u01: of(w.u01), u02: of(w.u02) };
  };
  /** The per-card rule on the same cards the dashboard counts (on the books, not disposed). */
  const rule = async () => {
    const rows = await query<{ unit_id: string; n: number }>(
      t.database.db,
      sql`SELECT c.unit_id, count(*) FILTER (WHERE ${cardOverStandardSql(businessToday())})::int AS n
        FROM cards c JOIN categories k ON k.id = c.category_id
        WHERE c.posted_on IS NOT NULL AND c.disposed_on IS NULL AND c.status <> 'disposed' GROUP BY c.unit_id`,
    );
    const of = (unitId: string) => rows.find((r) => r.unit_id === unitId)?.n ?? 0;
    return { u01: of(w.u01), u02: of(w.u02) };
  };

  it('is the number of over-standard cards of each unit, the per-card rule’s count and the evaluation’s', async () => {
    expect(await dashboard(officer)).toEqual({ u01: [5, 9], u02: [2, 2] });
    expect(await dashboard(u01Finance)).toEqual({ u01: [5, 9] });
    expect(await rule()).toEqual({ u01: 5, u02: 2 });
    expect(await evaluation()).toEqual({ u01: 5, u02: 2 });
  });

  it('follows the city’s own desk cap from its effective day, as the rule and the evaluation do', async () => {
    await cityDeskCapFromToday(officer);
    // u01: the ¥4,500 desk stays over, the ¥3,500 pair no longer is; u02: the ¥4,000 desk is at the new cap.
    expect(await dashboard(officer)).toEqual({ u01: [4, 9], u02: [1, 2] });
    expect(await dashboard(u01Finance)).toEqual({ u01: [4, 9] });
    expect(await rule()).toEqual({ u01: 4, u02: 1 });
    expect(await evaluation()).toEqual({ u01: 4, u02: 1 });
  });

  it('shows on the next read a change to what the verdict reads: the custodian, the room, its area, the attributes', async () => {
    // After the city's cap: u01 has 4 over (the staff desk ¥4,500, the table in 50 m², the A4 printer, the A3 one).
    const db = t.database.db;
    const step = async (change: ReturnType<typeof sql>, over: number) => {
      await dashboard(u01Finance); // the figures are cached
      await db.execute(change);
      expect(await dashboard(u01Finance)).toEqual({ u01: [over, 9] });
      expect((await rule()).u01).toBe(over);
    };
    expect(await dashboard(u01Finance)).toEqual({ u01: [4, 9] });
    // Handed to the bureau head (cap ¥4,500): no longer over.
    await step(sql`UPDATE cards SET custodian_id = ${ids.head} WHERE id = ${ids.staffDesk}`, 3);
    // The ¥80,000.01 table moved to the 80 m² room (80 × ¥1,200 = ¥96,000): no longer over.
    await step(sql`UPDATE cards SET room_id = ${ids.m80} WHERE id = ${ids.table50}`, 2);
    // That room re-measured at 40 m² (40 × ¥1,600 = ¥64,000): both tables in it are over.
    await step(sql`UPDATE rooms SET usable_area = 40 WHERE id = ${ids.m80}`, 4);
    // The ¥1,200.01 printer recorded as colour (cap ¥2,000): no longer over.
    await step(sql`UPDATE cards SET attributes = attributes || '{"colour": true}'::jsonb WHERE id = ${ids.printerA4}`, 3);
  });
});
