// Demo machine rooms: two rooms (grade A and B) with a row of racks each, a few unit cards placed as
// devices, a reservation, two vendors each with a sign-in account (the demo password) and a contract
// over one room, a custody agreement of unit 01 in force, and a work order per room.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { grantsOf } from '../../platform/auth/session.service.ts';
import { createUser } from '../../platform/auth/user.service.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, queryOne, type Database } from '../../platform/db/engine.ts';
import { DEFAULT_PAYMENT_RULE, DEFAULT_SCORECARD_RULES, type SlaTable } from '../../../shared/machinerooms.contracts.ts';
import { createContract, createVendor, linkVendorAccount } from './contract.service.ts';
import { decideCustody, submitCustody } from './custody.service.ts';
import { importRegister } from './point.excel.ts';
import { createMachineRoom, createRack, createRow, placeSlot } from './room.service.ts';
import { computeScorecard } from './scorecard.service.ts';
import { reportWorkOrder } from './workorder.service.ts';

async function actorOf(database: Database, username: string): Promise<Actor | undefined> {
  const u = await queryOne<{ id: string; display_name: string; unit_id: string | null }>(
    database.db,
    sql`select id::text, display_name, unit_id::text from users where username = ${username}`,
  );
  if (!u) return undefined;
  return {
    userId: u.id,
    username,
    displayName: u.display_name,
    unitId: u.unit_id,
    grants: await grantsOf(database.db, u.id),
    via: 'session',
  };
}

/** The SLA of the demo contracts: P1 and P2 around the clock, P3 and P4 in business hours. */
export const DEMO_SLA: SlaTable = {
  p1: { responseMinutes: 15, onsiteMinutes: 60, resolveMinutes: 240, clock: '24x7' },
  p2: { responseMinutes: 30, onsiteMinutes: 120, resolveMinutes: 480, clock: '24x7' },
  p3: { responseMinutes: 60, onsiteMinutes: 240, resolveMinutes: 960, clock: 'business' },
  p4: { responseMinutes: 240, onsiteMinutes: 960, resolveMinutes: 2880, clock: 'business' },
};

export async function seedMachineRooms(database: Database, log: (msg: string) => void): Promise<void> {
  const db = database.db;
  const officer = await actorOf(database, 'officer');
  if (!officer) return;
  const year = businessToday().slice(0, 4);
  const rooms: { id: string; racks: string[] }[] = [];
  for (const [code, name, area, grade] of [
    ['MR01', '第一数据中心机房', 1200, 'A'],
    ['MR02', '第二数据中心机房', 900, 'B'],
  ] as const) {
    const room = await createMachineRoom(db, officer, { code, name, areaM2: area, grade, placeId: null, note: null });
    const row = await createRow(db, officer, room.id, { code: 'A', name: 'A 列' });
    const racks: string[] = [];
    for (let i = 1; i <= 4; i++)
      racks.push(
        (
          await createRack(db, officer, room.id, {
            rowId: row.id,
            code: `A${String(i).padStart(2, '0')}`,
            name: `A 列 ${i} 号柜`,
            heightU: 42,
            powerBudgetW: 6000,
            position: i,
          })
        ).id,
      );
    rooms.push({ id: room.id, racks });
  }
  // Devices: a few cards of units 01 and 02 (IT equipment first), 2U each from the bottom of the first racks.
  const placed: Record<string, string[]> = {};
  // And one card of each unit not placed in a rack, listed by name in the room's contract (its scope's cards).
  const listed: Record<string, string | undefined> = {};
  for (const [i, n] of (['01', '02'] as const).entries()) {
    const cards = await query<{ id: string }>(
      db,
      sql`select c.id::text from cards c left join categories k on k.id = c.category_id
          where c.unit_id = (select unit_id from users where username = ${`u${n}-admin`}) and c.status in ('in_use', 'idle')
          order by (k.code like '2010%') desc, c.card_no limit 4`,
    );
    placed[n] = cards.slice(0, 3).map((c) => c.id);
    listed[n] = cards[3]?.id;
    for (const [j, c] of cards.slice(0, 3).entries())
      await placeSlot(db, officer, rooms[i].racks[0], {
        kind: 'device',
        uLow: 1 + j * 3,
        uHigh: 2 + j * 3,
        side: 'both',
        cardId: c.id,
        powerW: 450,
      });
    await placeSlot(db, officer, rooms[i].racks[1], {
      kind: 'reservation',
      uLow: 20,
      uHigh: 29,
      side: 'both',
      reason: '新建政务云扩容预留',
      powerW: 0,
    });
  }
  // Vendors, their accounts (the demo password: the officer's hash, so no change is asked at first sign-in), contracts over one room each.
  const hash = await queryOne<{ h: string }>(db, sql`select password_hash as h from users where username = 'officer'`);
  for (const [k, [username, vendorName]] of (
    [
      ['vendor', '北京某信息技术服务有限公司'],
      ['vendor2', '北京某网络工程有限公司'],
    ] as const
  ).entries()) {
    const exists = await queryOne(db, sql`select 1 from users where username = ${username}`);
    if (!exists)
      await createUser(
        db,
        {
          username,
          displayName: `${vendorName}值班工程师`,
          unitId: null,
          staffId: null,
          roles: [{ role: 'vendor', unitId: null }],
          password: 'demo',
        },
        { userId: officer.userId, username: officer.username },
        { passwordHash: hash!.h },
      );
    const v = await createVendor(db, officer, { name: vendorName, contact: '值班工程师', phone: `010-6000000${k + 1}` });
    await linkVendorAccount(db, officer, v.id, username);
    const contract = await createContract(db, officer, {
      contractNo: `YW-${year}-00${k + 1}`,
      name: `${year} 年度${k === 0 ? '第一' : '第二'}数据中心机房运维服务`,
      vendorId: v.id,
      startsOn: `${year}-01-01`,
      endsOn: `${year}-12-31`,
      amountFen: k === 0 ? 186_000_000 : 124_000_000,
      cards: listed[k === 0 ? '01' : '02'] ? [{ cardId: listed[k === 0 ? '01' : '02']! }] : [],
      machineRoomIds: [rooms[k].id],
      sla: DEMO_SLA,
      businessFrom: '09:00',
      businessTo: '18:00',
      inspectionSchedule: k === 0 ? { frequency: 'daily', dueBy: '17:00' } : { frequency: 'workdays', dueBy: '16:00' },
      scorecardRules: DEFAULT_SCORECARD_RULES,
      paymentRule: DEFAULT_PAYMENT_RULE,
      availabilityTargetBp: k === 0 ? 9999 : 9990,
    });
    // This month's scorecard so far (a draft the committee recomputes until the month is over).
    await computeScorecard(db, officer, contract.id, businessToday().slice(0, 7));
  }
  // Unit 01 entrusts its placed cards to the committee; the committee signs.
  const u01admin = await actorOf(database, 'u01-admin');
  if (u01admin && placed['01']?.length) {
    const a = await submitCustody(db, u01admin, {
      title: '第一数据中心机房设备委托管理',
      startsOn: `${year}-01-01`,
      cardIds: placed['01'],
    });
    await decideCustody(db, officer, a.id, true, '已逐项核对登记册');
  }
  for (const [n, title] of [
    ['01', '服务器电源告警'],
    ['02', '交换机端口故障'],
  ] as const) {
    const staff = await actorOf(database, `u${n}-staff`);
    if (staff && placed[n]?.length) await reportWorkOrder(db, staff, { cardId: placed[n][0], priority: 'p3', title });
  }
  const points = await seedPoints(db, officer);
  log(
    `  machinerooms: ${points} information points; 2 rooms, 8 racks, ${placed['01'].length + placed['02'].length} devices, 2 vendors and contracts`,
  );
}

/**
 * Each room's register of information points: 24 per room on two patch panels of its first rack,
 * patched to an access switch in its second; units 01 and 02 are served by the first 8 each (from
 * an office of theirs), the rest are spare.
 */
async function seedPoints(db: Database['db'], officer: Actor): Promise<number> {
  const units = await query<{ code: string; room: string | null }>(
    db,
    sql`select u.code, (select r.code from rooms r where r.unit_id = u.id order by r.code limit 1) as room
        from units u where u.id in (select unit_id from users where username in ('u01-admin', 'u02-admin')) order by u.code`,
  );
  const table: string[][] = [
    [
      '信息点编号',
      '机房编号',
      '机柜编号',
      '配线架',
      '配线架端口',
      '服务单位编码',
      '办公室编号',
      '办公室端口',
      '状态',
      'VLAN',
      '交换机',
      '交换机端口',
    ],
  ];
  for (const room of ['MR01', 'MR02'])
    for (let i = 1; i <= 24; i++) {
      const port = String(((i - 1) % 12) + 1).padStart(2, '0');
      const u = i <= 8 ? units[0] : i <= 16 ? units[1] : undefined;
      const served = u?.room
        ? [u.code, u.room, `${u.room}-${String(i).padStart(2, '0')}`, '在用', String(100 + Math.ceil(i / 8))]
        : ['', '', '', '空闲', ''];
      table.push([
        `${room}-D${String(i).padStart(4, '0')}`,
        room,
        'A01',
        `PP-A01-${i <= 12 ? 1 : 2}`,
        port,
        ...served,
        'SW-A02-1',
        `Gi1/0/${i}`,
      ]);
    }
  const report = await importRegister(db, officer, table);
  return report.created + report.updated;
}
