// `gongwu machinerooms bench`: the scale figures on a fresh database — one machine room of
// N racks × 48 U, each rack with 2U devices (asset cards) from the bottom and a reservation above
// them, its elevation (every rack with its slots, free U and power) timed; then M work orders under
// one contract and the list of breached ones timed; then P information points imported as a
// register (panel port patched to a switch port, every tenth through a cross-connect and a trunk
// cable) and a point's trace timed; and the monthly scorecard over the M work orders.
import crypto from 'node:crypto';
import os from 'node:os';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query } from '../../platform/db/engine.ts';
import { type CliContext, loadModules } from '../../platform/module.ts';
import { generateCards, openFreshBenchDatabase, timeRuns } from '../demo/index.ts';
import { DEMO_SLA } from './machinerooms.seed.ts';
import { monthFromIndex, monthIndex } from '../../../shared/dates.ts';
import { monthBounds } from './om.month.ts';
import { getMachineRoom } from './room.queries.ts';
import { getScorecard } from './scorecard.queries.ts';
import { computeScorecard } from './scorecard.service.ts';
import { listWorkOrders } from './workorder.queries.ts';
import { businessMonth } from '../../platform/clock.ts';
import { importRegister } from './point.excel.ts';
import { tracePoint } from './point.queries.ts';
import { linkPorts } from './point.service.ts';

interface Options {
  racks: string;
  devices: string;
  workOrders: string;
  points: string;
  runs: string;
  engineUrl?: string;
}

export function machineRoomsBenchCli(program: Command, ctx: CliContext) {
  const cmd =
    program.commands.find((c) => c.name() === 'machinerooms') ?? program.command('machinerooms').description('机房委托运维 machine rooms');
  cmd
    .command('bench')
    .description(
      "time a room's elevation at N racks × 48 U, a point's trace among P, the breached work orders and the monthly scorecard among M",
    )
    .option('--racks <n>', 'racks in the room', '200')
    .option('--devices <n>', '2U devices per rack', '16')
    .option('--work-orders <n>', 'work orders under the contract', '10000')
    .option('--points <n>', 'information points in the room', '3800')
    .option('--runs <n>', 'timed calls per scenario', '20')
    .option('--engine-url <url>', 'PostgreSQL server (drops and creates gongwu_bench_rooms); default: PGlite in a temporary folder')
    .action(async (o: Options) => {
      const url = o.engineUrl ?? process.env.DATABASE_URL ?? undefined;
      const { database, where, cleanup } = await openFreshBenchDatabase(url, ctx.log, { reuse: false, name: 'gongwu_bench_rooms' });
      const db = database.db;
      try {
        for (const mod of await loadModules())
          if (mod.name === 'org' || mod.name === 'catalog') await mod.seedDemo?.(database, ctx.log, { scale: 'small' });
        const racks = Number(o.racks);
        const perRack = Math.min(20, Number(o.devices));
        const orders = Number(o.workOrders);
        ctx.log(`Machine-room benchmark on ${where}, ${os.cpus().length} cores: ${racks} racks × 48 U, ${perRack} devices each`);
        const t0 = Date.now();
        await generateCards(db, { cards: racks * perRack, eventsPerCard: 1.5, log: () => {} });
        const [room] = await query<{ id: string }>(
          db,
          sql`insert into machine_rooms (code, name, area_m2, grade) values ('B01', '基准机房', 2100, 'A') returning id::text`,
        );
        await db.execute(sql`insert into rack_rows (machine_room_id, code, name)
          select ${room.id}::uuid, 'R' || lpad(g::text, 2, '0'), g || ' 列' from generate_series(1, ${Math.ceil(racks / 20)}) g`);
        await db.execute(sql`insert into racks (machine_room_id, row_id, code, name, height_u, power_budget_w, position)
          select ${room.id}::uuid, (select id from rack_rows where code = 'R' || lpad((1 + (g - 1) / 20)::text, 2, '0')),
            'K' || lpad(g::text, 4, '0'), g || ' 号柜', 48, 8000, g from generate_series(1, ${racks}) g`);
        // Device k of rack r takes U 2k−1…2k; a 4U reservation sits above the devices.
        await db.execute(sql`insert into rack_slots (rack_id, kind, u_low, u_high, side, card_id, power_w)
          select r.id, 'device', 2 * c.k - 1, 2 * c.k, 'both', c.id, 350
          from (select id, row_number() over (order by position) as n from racks) r
          join (select id, (row_number() over (order by card_no) - 1) as i, ((row_number() over (order by card_no) - 1) % ${perRack}) + 1 as k from cards) c
            on c.i / ${perRack} = r.n - 1`);
        await db.execute(sql`insert into rack_slots (rack_id, kind, u_low, u_high, side, reason)
          select id, 'reservation', ${2 * perRack + 1}, ${2 * perRack + 4}, 'both', '扩容预留' from racks`);
        const [v] = await query<{ id: string }>(db, sql`insert into om_vendors (name) values ('基准运维公司') returning id::text`);
        const [c] = await query<{ id: string }>(
          db,
          sql`insert into om_contracts (contract_no, name, vendor_id, starts_on, ends_on, amount_fen, sla)
              values ('B-1', '基准合同', ${v.id}::uuid, '2020-01-01', '2030-12-31', 100000000, ${JSON.stringify(DEMO_SLA)}::jsonb) returning id::text`,
        );
        await db.execute(sql`insert into om_contract_rooms (contract_id, machine_room_id) values (${c.id}::uuid, ${room.id}::uuid)`);
        // Work orders over the last year, one every ~50 minutes; one in seven answered late.
        await db.execute(sql`insert into work_orders (order_no, contract_id, unit_id, machine_room_id, rack_id, priority, clock, title, status,
            reported_by, reporter_name, reported_at, accepted_at, arrived_at, resolved_at, confirmed_at, response_due, onsite_due, resolve_due)
          select 'GB' || lpad(g::text, 7, '0'), ${c.id}::uuid, (select id from units where kind = 'unit' order by code limit 1), ${room.id}::uuid,
            (select id from racks where position = 1 + g % ${racks}), 'p2', '24x7', '基准故障', 'confirmed', ${crypto.randomUUID()}::uuid, '基准',
            t, t + case when g % 7 = 0 then interval '45 minutes' else interval '10 minutes' end, t + interval '90 minutes',
            t + interval '5 hours', t + interval '6 hours', t + interval '30 minutes', t + interval '120 minutes', t + interval '480 minutes'
          from generate_series(1, ${orders}) g, lateral (select now() - g * interval '50 minutes' as t) x`);
        for (const t of ['cards', 'racks', 'rack_slots', 'work_orders']) await db.execute(sql.raw(`analyze ${t}`));
        const [n] = await query<{ slots: number; orders: number }>(
          db,
          sql`select (select count(*)::int from rack_slots) as slots, (select count(*)::int from work_orders) as orders`,
        );
        ctx.log(
          `  generated ${n.slots.toLocaleString('en')} slots and ${n.orders.toLocaleString('en')} work orders in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
        const office: Actor = {
          userId: crypto.randomUUID(),
          username: 'bench-office',
          displayName: '基准',
          unitId: null,
          grants: [{ role: 'asset_office', unitId: null }],
          via: 'session',
        };
        const runs = Number(o.runs);
        const elevation = await timeRuns(runs, () => getMachineRoom(db, office, room.id));
        const breached = await timeRuns(runs, () => listWorkOrders(db, office, { page: 1, pageSize: 50, order: 'asc', breached: 'true' }));
        // The monthly scorecard over every generated order: all of them put into one month (the last
        // full month), with its inspections scheduled daily; timed as the committee's computation.
        const month = monthFromIndex(monthIndex(businessMonth()) - 1);
        const b = monthBounds(month);
        await db.execute(sql`update work_orders w set reported_at = ${b.start.toISOString()}::timestamptz + (x.n % 43000) * interval '1 minute',
            accepted_at = ${b.start.toISOString()}::timestamptz + (x.n % 43000) * interval '1 minute' + (w.accepted_at - w.reported_at),
            arrived_at = ${b.start.toISOString()}::timestamptz + (x.n % 43000) * interval '1 minute' + (w.arrived_at - w.reported_at),
            resolved_at = ${b.start.toISOString()}::timestamptz + (x.n % 43000) * interval '1 minute' + (w.resolved_at - w.reported_at),
            response_due = ${b.start.toISOString()}::timestamptz + (x.n % 43000) * interval '1 minute' + (w.response_due - w.reported_at),
            onsite_due = ${b.start.toISOString()}::timestamptz + (x.n % 43000) * interval '1 minute' + (w.onsite_due - w.reported_at),
            resolve_due = ${b.start.toISOString()}::timestamptz + (x.n % 43000) * interval '1 minute' + (w.resolve_due - w.reported_at)
          from (select id, row_number() over (order by order_no) as n from work_orders) x where x.id = w.id`);
        await db.execute(sql`insert into inspections (contract_id, machine_room_id, due_on, due_at, done_at)
          select ${c.id}::uuid, ${room.id}::uuid, d::date, d + interval '9 hours', case when extract(day from d) % 10 = 0 then null else d + interval '8 hours' end
          from generate_series(${b.first}::timestamp, ${b.first}::timestamp + interval '1 month' - interval '1 day', interval '1 day') d
          on conflict do nothing`);
        for (const tbl of ['work_orders', 'inspections']) await db.execute(sql.raw(`analyze ${tbl}`));
        const scorecard = await timeRuns(runs, () => computeScorecard(db, office, c.id, month));
        const card = await computeScorecard(db, office, c.id, month).then(({ id }) => getScorecard(db, office, id));
        const points = await benchPoints(db, office, Number(o.points), racks);
        const trace = await timeRuns(runs, () => tracePoint(db, office, points.ids[Math.floor(Math.random() * points.ids.length)]));
        const sample = await tracePoint(db, office, points.ids[0]);
        const detail = await getMachineRoom(db, office, room.id);
        const out = {
          engine: database.engine,
          racks,
          slots: n.slots,
          workOrders: n.orders,
          roomFreeU: detail.freeU,
          elevation: { ...elevation, targetMs: 200 },
          points: { count: points.ids.length, importMs: points.importMs },
          trace: { ...trace, hops: sample.hops.length, targetMs: 50 },
          scorecard: { ...scorecard, month, score: card.score, lateResponses: card.lines[0].count, targetMs: 1000 },
          breachedWorkOrders: {
            ...breached,
            breached: (await listWorkOrders(db, office, { page: 1, pageSize: 1, order: 'asc', breached: 'true' })).total,
          },
        };
        console.log(JSON.stringify(out, null, 2));
      } finally {
        await database.close();
        await cleanup();
      }
    });
}

/**
 * P points as a register imported through the import (timed): points spread over the racks, 24 to a
 * patch panel, each patched to a port of its rack's access switch, served by the units in turn; then
 * every tenth point re-routed through a cross-connect (its panel → an ODF → trunk cable → the core
 * switch's ODF → the core switch), so traces of 2 and 5 hops are both timed.
 */
async function benchPoints(db: Parameters<typeof importRegister>[0], office: Actor, count: number, racks: number) {
  const units = await query<{ code: string }>(db, sql`select code from units where kind = 'unit' order by code limit 26`);
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
  for (let i = 0; i < count; i++) {
    const rack = `K${String(1 + (Math.floor(i / 48) % racks)).padStart(4, '0')}`;
    const panel = `PP-${String(1 + Math.floor(i / 24)).padStart(3, '0')}`;
    const port = String(1 + (i % 24)).padStart(2, '0');
    const u = units[i % units.length];
    table.push([
      `B-${String(i + 1).padStart(5, '0')}`,
      'B01',
      rack,
      panel,
      port,
      u?.code ?? '',
      '',
      '',
      u ? '在用' : '空闲',
      String(100 + (i % 26)),
      `SW-${String(1 + Math.floor(i / 48)).padStart(3, '0')}`,
      `Gi1/0/${1 + (i % 48)}`,
    ]);
  }
  const t0 = performance.now();
  const report = await importRegister(db, office, table);
  const importMs = Math.round(performance.now() - t0);
  if (report.errors.length) throw new Error(`bench register refused: ${report.errors[0].message}`);
  const rows = await query<{ id: string; room: string; rack: string | null; device: string; port: string; link: string }>(
    db,
    sql`select p.id::text, p.machine_room_id::text as room, np.rack_id::text as rack, np.device, np.port, e.link_id::text as link
        from info_points p join net_ports np on np.id = p.panel_port_id join net_links e on e.port_id = np.id and e.kind = 'patch'
        where p.code like 'B-%' order by p.code`,
  );
  for (const [k, r] of rows.entries()) {
    if (k % 10) continue;
    await db.execute(sql`delete from net_links where link_id = ${r.link}::uuid`);
    const odf = { rackId: r.rack, kind: 'panel' as const, device: `ODF-${r.device}`, port: r.port };
    const core = { rackId: null, kind: 'panel' as const, device: `ODF-CORE-${r.device}`, port: r.port };
    const room = r.room;
    await linkPorts(db, office, {
      machineRoomId: room,
      kind: 'patch',
      a: { rackId: r.rack, kind: 'panel', device: r.device, port: r.port },
      b: odf,
    });
    await linkPorts(db, office, { machineRoomId: room, kind: 'cable', a: odf, b: core });
    await linkPorts(db, office, {
      machineRoomId: room,
      kind: 'patch',
      a: core,
      b: { rackId: null, kind: 'switch', device: 'SW-CORE', port: `${r.device}/${r.port}` },
    });
  }
  for (const t of ['net_ports', 'net_links', 'info_points']) await db.execute(sql.raw(`analyze ${t}`));
  return { ids: rows.map((r) => r.id), importMs };
}
