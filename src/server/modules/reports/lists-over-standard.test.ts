import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../platform/clock.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addU02EdgeCards, cityDeskCapFromToday, standardsWorld, u01EdgeCards } from '../../testing/standards.world.ts';
import { addCard, createWorkflowWorld, type WorkflowWorld } from '../../testing/world.ts';
import { cardOverStandardSql } from '../standards/index.ts';

/**
 * The over-standard list (明细报表「超标」) is read set-based (the covering standard joined once per category
 * and attributes); its rows must be exactly the cards the per-card rule finds over, with the standards in
 * force at the period's end. The shipped central standards (migrations/post/180): desk ¥3,000, ¥4,500 for a
 * bureau head; conference table per m² of its room (≤ 50 m² ¥1,600, 50–100 m² ¥1,200); A4 mono printer
 * ¥1,200, A4 colour ¥2,000, A3 colour ¥15,000; desktop ¥5,000; copier ¥35,000. The price is the unit price.
 *
 * 市发展改革委 (u01), cards posted 2023-03-05:
 *   headDesk    desk ¥4,500 for the bureau head             at his cap → not over
 *   staffDesk   desk ¥4,500 below the bureau level           over ¥3,000 → over
 *   deskPair    two desks ¥7,000 (¥3,500 each)               over → over
 *   table50     conference table ¥80,000.01, 50 m² room      over 50 × ¥1,600 → over
 *   table80     conference table ¥96,000, 80 m² room         at 80 × ¥1,200 → not over
 *   tableNoRoom conference table ¥200,000, no room           no room, no verdict → not over
 *   printerA4   A4 printer ¥1,200.01                         over → over
 *   printerCol  A4 colour printer ¥1,500                     under ¥2,000 → not over
 *   printerA3   A3 colour printer ¥16,000, idle              over ¥15,000 → over
 *   copier      copier ¥35,000.01                            over ¥35,000 → over
 *   desktop     desktop ¥4,800                               under → not over
 *   disposed    desktop ¥6,000, disposed 2024-06-30          off the books → not listed
 * 市财政局 (u02): desk ¥4,000 for 王芳 (below bureau level) → over; desktop ¥6,000 → over.
 * → 8 rows. Then the city raises the desk cap below the bureau level to ¥4,000 from today: this month's list
 * loses deskPair and u02's desk (6 rows); last month's, under the central row still, keeps all 8.
 */
describe('the over-standard list', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let officer: Client;
  let u01Finance: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    officer = await t.as('officer');
    u01Finance = await t.as('u01-finance');
    const db = t.database.db;
    const sw = await standardsWorld(t.database, w);
    const edge = u01EdgeCards(sw);
    const u01Cards = {
      ...edge,
      tableNoRoom: { ...edge.table80, originalValueFen: 20_000_000, roomId: null },
      copier: { ...sw.copier, originalValueFen: 3_500_001 },
      disposed: { originalValueFen: 600_000 },
    };
    for (const [k, c] of Object.entries(u01Cards)) ids[k] = (await addCard(t.database, w, c)).id;
    await db.execute(
      sql`UPDATE cards SET status = 'disposed', disposed_on = '2024-06-30', disposal_method = 'scrap' WHERE id = ${ids.disposed}`,
    );
    Object.assign(ids, await addU02EdgeCards(t.database, w, sw));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
  const month = (d: string) => d.slice(0, 7);
  const lastMonth = () => {
    const [y, m] = businessToday().split('-').map(Number);
    return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  };
  const lastDay = (ym: string) => {
    const [y, m] = ym.split('-').map(Number);
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  };

  /** The list's rows (card names, sorted) and its totals, for one month. */
  const list = async (c: Client, ym: string) => {
    const res = await c.get(`/api/reports/lists/over_standard?from=${ym}&to=${ym}&pageSize=1000`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { items: { cardId: string }[]; total: number; totals: { originalValueFen: number } };
    return { rows: body.items.map((r) => name(r.cardId)).sort(), total: body.total, valueFen: body.totals.originalValueFen };
  };
  /** The per-card rule's verdicts on the cards on the books at the month's end, with the standards of that day. */
  const rule = async (ym: string) => {
    const end = lastDay(ym);
    const day = end < businessToday() ? end : businessToday();
    const rows = await query<{ id: string }>(
      t.database.db,
      sql`SELECT c.id FROM cards c JOIN categories k ON k.id = c.category_id
        WHERE c.posted_on IS NOT NULL AND c.posted_on <= ${end}::date AND (c.disposed_on IS NULL OR c.disposed_on > ${end}::date)
          AND ${cardOverStandardSql(day)}`,
    );
    return rows.map((r) => name(r.id)).sort();
  };

  const all = ['copier', 'deskPair', 'printerA3', 'printerA4', 'staffDesk', 'table50', 'u02Desk', 'u02Desktop'];

  it('lists exactly the cards the per-card rule finds over, with their totals, within the reader’s scope', async () => {
    const now = month(businessToday());
    expect(await rule(now)).toEqual(all);
    // ¥35,000.01 + ¥7,000 + ¥16,000 + ¥1,200.01 + ¥4,500 + ¥80,000.01 + ¥4,000 + ¥6,000 = ¥153,700.03
    expect(await list(officer, now)).toEqual({ rows: all, total: 8, valueFen: 15_370_003 });
    expect(await list(u01Finance, now)).toEqual({
      rows: ['copier', 'deskPair', 'printerA3', 'printerA4', 'staffDesk', 'table50'],
      total: 6,
      valueFen: 14_370_003,
    });
  });

  it('applies the standards in force at the period’s end: the city’s desk cap from today, the central one before', async () => {
    await cityDeskCapFromToday(officer);
    const now = month(businessToday());
    const after = ['copier', 'printerA3', 'printerA4', 'staffDesk', 'table50', 'u02Desktop'];
    expect(await rule(now)).toEqual(after);
    expect((await list(officer, now)).rows).toEqual(after);
    expect(await rule(lastMonth())).toEqual(all);
    expect((await list(officer, lastMonth())).rows).toEqual(all);
  });

  it('follows a change to the custodian, the room’s area and the attributes, as the rule does', async () => {
    const db = t.database.db;
    const now = month(businessToday());
    const same = async () => {
      const rows = (await list(officer, now)).rows;
      expect(rows).toEqual(await rule(now));
      return rows;
    };
    await db.execute(sql`UPDATE rooms SET usable_area = 40 WHERE id = (SELECT room_id FROM cards WHERE id = ${ids.table80})`);
    expect(await same()).toContain('table80');
    await db.execute(sql`UPDATE cards SET attributes = attributes || '{"colour": true}'::jsonb WHERE id = ${ids.printerA4}`);
    expect(await same()).not.toContain('printerA4');
    await db.execute(
      sql`UPDATE cards SET custodian_id = (SELECT custodian_id FROM cards WHERE id = ${ids.headDesk}) WHERE id = ${ids.staffDesk}`,
    );
    expect(await same()).toEqual(['copier', 'printerA3', 'table50', 'table80', 'u02Desktop']);
  });
});
