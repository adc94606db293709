// The compound: the standing cast of the card, workflow and unit-scope tests — the committee and two
// units (11001 市发展改革委, 11002 市财政局), their departments, staff and rooms, a few categories
// (one per attribute set) and an account for each role that matters, each signed in as
// `<name>（测试）`. Built through org's and the platform's services (createUnit, createDepartment,
// createStaff, saveCompound … saveRoom, createUser); categories are written directly, as in world.ts.
import { sql } from 'drizzle-orm';
import type { CardInput } from '../../shared/assets.contracts.ts';
import type { Role, RoleGrant } from '../../shared/roles.ts';
import { registerCard, type CardRow } from '../modules/assets/index.ts';
import { saveBuilding, saveCompound, saveFloor } from '../modules/org/place.service.ts';
import { saveRoom } from '../modules/org/room.service.ts';
import { createStaff } from '../modules/org/staff.service.ts';
import { createDepartment, createUnit } from '../modules/org/unit.service.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { createUser } from '../platform/auth/user.service.ts';
import { query, queryOne, type Database } from '../platform/db/engine.ts';
import { withTx } from '../platform/db/tx.ts';
import { TEST_PASSWORD } from './test-app.ts';

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
  /** Account ids by username. */
  users: Record<string, string>;
}

/** The compound plus the people the approval chains need, and a laptop category. */
export interface WorkflowWorld extends CardWorld {
  cat: CardWorld['cat'] & { laptop: string };
}

/** The world's own hand: the committee's asset office, for org's services that check the caller's scope. */
const BUILDER: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'test-world',
  displayName: '测试世界',
  unitId: null,
  grants: [{ role: 'asset_office', unitId: null }],
  via: 'session',
};
const SYSTEM = { userId: null, username: 'test-world', ip: null };

let hashed: Promise<string> | undefined;

/** An account `<username>（测试）` holding `grants` (default: one role, in `unitId` for a unit role). */
async function account(database: Database, w: CardWorld, username: string, role: Role, unitId: string | null, more: RoleGrant[] = []) {
  hashed ??= hashPassword(TEST_PASSWORD);
  const { id } = await createUser(
    database.db,
    { username, displayName: `${username}（测试）`, unitId, staffId: null, roles: [{ role, unitId }, ...more], password: TEST_PASSWORD },
    SYSTEM,
    { passwordHash: await hashed },
  );
  w.users[username] = id;
}

/** A category under `parent` (see world.ts: the one reference table written directly). */
async function categoryRow(
  database: Database,
  code: string,
  name: string,
  parent: string | null,
  path: string,
  attributeSet = 'none',
  life: number | null = 72,
): Promise<string> {
  const level = path.split('/').filter(Boolean).length;
  const r = await queryOne<{ id: string }>(
    database.db,
    sql`INSERT INTO categories (edition, code, name, parent_id, level, path, attribute_set, useful_life_months)
      VALUES ('2010', ${code}, ${name}, ${parent}, ${level}, ${path}, ${attributeSet}, ${life}) RETURNING id`,
  );
  return r!.id;
}

export async function createCardWorld(database: Database): Promise<CardWorld> {
  const db = database.db;
  const unit = async (code: string, name: string, kind: 'unit' | 'committee' = 'unit') =>
    (await createUnit(db, { code, name, shortName: undefined, classified: false, sort: 0, active: true } as never, kind)).id;
  const committee = await unit('10000', '管委会', 'committee');
  const u01 = await unit('11001', '市发展改革委');
  const u02 = await unit('11002', '市财政局');

  const equipment = await categoryRow(database, '2000000', '通用设备', null, '/2000000/');
  const computers = await categoryRow(database, '2010000', '计算机设备及软件', equipment, '/2000000/2010000/');
  const desktop = await categoryRow(database, '2010104', '台式机', computers, '/2000000/2010000/2010104/');
  const server = await categoryRow(database, '2010107', '服务器', computers, '/2000000/2010000/2010107/', 'it');
  const vehicle = await categoryRow(database, '2030000', '车辆', equipment, '/2000000/2030000/', 'vehicle', 96);
  const building = await categoryRow(database, '1020000', '房屋', null, '/1020000/', 'building', 600);

  const dept = async (u: string, name: string) => (await createDepartment(db, BUILDER, u, { name, code: undefined, sort: 0 } as never)).id;
  const u01Dept = await dept(u01, '办公室');
  const u01Dept2 = await dept(u01, '综合处');
  const u02Dept = await dept(u02, '办公室');
  const u01Staff = await person(database, u01, u01Dept, '张伟');
  const u01Staff2 = await person(database, u01, u01Dept2, '李娜');
  const u02Staff = await person(database, u02, u02Dept, '王芳');

  const compound = (await saveCompound(db, null, { code: 'C1', name: '第一集中办公区' } as never)).id;
  const building_ = (await saveBuilding(db, null, { compoundId: compound, code: 'B1', name: '1号楼' })).id;
  const floor = (await saveFloor(db, null, { buildingId: building_, level: 3, name: '3层' })).id;
  const room = async (code: string, unitId: string | null) =>
    (await saveRoom(db, null, { floorId: floor, code, name: undefined, type: 'office', usableArea: 18, unitId } as never)).id;
  const u01Room = await room('301', u01);
  const u02Room = await room('302', u02);
  const sharedRoom = await room('310', null);

  const w: CardWorld = {
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
    users: {},
  };
  await account(database, w, 'admin', 'sysadmin', null);
  await account(database, w, 'officer', 'asset_office', null);
  await account(database, w, 'auditor', 'auditor', null);
  await account(database, w, 'u01-admin', 'unit_admin', u01);
  await account(database, w, 'u02-admin', 'unit_admin', u02);
  await account(database, w, 'u01-staff', 'staff', u01);
  await account(database, w, 'vendor', 'vendor', null);
  return w;
}

/** A staff member (rank below bureau, on the establishment) through org's createStaff. */
async function person(database: Database, unitId: string, departmentId: string, name: string, rank = 'below_bureau'): Promise<string> {
  return (await createStaff(database.db, BUILDER, { unitId, departmentId, name, rank, onEstablishment: true } as never)).id;
}

export async function createWorkflowWorld(database: Database): Promise<WorkflowWorld> {
  const w = await createCardWorld(database);
  await account(database, w, 'u01-leader', 'unit_leader', w.u01);
  await account(database, w, 'u01-finance', 'unit_finance', w.u01);
  await account(database, w, 'u02-leader', 'unit_leader', w.u02);
  await account(database, w, 'u02-staff', 'staff', w.u02);
  await account(database, w, 'officer2', 'asset_office', null);
  await account(database, w, 'finance', 'finance_bureau', null);
  // An officer who is also the unit leader of u01: the "one person, one step" rule must stop them.
  await account(database, w, 'dual', 'asset_office', null, [{ role: 'unit_leader', unitId: w.u01 }]);
  // Establishment headcount of u01: 3 (two from the compound are below bureau; one more).
  await person(database, w.u01, w.u01Dept, '赵强', 'bureau_deputy');
  const laptop = await categoryRow(database, '2010105', '便携式计算机', w.cat.computers, '/2000000/2010000/2010105/');
  return { ...w, cat: { ...w.cat, laptop } };
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

/** A card through assets' registerCard (no HTTP), as the given account. */
export async function addCard(database: Database, w: CardWorld, over: Partial<CardInput> = {}, actor = 'u01-admin'): Promise<CardRow> {
  return withTx(database.db, (tx) => registerCard(tx, { userId: w.users[actor] }, desktopInput(w, over)));
}

/** An idle desktop of u01 (or another unit), ready for requisition. */
export function idleCard(database: Database, w: CardWorld, over: Partial<CardInput> = {}): Promise<CardRow> {
  return addCard(database, w, { status: 'idle', useMode: 'idle', custodianId: null, usingDepartmentId: null, ...over });
}

export function inUseCard(database: Database, w: CardWorld, over: Partial<CardInput> = {}): Promise<CardRow> {
  return addCard(database, w, over);
}

/** Another room of unit 01 on the floor of its first room (`w.u01Room`): code, usable area in m², type. */
export async function u01Room(database: Database, w: CardWorld, code: string, area: number, type = 'office'): Promise<string> {
  const [room] = await query<{ id: string }>(
    database.db,
    sql`INSERT INTO rooms (floor_id, building_id, compound_id, code, usable_area, unit_id, type)
      SELECT floor_id, ${w.building}, ${w.compound}, ${code}, ${area}, ${w.u01}, ${type} FROM rooms WHERE id = ${w.u01Room}
      RETURNING id::text`,
  );
  return room.id;
}
