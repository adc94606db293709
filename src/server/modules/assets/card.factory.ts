import { sql } from 'drizzle-orm';
import type { CardInput } from '../../../shared/assets.contracts.ts';
import type { Role } from '../../../shared/roles.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { TEST_PASSWORD } from '../../testing/test-app.ts';
import { registerCard, type CardRow } from './card.service.ts';

/**
 * Test data for the card library, written with plain inserts so these tests do not depend on
 * other modules' seeders: the committee and two units, a few categories (one per attribute set),
 * departments, staff, rooms and users holding each role that matters here.
 */
export interface CardWorld {
  committee: string;
  u01: string;
  u02: string;
  cat: { equipment: string; computers: string; desktop: string; building: string; vehicle: string; server: string };
  u01Dept: string;
  u01Dept2: string;
  u02Dept: string;
  u01Staff: string;
  u01Staff2: string;
  u02Staff: string;
  compound: string;
  building: string;
  u01Room: string;
  u02Room: string;
  sharedRoom: string;
  users: Record<string, string>;
}

async function one<T = { id: string }>(database: Database, statement: ReturnType<typeof sql>): Promise<T> {
  return (await query<T>(database.db, statement))[0];
}

export async function createCardWorld(database: Database): Promise<CardWorld> {
  const unit = (code: string, name: string, kind = 'unit') =>
    one(database, sql`INSERT INTO units (code, name, kind) VALUES (${code}, ${name}, ${kind}) RETURNING id`);
  const committee = (await unit('10000', '管委会', 'committee')).id;
  const u01 = (await unit('11001', '市发展改革委')).id;
  const u02 = (await unit('11002', '市财政局')).id;

  const cat = async (
    code: string,
    name: string,
    parent: string | null,
    level: number,
    path: string,
    attributeSet = 'none',
    life: number | null = 72,
  ) =>
    (
      await one(
        database,
        sql`INSERT INTO categories (edition, code, name, parent_id, level, path, attribute_set, useful_life_months)
      VALUES ('2010', ${code}, ${name}, ${parent}, ${level}, ${path}, ${attributeSet}, ${life}) RETURNING id`,
      )
    ).id;
  const equipment = await cat('2000000', '通用设备', null, 1, '/2000000/');
  const computers = await cat('2010000', '计算机设备及软件', equipment, 2, '/2000000/2010000/');
  const desktop = await cat('2010104', '台式机', computers, 3, '/2000000/2010000/2010104/');
  const server = await cat('2010107', '服务器', computers, 3, '/2000000/2010000/2010107/', 'it');
  const vehicle = await cat('2030000', '车辆', equipment, 2, '/2000000/2030000/', 'vehicle', 96);
  const building = await cat('1020000', '房屋', null, 1, '/1020000/', 'building', 600);

  const dept = async (u: string, name: string) =>
    (await one(database, sql`INSERT INTO departments (unit_id, name) VALUES (${u}, ${name}) RETURNING id`)).id;
  const u01Dept = await dept(u01, '办公室');
  const u01Dept2 = await dept(u01, '综合处');
  const u02Dept = await dept(u02, '办公室');
  const person = async (u: string, d: string, name: string) =>
    (
      await one(
        database,
        sql`INSERT INTO staff (unit_id, department_id, name, rank) VALUES (${u}, ${d}, ${name}, 'below_bureau') RETURNING id`,
      )
    ).id;
  const u01Staff = await person(u01, u01Dept, '张伟');
  const u01Staff2 = await person(u01, u01Dept2, '李娜');
  const u02Staff = await person(u02, u02Dept, '王芳');

  const compound = (await one(database, sql`INSERT INTO compounds (code, name) VALUES ('C1', '第一集中办公区') RETURNING id`)).id;
  const building_ = (
    await one(database, sql`INSERT INTO buildings (compound_id, code, name) VALUES (${compound}, 'B1', '1号楼') RETURNING id`)
  ).id;
  const floor = (await one(database, sql`INSERT INTO floors (building_id, level, name) VALUES (${building_}, 3, '3层') RETURNING id`)).id;
  const room = async (code: string, u: string | null) =>
    (
      await one(
        database,
        sql`INSERT INTO rooms (floor_id, building_id, compound_id, code, usable_area, unit_id)
    VALUES (${floor}, ${building_}, ${compound}, ${code}, 18, ${u}) RETURNING id`,
      )
    ).id;
  const u01Room = await room('301', u01);
  const u02Room = await room('302', u02);
  const sharedRoom = await room('310', null);

  const hash = await hashPassword(TEST_PASSWORD);
  const users: Record<string, string> = {};
  const user = async (username: string, role: Role, unitId: string | null) => {
    const id = (
      await one(
        database,
        sql`INSERT INTO users (username, display_name, password_hash, unit_id)
      VALUES (${username}, ${username + '（测试）'}, ${hash}, ${unitId}) RETURNING id`,
      )
    ).id;
    await database.db.execute(sql`INSERT INTO role_assignments (user_id, role, unit_id) VALUES (${id}, ${role}, ${unitId})`);
    users[username] = id;
  };
  await user('admin', 'sysadmin', null);
  await user('officer', 'asset_office', null);
  await user('auditor', 'auditor', null);
  await user('u01-admin', 'unit_admin', u01);
  await user('u02-admin', 'unit_admin', u02);
  await user('u01-staff', 'staff', u01);
  await user('vendor', 'vendor', null);

  return {
    committee,
    u01,
    u02,
    cat: { equipment, computers, desktop, building, vehicle, server },
    u01Dept,
    u01Dept2,
    u02Dept,
    u01Staff,
    u01Staff2,
    u02Staff,
    compound,
    building: building_,
    u01Room,
    u02Room,
    sharedRoom,
    users,
  };
}

/** A valid hand-added desktop computer for unit u01, overridable field by field. */
export function desktopInput(w: CardWorld, over: Partial<CardInput> = {}): CardInput {
  return {
    unitId: w.u01,
    name: '台式计算机',
    categoryId: w.cat.desktop,
    spec: 'ThinkCentre M920',
    brand: '联想',
    serialNo: 'SN-0001',
    quantity: 1,
    originalValueFen: 480000,
    accumulatedDepreciationFen: 0,
    acquisitionMethod: 'purchase',
    acquiredOn: '2023-03-01',
    postedOn: '2023-03-05',
    usingDepartmentId: w.u01Dept,
    custodianId: w.u01Staff,
    roomId: w.u01Room,
    ...over,
  };
}

/** Registers a card directly through the service (no HTTP), as the given user. */
export async function addCard(database: Database, w: CardWorld, over: Partial<CardInput> = {}, actor = 'u01-admin'): Promise<CardRow> {
  return withTx(database.db, (tx) => registerCard(tx, { userId: w.users[actor] }, desktopInput(w, over)));
}
