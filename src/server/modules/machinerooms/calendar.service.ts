// The committee's working calendar for business-hours SLA clocks (docs/domain.md §11): public
// holidays and adjusted working days (调休), a year at a time — typed, or imported from the year's
// list. A deadline is fixed when a work order is reported, so a calendar edited afterwards moves
// no deadline; the counted minutes shown follow the calendar as it stands.
import { sql } from 'drizzle-orm';
import type { CalendarDay, CalendarKind } from '../../../shared/machinerooms.points.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { logEvent } from './room.service.ts';

/** Every marked day, by local date (small: a few dozen days a year). */
export async function loadCalendar(q: Queryable): Promise<Map<string, CalendarKind>> {
  const rows = await query<{ day: string; kind: CalendarKind }>(q, sql`select day::text, kind from om_calendar_days`);
  return new Map(rows.map((r) => [r.day, r.kind]));
}

export async function calendarYear(q: Queryable, year: number): Promise<{ year: number; days: CalendarDay[] }> {
  const days = await query<CalendarDay>(
    q,
    sql`select day::text, kind, name from om_calendar_days where day between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date order by day`,
  );
  return { year, days };
}

/** Replaces the year's marked days with `days` (all within the year). */
export async function replaceCalendarYear(
  q: Queryable,
  actor: Actor,
  year: number,
  days: CalendarDay[],
): Promise<{ year: number; days: CalendarDay[] }> {
  const f: Record<string, string> = {};
  const seen = new Set<string>();
  days.forEach((d, i) => {
    if (!d.day.startsWith(`${year}-`)) f[`days.${i}.day`] = `日期不在 ${year} 年`;
    if (seen.has(d.day)) f[`days.${i}.day`] = `${d.day} 重复`;
    seen.add(d.day);
  });
  if (Object.keys(f).length) throw invalid(f, Object.values(f)[0]);
  return withTx(q, async (tx) => {
    await tx.execute(sql`delete from om_calendar_days where day between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`);
    if (days.length)
      await tx.execute(sql`insert into om_calendar_days (day, kind, name, updated_by)
        select x.day, x.kind, x.name, ${actor.userId}::uuid from jsonb_to_recordset(${JSON.stringify(days)}::jsonb) as x(day date, kind text, name text)`);
    await logEvent(tx, 'om_calendar', actor.userId, 'replace_year', actor, { year, days: days.length });
    return calendarYear(tx, year);
  });
}

const KIND_BY_LABEL: Record<string, CalendarKind> = {
  holiday: 'holiday',
  节假日: 'holiday',
  法定节假日: 'holiday',
  放假: 'holiday',
  休: 'holiday',
  workday: 'workday',
  调休上班: 'workday',
  调休: 'workday',
  上班: 'workday',
  班: 'workday',
};

/** A year's list as a sheet (日期, 类型, 名称; header first): the days, or the rows that do not read. */
export function parseCalendarSheet(table: string[][]): CalendarDay[] {
  const errors: string[] = [];
  const days: CalendarDay[] = [];
  for (const [i, r] of table.slice(1).entries()) {
    const [rawDay = '', rawKind = '', name = ''] = r.map((c) => c.trim());
    if (!rawDay && !rawKind) continue;
    // Excel dates come back as a Date's text; take its local calendar date, or YYYY-MM-DD / YYYY/M/D as typed.
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(rawDay);
    const parsed = m
      ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
      : /GMT|Z$/.test(rawDay)
        ? new Date(rawDay).toISOString().slice(0, 10)
        : '';
    const kind = KIND_BY_LABEL[rawKind];
    if (!parsed || !kind) errors.push(`第 ${i + 2} 行`);
    else days.push({ day: parsed, kind, name: name || (kind === 'holiday' ? '节假日' : '调休上班') });
  }
  if (errors.length) throw new AppError('bad_file', `${errors.join('、')}：日期应为 YYYY-MM-DD，类型应为“节假日”或“调休上班”`);
  return days;
}
