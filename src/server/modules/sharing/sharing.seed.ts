// Demo data for shared facilities: the compounds' meeting rooms, print rooms and service halls as
// bookable rooms, a projector, the pooled vehicles (asset cards where the demo has them), and a few
// bookings of units 01 and 02 around today, so the calendar, the lists and the charges show something.
import { sql } from 'drizzle-orm';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { localMidnight } from './booking.rules.ts';

const HOUR = 3600_000;

/** The next weekday at least `ahead` days after today (business zone), 'YYYY-MM-DD'. */
function weekdayAhead(ahead: number): string {
  let t = Date.now() + 8 * HOUR + ahead * 24 * HOUR;
  while ([0, 6].includes(new Date(t).getUTCDay())) t += 24 * HOUR;
  return new Date(t).toISOString().slice(0, 10);
}

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export async function seedSharing(db: Queryable, log: (msg: string) => void, scale: 'demo' | 'small'): Promise<void> {
  const limit = scale === 'small' ? 4 : 40;
  await db.execute(sql`
    insert into sharing_resources (code, name, kind, room_id, location, capacity, equipment, slot_minutes, buffer_minutes,
      needs_approval, fee_per_hour_fen)
    select 'R' || lpad(row_number() over (order by c.code, b.code, r.code)::text, 3, '0'),
      c.name || b.name || coalesce(r.name, r.code), case when r.type = 'service_hall' then 'window' else 'room' end,
      r.id, c.name || ' ' || b.name || ' ' || r.code,
      case r.type when 'meeting' then greatest(8, (r.usable_area / 2.5)::int) when 'service_hall' then 4 else 2 end,
      case r.type when 'meeting' then array['投影仪', '视频会议'] when 'print_room' then array['复印机', '装订机'] else array[]::text[] end,
      30, 0,
      -- the largest meeting rooms are approved by the asset office
      r.type = 'meeting' and r.usable_area >= 100,
      case r.type when 'meeting' then 5000 when 'print_room' then 2000 else 0 end
    from rooms r join buildings b on b.id = r.building_id join compounds c on c.id = r.compound_id
    where r.type in ('meeting', 'print_room', 'service_hall')
    order by c.code, b.code, r.code limit ${limit}
    on conflict (code) do nothing`);
  await db.execute(sql`
    insert into sharing_resources (code, name, kind, location, equipment, slot_minutes, max_minutes, fee_per_hour_fen)
    values ('E001', '便携式投影仪（共享）', 'equipment', '综合服务处', array['投影仪', 'HDMI'], 60, 480, 1000)
    on conflict (code) do nothing`);
  // Pooled vehicles: cards of the vehicle classes (GB/T 14885 2030xxx), else named vehicles without a card.
  const cars = await query<{ id: string; name: string; brand: string | null; spec: string | null }>(
    db,
    sql`select c.id::text, c.name, c.brand, c.spec from cards c join categories k on k.id = c.category_id
        where k.code like '2030%' and c.status <> 'disposed' order by c.card_no limit 3`,
  );
  const vehicles = cars.length
    ? cars.map((c, i) => ({ code: `V${String(i + 1).padStart(3, '0')}`, name: `${c.brand ?? ''}${c.spec ?? c.name}`, cardId: c.id }))
    : [
        { code: 'V001', name: '红旗 H5（京A·G1001）', cardId: null },
        { code: 'V002', name: '丰田 考斯特（京A·G1002）', cardId: null },
      ];
  for (const v of vehicles) {
    await db.execute(sql`
      insert into sharing_resources (code, name, kind, card_id, location, capacity, open_from, open_to, open_days, slot_minutes,
        buffer_minutes, max_minutes, needs_approval, fee_per_hour_fen)
      values (${v.code}, ${v.name}, 'vehicle', ${v.cardId}::uuid, '机关车队', 4, 0, 1440, array[1,2,3,4,5,6,7], 30, 30, 1440, true, 0)
      on conflict (code) do nothing`);
  }
  // A photo of the first room for the catalogue (a 1×1 PNG stands in for the real picture).
  await db.execute(sql`
    insert into sharing_resource_photos (resource_id, content_type, base64, caption, added_by)
    select r.id, 'image/png', ${ONE_PIXEL_PNG}, '会议室实景', (select id from users order by created_at limit 1)
    from sharing_resources r where r.kind = 'room' and not exists (select 1 from sharing_resource_photos)
    order by r.code limit 1`);
  // A few bookings of units 01 and 02: today and the next weekdays.
  const people = await query<{ user_id: string; unit_id: string; name: string }>(
    db,
    sql`select us.id::text as user_id, us.unit_id::text, us.display_name as name from users us
        where us.username in ('u01-staff', 'u02-staff') order by us.username`,
  );
  const rooms = await query<{ id: string; fee: number }>(
    db,
    sql`select id::text, fee_per_hour_fen as fee from sharing_resources where kind = 'room' order by code limit 2`,
  );
  if (people.length < 2 || !rooms.length) return;
  const at = (day: string, h: number) => new Date(localMidnight(day).getTime() + h * HOUR).toISOString();
  const plan: [number, number, string, number, number, string, string][] = [
    // [person, room, day, from hour, to hour, status, title]
    [0, 0, weekdayAhead(1), 9, 10, 'confirmed', '处务会'],
    [1, 0, weekdayAhead(1), 10, 11.5, 'confirmed', '业务培训'],
    [0, rooms.length - 1, weekdayAhead(2), 14, 16, 'pending', '专题研讨会'],
    [1, rooms.length - 1, weekdayAhead(3), 9, 12, 'confirmed', '年度工作部署会'],
  ];
  for (const [p, r, day, h0, h1, status, title] of plan) {
    await db.execute(sql`
      insert into bookings (booking_no, resource_id, unit_id, booked_by, person_name, title, starts_at, ends_at, blocked_until,
        fee_per_hour_fen, status)
      values ('YD' || ${day.slice(0, 4)} || lpad(nextval('booking_no_seq')::text, 6, '0'), ${rooms[r].id}::uuid, ${people[p].unit_id}::uuid,
        ${people[p].user_id}::uuid, ${people[p].name}, ${title}, ${at(day, h0)}, ${at(day, h1)}, ${at(day, h1)}, ${rooms[r].fee}, ${status})`);
  }
  const [n] = await query<{ r: number; b: number }>(
    db,
    sql`select (select count(*)::int from sharing_resources) as r, (select count(*)::int from bookings) as b`,
  );
  log(`  sharing: ${n.r} resources, ${n.b} bookings`);
}
