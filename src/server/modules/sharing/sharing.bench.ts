// `gongwu sharing bench`: the scale figures on a fresh database — 200 resources with a year
// of bookings (≈ 200,000), the week's free/busy grid across them, a booking request, and bursts of
// parallel requests for one slot (exactly one may win each burst).
import crypto from 'node:crypto';
import os from 'node:os';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query } from '../../platform/db/engine.ts';
import type { CliContext } from '../../platform/module.ts';
import { loadModules } from '../../platform/module.ts';
import { businessToday } from '../../platform/clock.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { openFreshBenchDatabase, timeRuns } from '../demo/index.ts';
import { calendar } from './booking.queries.ts';
import { localMidnight } from './booking.rules.ts';
import { createBooking } from './booking.service.ts';

const DAY = 86_400_000;
const r1 = (x: number) => Math.round(x * 10) / 10;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

interface Options {
  resources: string;
  days: string;
  runs: string;
  bursts: string;
  engineUrl?: string;
}

export function sharingBenchCli(program: Command, ctx: CliContext) {
  const cmd = program.commands.find((c) => c.name() === 'sharing') ?? program.command('sharing').description('共享设施 shared facilities');
  cmd
    .command('bench')
    .description('time the week grid over N resources with a year of bookings, a booking request, and parallel bursts at one slot')
    .option('--resources <n>', 'bookable rooms', '200')
    .option('--days <n>', 'days of bookings, half before today and half after', '365')
    .option('--runs <n>', 'timed calls per scenario', '30')
    .option('--bursts <n>', 'bursts of 100 parallel requests for one slot', '5')
    .option('--engine-url <url>', 'PostgreSQL server (drops and creates gongwu_bench_sharing); default: PGlite in a temporary folder')
    .action(async (o: Options) => {
      const url = o.engineUrl ?? process.env.DATABASE_URL ?? undefined;
      const { database, where, cleanup } = await openFreshBenchDatabase(url, ctx.log, { reuse: false, name: 'gongwu_bench_sharing' });
      const db = database.db;
      try {
        for (const mod of await loadModules()) if (mod.name === 'org') await mod.seedDemo?.(database, ctx.log, { scale: 'small' });
        const units = (await query<{ id: string }>(db, sql`select id::text from units where kind = 'unit' order by code`)).map((u) => u.id);
        const n = Number(o.resources);
        const days = Number(o.days);
        const first = addDays(businessToday(), -Math.floor(days / 2));
        ctx.log(`Sharing benchmark on ${where}, ${os.cpus().length} cores: ${n} resources, ${days} days of bookings from ${first}`);
        const t0 = Date.now();
        await db.execute(sql`
          insert into sharing_resources (code, name, kind, capacity, open_from, open_to, open_days, slot_minutes, max_ahead_days)
          select 'B' || lpad(g::text, 4, '0'), '会议室' || g, 'room', 10 + g % 40, 480, 1080, array[1,2,3,4,5], 30, 730
          from generate_series(1, ${n}) g`);
        // Four 90-minute meetings a weekday in every room (08:00, 10:00, 13:00, 15:00), the units in turn.
        await db.execute(sql`
          insert into bookings (booking_no, resource_id, unit_id, booked_by, person_name, title, starts_at, ends_at, blocked_until,
            fee_per_hour_fen, status)
          select 'YB' || lpad(nextval('booking_no_seq')::text, 9, '0'), r.id, (${uuidArray(units)})[1 + (abs(hashtext(r.id::text || d::text || h::text)) % ${units.length})],
            ${crypto.randomUUID()}::uuid, '基准', '例会', s, s + interval '90 minutes', s + interval '90 minutes', 0,
            case when h = 15 and extract(dow from d) = 5 then 'pending' else 'confirmed' end
          from sharing_resources r
          cross join generate_series(${first}::date, ${addDays(first, days - 1)}::date, interval '1 day') d
          cross join (values (8), (10), (13), (15)) hh(h)
          cross join lateral (select (d::date + make_interval(hours => h))::timestamp at time zone 'Asia/Shanghai' as s) x
          where extract(isodow from d) < 6`);
        await db.execute(sql`analyze sharing_resources`);
        await db.execute(sql`analyze bookings`);
        const [{ count }] = await query<{ count: number }>(db, sql`select count(*)::int as count from bookings`);
        ctx.log(`  generated ${count.toLocaleString('en')} bookings in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

        const office: Actor = {
          userId: crypto.randomUUID(),
          username: 'bench-office',
          displayName: '基准',
          unitId: null,
          grants: [{ role: 'asset_office', unitId: null }],
          via: 'session',
        };
        const staff: Actor = { ...office, username: 'bench-staff', unitId: units[0], grants: [{ role: 'staff', unitId: units[0] }] };
        const runs = Number(o.runs);
        const grid = await timeRuns(runs, (i) => calendar(db, staff, { date: addDays(first, (i * 11) % (days - 7)), days: 7 }));
        const gridOffice = await timeRuns(runs, (i) => calendar(db, office, { date: addDays(first, (i * 13) % (days - 7)), days: 7 }));
        // A booking request: 17:00–17:30 (free in the generated data) in a different room or day each time.
        const resources = (await query<{ id: string }>(db, sql`select id::text from sharing_resources order by code`)).map((r) => r.id);
        const weekdays: string[] = [];
        for (let d = addDays(businessToday(), 1); weekdays.length < 200; d = addDays(d, 1))
          if (![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())) weekdays.push(d);
        const at = (d: string, h: number) => new Date(localMidnight(d).getTime() + h * 3600_000).toISOString();
        const book = await timeRuns(runs, (i) =>
          createBooking(db, staff, {
            resourceId: resources[i % resources.length],
            startsAt: at(weekdays[Math.floor(i / resources.length)], 17),
            endsAt: at(weekdays[Math.floor(i / resources.length)], 17.5),
            title: '基准预订',
            repeatWeeks: 0,
          }),
        );
        // Bursts: 100 requests at once for one free slot (16:30–17:00); exactly one must win each.
        const bursts = Number(o.bursts);
        let winners = 0;
        let attempts = 0;
        const tb = Date.now();
        for (let b = 0; b < bursts; b++) {
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
        const out = {
          engine: database.engine,
          resources: n,
          bookings: count,
          weekGridStaff: grid,
          weekGridOffice: gridOffice,
          bookingRequest: book,
          bursts: { bursts, attempts, winners, seconds: r1(burstSeconds), perSecond: Math.round(attempts / burstSeconds) },
        };
        console.log(JSON.stringify(out, null, 2));
        if (winners !== bursts) {
          ctx.log(`FAILED: ${winners} winners in ${bursts} bursts`);
          process.exitCode = 1;
        }
      } finally {
        await database.close();
        await cleanup();
      }
    });
}
