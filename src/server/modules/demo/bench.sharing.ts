// The bookings' scale scenarios (issue: 200 resources × a week's grid with a year of bookings, a
// booking request, and bursts at one slot where exactly one may win), as `gongwu bench` scenarios
// on the bench database (its demo units book), and for `gongwu sharing bench` on a database of its own.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { businessToday, businessInstantSql } from '../../platform/clock.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { calendar, createBooking, localMidnight } from '../sharing/index.ts';
import { timeRuns } from './bench.scenarios.ts';

/** p95 in milliseconds, per engine. */
export const SHARING_TARGETS = {
  postgres: { grid: 100, booking: 30 },
  pglite: { grid: 250, booking: 30 },
} as const;

export interface SharingMeasured {
  scenario: string;
  p50: number | null;
  p95: number | null;
  max: number | null;
  target: number | null;
  /** This process's CPU milliseconds per call (user + system; on PGlite the engine's too): what load does not inflate. */
  cpu?: number | null;
  note?: string;
}

/** timeRuns with this process's CPU time per call (warm-up calls included in the division). */
async function timeRunsCpu(runs: number, fn: (i: number) => Promise<unknown>) {
  const before = process.cpuUsage();
  const out = await timeRuns(runs, fn);
  const used = process.cpuUsage(before);
  return { ...out, cpu: Math.round(((used.user + used.system) / 1000 / (runs + 3)) * 10) / 10 };
}

const DAY = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

export interface SharingBenchOptions {
  resources: number;
  days: number;
  runs: number;
  bursts: number;
  targets: { grid: number; booking: number };
}

/**
 * Generates `resources` rooms open 08:00–18:00 on weekdays with four 90-minute meetings a weekday in
 * each over `days` days centred on today, then times the week's grid (a unit's staff, the asset
 * office), a booking request in a free slot, and bursts of 100 simultaneous requests for one slot.
 */
export async function sharingScenarios(database: Database, o: SharingBenchOptions, log: (m: string) => void): Promise<SharingMeasured[]> {
  const db = database.db;
  const units = (await query<{ id: string }>(db, sql`select id::text from units where kind = 'unit' order by code`)).map((u) => u.id);
  const first = addDays(businessToday(), -Math.floor(o.days / 2));
  log(`Sharing: ${o.resources} resources, ${o.days} days of bookings from ${first}…`);
  const t0 = Date.now();
  await db.execute(sql`
    insert into sharing_resources (code, name, kind, capacity, open_from, open_to, open_days, slot_minutes, max_ahead_days)
    select 'BENCH' || lpad(g::text, 4, '0'), '基准会议室' || g, 'room', 10 + g % 40, 480, 1080, array[1,2,3,4,5], 30, 730
    from generate_series(1, ${o.resources}) g`);
  // Four 90-minute meetings a weekday in every room (08:00, 10:00, 13:00, 15:00), the units in turn.
  await db.execute(sql`
    insert into bookings (booking_no, resource_id, unit_id, booked_by, person_name, title, starts_at, ends_at, blocked_until,
      fee_per_hour_fen, status)
    select 'YB' || lpad(nextval('booking_no_seq')::text, 9, '0'), r.id,
      (${uuidArray(units)})[1 + (abs(hashtext(r.id::text || d::text || h::text)) % ${units.length})],
      ${crypto.randomUUID()}::uuid, '基准', '例会', s, s + interval '90 minutes', s + interval '90 minutes', 0,
      case when h = 15 and extract(dow from d) = 5 then 'pending' else 'confirmed' end
    from sharing_resources r
    cross join generate_series(${first}::date, ${addDays(first, o.days - 1)}::date, interval '1 day') d
    cross join (values (8), (10), (13), (15)) hh(h)
    cross join lateral (select ${businessInstantSql('(d::date + make_interval(hours => h))::timestamp')} as s) x
    where r.code like 'BENCH%' and extract(isodow from d) < 6`);
  await db.execute(sql`analyze sharing_resources`);
  await db.execute(sql`analyze bookings`);
  const [{ count }] = await query<{ count: number }>(db, sql`select count(*)::int as count from bookings`);
  log(`  generated ${count.toLocaleString('en')} bookings in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const office: Actor = {
    userId: crypto.randomUUID(),
    username: 'bench-office',
    displayName: '基准',
    unitId: null,
    grants: [{ role: 'asset_office', unitId: null }],
    via: 'session',
  };
  const staff: Actor = { ...office, username: 'bench-staff', unitId: units[0], grants: [{ role: 'staff', unitId: units[0] }] };
  const span = Math.max(1, o.days - 7);
  const grid = await timeRunsCpu(o.runs, (i) => calendar(db, staff, { date: addDays(first, (i * 11) % span), days: 7 }));
  const gridOffice = await timeRunsCpu(o.runs, (i) => calendar(db, office, { date: addDays(first, (i * 13) % span), days: 7 }));
  // A booking request: 17:00–17:30 (free in the generated data) in a different room or day each time.
  const resources = (
    await query<{ id: string }>(db, sql`select id::text from sharing_resources where code like 'BENCH%' order by code`)
  ).map((r) => r.id);
  const weekdays: string[] = [];
  for (let d = addDays(businessToday(), 1); weekdays.length < 200; d = addDays(d, 1))
    if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) weekdays.push(d);
  const at = (d: string, h: number) => new Date(localMidnight(d).getTime() + h * 3600_000).toISOString();
  const book = await timeRunsCpu(o.runs, (i) =>
    createBooking(db, staff, {
      resourceId: resources[i % resources.length],
      startsAt: at(weekdays[Math.floor(i / resources.length)], 17),
      endsAt: at(weekdays[Math.floor(i / resources.length)], 17.5),
      title: '基准预订',
      repeatWeeks: 0,
    }),
  );
  // Bursts: 100 requests at once for one free slot (16:30–17:00); exactly one must win each.
  let winners = 0;
  let attempts = 0;
  const tb = Date.now();
  for (let b = 0; b < o.bursts; b++) {
    const day = weekdays[100 + b];
    const res = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        createBooking(db, staff, {
          resourceId: resources[b % resources.length],
          startsAt: at(day, 16.5),
          endsAt: at(day, 17),
          title: '并发',
          repeatWeeks: 0,
        }),
      ),
    );
    attempts += res.length;
    winners += res.filter((x) => x.status === 'fulfilled').length;
    const other = res.find((x) => x.status === 'rejected' && (x.reason as { id?: string }).id !== 'conflict');
    if (other) throw (other as PromiseRejectedResult).reason;
  }
  const burstSeconds = (Date.now() - tb) / 1000;
  const n = `${o.resources} resources, ${count.toLocaleString('en')} bookings`;
  return [
    { scenario: `week grid across ${n} (a unit's staff)`, ...grid, target: o.targets.grid },
    { scenario: `week grid across ${n} (the asset office)`, ...gridOffice, target: o.targets.grid },
    { scenario: 'a booking request in a free slot', ...book, target: o.targets.booking },
    {
      scenario: `${o.bursts} bursts of 100 simultaneous requests for one slot`,
      p50: null,
      p95: null,
      max: null,
      target: null,
      note: `${winners} winners of ${attempts} attempts${winners === o.bursts ? ' (one each ✓)' : ' ✗'}, ${Math.round(attempts / burstSeconds)} attempts/s`,
    },
  ];
}

export function sharingMarkdown(engine: string, rows: SharingMeasured[]): string {
  const lines = [
    `| scenario (${engine}) | p50 ms | p95 ms | max ms | CPU ms/call | target p95 ms |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.scenario}${r.note ? `: ${r.note}` : ''} | ${r.p50 ?? ''} | ${r.p95 ?? ''} | ${r.max ?? ''} | ${r.cpu ?? ''} | ${
          r.target === null ? '' : `${r.target} ${r.p95 !== null && r.p95 <= r.target ? '✓' : '✗'}`
        } |`,
    ),
  ];
  return lines.join('\n');
}
