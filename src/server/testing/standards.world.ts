import { sql } from 'drizzle-orm';
import { businessToday } from '../platform/clock.ts';
import { type Database, queryOne } from '../platform/db/engine.ts';
import type { Client } from './test-app.ts';
import { u01Room, type WorkflowWorld, world } from './world.ts';

/**
 * What the standards' tests build on the workflow world: the desk, conference-table, laser-printer and
 * copier categories (GB/T 14885-2022 codes the shipped standards cover), a bureau head in u01 and two of
 * u01's meeting rooms of 50 and 80 m². The categories come as card templates ({ categoryId, name }).
 */
export async function standardsWorld(database: Database, w: WorkflowWorld) {
  const db = database.db;
  const tw = world(database);
  const template = async (code: string, name: string, parentPath: string, lifeMonths: number, cardName = name) => ({
    categoryId: (await tw.category({ code, name, parentPath, lifeMonths })).id,
    name: cardName,
  });
  const furniture = await tw.category({ code: '6000000', name: '家具用具' });
  const tables = await tw.category({ code: '6010200', name: '台、桌类', parentPath: furniture.path });
  const office = await tw.category({ code: '2020000', name: '办公设备' });
  const desk = await template('6010201', '办公桌', tables.path, 180);
  const table = await template('6010202', '会议桌', tables.path, 240);
  const printer = await template('2020402', '激光打印机', office.path, 72, '打印机');
  const copier = await template('2020101', '黑白复印机', office.path, 72, '复印机');
  const head = (await queryOne<{ id: string }>(
    db,
    sql`INSERT INTO staff (unit_id, name, rank) VALUES (${w.u01}, '周局长', 'bureau_head') RETURNING id`,
  ))!.id;
  const m50 = await u01Room(database, w, '320', 50, 'meeting');
  const m80 = await u01Room(database, w, '321', 80, 'meeting');
  return { desk, table, printer, copier, head, m50, m80 };
}

/** The city sets its own desk cap from today: ¥4,500 for bureau level and above, ¥4,000 below (was ¥3,000). */
export async function cityDeskCapFromToday(officer: Client): Promise<void> {
  const caps = { municipal_head: 450_000, municipal_deputy: 450_000, bureau_head: 450_000, bureau_deputy: 450_000, below_bureau: 400_000 };
  const res = await officer.put('/api/standards/desk', { rankCaps: caps, effectiveFrom: businessToday() });
  if (res.statusCode !== 200) throw new Error(`the city's desk cap was refused: ${res.statusCode} ${res.body}`);
}
