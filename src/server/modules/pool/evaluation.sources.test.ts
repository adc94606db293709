import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../platform/clock.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { cityDeskCapFromToday, standardsWorld } from '../../testing/standards.world.ts';
import { addCard, createWorkflowWorld, type WorkflowWorld } from '../../testing/world.ts';
import { cardOverCoverSql, cardOverStandardSql } from '../standards/index.ts';
import { unitFigures } from './evaluation.sources.ts';

/**
 * The evaluation's over-standard count (docs/domain.md §5, §11) is read set-based, the covering standard
 * chosen once per category; it must give the same verdict as the per-card rule on every card. The
 * shipped central standards (migrations/post/180): desk ¥3,000, ¥4,500 for a bureau head; conference
 * table per m² of its room (≤ 50 m² ¥1,600, 50–100 m² ¥1,200); A4 mono printer ¥1,200, A4 colour ¥2,000,
 * A3 colour ¥15,000; desktop ¥5,000. The price compared is the unit price (value ÷ quantity).
 *
 * 市发展改革委 (u01), in use:
 *   desk ¥4,500, the bureau head's                    at his cap → not over
 *   desk ¥4,500, a staff member below bureau level    over ¥3,000 → over
 *   desk ¥3,000, nobody named (the general cap)       at the cap → not over
 *   two desks ¥9,000, the bureau head's: ¥4,500 each  → not over
 *   two desks ¥7,000, below bureau level: ¥3,500 each → over
 *   conference table ¥96,000 in the 80 m² room        80 × ¥1,200 = ¥96,000 → not over
 *   conference table ¥80,000.01 in the 50 m² room     50 × ¥1,600 = ¥80,000 → over
 *   conference table ¥200,000 in no room              no room, no verdict → not over
 *   A4 colour printer ¥1,500                          under ¥2,000 (the mono cap ¥1,200 does not apply) → not over
 *   A4 printer ¥1,200.01                              over ¥1,200 → over
 *   A3 colour printer ¥16,000                         over ¥15,000 → over
 *   desktop ¥5,000 (the world's category)             at the cap → not over
 *   → 5 over standard of 12 held.
 * 市财政局 (u02): a desk ¥4,000 for 王芳 (below bureau level) → 1 over of 1.
 * Then the city raises the desk cap below bureau level to ¥4,000 from today: u01 has 4 (the ¥4,500
 * desk stays over, the ¥3,500 pair no longer is), u02 has 0 (at the new cap).
 */
describe('the evaluation’s over-standard count, set-based, equals the rule card by card', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let officer: Client;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    officer = await t.as('officer');
    const { desk, table, printer, head, m50, m80 } = await standardsWorld(t.database, w);
    const cards = [
      { ...desk, originalValueFen: 450_000, custodianId: head },
      { ...desk, originalValueFen: 450_000 },
      { ...desk, originalValueFen: 300_000, custodianId: null },
      { ...desk, originalValueFen: 900_000, quantity: 2, custodianId: head },
      { ...desk, originalValueFen: 700_000, quantity: 2 },
      { ...table, originalValueFen: 9_600_000, roomId: m80 },
      { ...table, originalValueFen: 8_000_001, roomId: m50 },
      { ...table, originalValueFen: 20_000_000, roomId: null },
      { ...printer, originalValueFen: 150_000, attributes: { colour: true } },
      { ...printer, originalValueFen: 120_001 },
      { ...printer, originalValueFen: 1_600_000, attributes: { paperSize: 'A3', colour: true } },
      { originalValueFen: 500_000 },
    ];
    for (const c of cards) await addCard(t.database, w, c);
    await addCard(t.database, w, {
      ...desk,
      unitId: w.u02,
      originalValueFen: 400_000,
      usingDepartmentId: w.u02Dept,
      custodianId: w.u02Staff,
      roomId: w.u02Room,
    });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const overByUnit = async () => {
    const today = businessToday();
    const figures = await unitFigures(t.database.db, `${today.slice(0, 4)}-01-01`, today);
    const of = (unitId: string) => figures.find((f) => f.unitId === unitId)!;
    return { u01: [of(w.u01).overStandard, of(w.u01).held], u02: [of(w.u02).overStandard, of(w.u02).held] };
  };

  /** The cards where the set-based verdict and the per-card rule differ (none expected). */
  const disagreements = async () => {
    const today = businessToday();
    const cover = cardOverCoverSql(today);
    return query<{ id: string; rule: boolean; cover: boolean }>(
      t.database.db,
      sql`SELECT c.id, ${cardOverStandardSql(today)} AS rule, ${cover.over} AS cover
        FROM cards c LEFT JOIN categories k ON k.id = c.category_id ${cover.join}
        WHERE ${cardOverStandardSql(today)} IS DISTINCT FROM ${cover.over}`,
    );
  };

  it('counts by rank, unit price, room area and printer kind, as worked out by hand and as the rule decides each card', async () => {
    expect(await overByUnit()).toEqual({ u01: [5, 12], u02: [1, 1] });
    expect(await disagreements()).toEqual([]);
  });

  it('follows the city’s own cap from its effective day', async () => {
    await cityDeskCapFromToday(officer);
    expect(await overByUnit()).toEqual({ u01: [4, 12], u02: [0, 1] });
    expect(await disagreements()).toEqual([]);
  });
});
