import { sql } from 'drizzle-orm';
import { businessToday } from '../platform/clock.ts';
import { type Database, queryOne } from '../platform/db/engine.ts';
import type { Client } from './test-app.ts';
import { addCard, u01Room, type WorkflowWorld, world } from './world.ts';

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

export type StandardsWorld = Awaited<ReturnType<typeof standardsWorld>>;

/**
 * u01's cards at the edges of the shipped central standards, by name, as card inputs (the over-standard
 * tests give each one's verdict): desks for the bureau head and below, conference tables in the 50 and
 * 80 m² rooms, A4 mono, A4 colour and idle A3 colour printers, and a desktop (u01's default category).
 */
export function u01EdgeCards({ desk, table, printer, head, m50, m80 }: StandardsWorld) {
  return {
    headDesk: { ...desk, originalValueFen: 450_000, custodianId: head },
    staffDesk: { ...desk, originalValueFen: 450_000 },
    deskPair: { ...desk, originalValueFen: 700_000, quantity: 2 },
    table50: { ...table, originalValueFen: 8_000_001, roomId: m50 },
    table80: { ...table, originalValueFen: 9_600_000, roomId: m80 },
    printerA4: { ...printer, originalValueFen: 120_001 },
    printerCol: { ...printer, originalValueFen: 150_000, attributes: { colour: true } },
    printerA3: {
      ...printer,
      originalValueFen: 1_600_000,
      attributes: { paperSize: 'A3', colour: true },
      status: 'idle' as const,
      useMode: 'idle' as const,
      custodianId: null,
      usingDepartmentId: null,
    },
    desktop: { originalValueFen: 480_000 },
  };
}

/** u02's two, registered by its administrator: a desk ¥4,000 for 王芳 (below bureau level) and a desktop ¥6,000. */
export async function addU02EdgeCards(database: Database, w: WorkflowWorld, { desk }: StandardsWorld) {
  const u02 = { unitId: w.u02, usingDepartmentId: w.u02Dept, custodianId: w.u02Staff, roomId: w.u02Room };
  return {
    u02Desk: (await addCard(database, w, { ...desk, ...u02, originalValueFen: 400_000 }, 'u02-admin')).id,
    u02Desktop: (await addCard(database, w, { ...u02, originalValueFen: 600_000 }, 'u02-admin')).id,
  };
}

/** The city sets its own desk cap from today: ¥4,500 for bureau level and above, ¥4,000 below (was ¥3,000). */
export async function cityDeskCapFromToday(officer: Client): Promise<void> {
  const caps = { municipal_head: 450_000, municipal_deputy: 450_000, bureau_head: 450_000, bureau_deputy: 450_000, below_bureau: 400_000 };
  const res = await officer.put('/api/standards/desk', { rankCaps: caps, effectiveFrom: businessToday() });
  if (res.statusCode !== 200) throw new Error(`the city's desk cap was refused: ${res.statusCode} ${res.body}`);
}
