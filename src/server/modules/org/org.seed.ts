import { sql, type SQL } from 'drizzle-orm';
import type { Database, Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import type { SeedOptions } from '../../platform/module.ts';
import {
  COMMITTEE,
  COMMITTEE_DEPARTMENTS,
  COMPOUNDS,
  DEMO_PASSWORD,
  DEMO_UNITS,
  DEPARTMENTS,
  GIVEN,
  MUNICIPAL_UNIT_CODE,
  SMALL_COMPOUNDS,
  SURNAMES,
} from './org.seed-data.ts';

// The demo organisation, written set-based (a few statements, not a loop over rows) so the full
// demo loads in seconds on the embedded engine.

let hashed: Promise<string> | undefined;
/** Argon2 is slow on purpose: hash the one demo password once per process. */
const demoHash = () => (hashed ??= hashPassword(DEMO_PASSWORD));

const unitCode = (nn: number) => `110${String(nn).padStart(2, '0')}`;
const values = (rows: SQL[]) => sql.join(rows, sql`, `);

interface UnitPlan {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  classified: boolean;
  sort: number;
  headcount: number;
  lead: number;
  depts: string[];
}

function plan(scale: SeedOptions['scale']): UnitPlan[] {
  const small = scale === 'small';
  const count = small ? 3 : DEMO_UNITS.length;
  const units: UnitPlan[] = [
    {
      ...COMMITTEE,
      kind: 'committee',
      classified: false,
      sort: 0,
      headcount: small ? 3 : 60,
      lead: small ? 0 : 5,
      depts: small ? COMMITTEE_DEPARTMENTS.slice(0, 2) : COMMITTEE_DEPARTMENTS,
    },
  ];
  for (let nn = 1; nn <= count; nn++) {
    const [name, shortName, classified] = DEMO_UNITS[nn - 1];
    // 80–149 people, about 115 on average: ~3,000 over the 26 units; ~10 % at bureau level.
    const headcount = small ? 5 : 80 + ((nn * 53) % 70);
    units.push({
      code: unitCode(nn),
      name,
      shortName,
      kind: 'unit',
      classified,
      sort: nn,
      headcount,
      lead: small ? 1 : Math.round(headcount * 0.1),
      depts: small ? DEPARTMENTS.slice(0, 2) : DEPARTMENTS.slice(0, 5 + ((nn * 7) % 6)),
    });
  }
  return units;
}

async function seedUnitsAndStaff(tx: Queryable, units: UnitPlan[]) {
  await tx.execute(sql`insert into units (code, name, short_name, kind, classified, sort)
    values ${values(units.map((u) => sql`(${u.code}, ${u.name}, ${u.shortName}, ${u.kind}, ${u.classified}::boolean, ${u.sort}::int)`))}`);
  await tx.execute(sql`insert into departments (unit_id, name, code, sort)
    select u.id, d.name, u.code || '-' || lpad(d.ord::text, 2, '0'), d.ord::int * 10
    from (values ${values(units.map((u) => sql`(${u.code}, ${u.depts.join(',')})`))}) p(code, depts)
    join units u on u.code = p.code
    cross join lateral unnest(string_to_array(p.depts, ',')) with ordinality d(name, ord)`);
  const surnames = SURNAMES.join(',');
  const given = GIVEN.join(',');
  // Names, ranks and departments come from hashes of (unit, k): the same demo every time.
  await tx.execute(sql`
    with p as (select * from (values ${values(units.map((u) => sql`(${u.code}, ${u.headcount}::int, ${u.lead}::int)`))}) p(code, headcount, lead)),
    d as (select id, unit_id, (row_number() over (partition by unit_id order by sort) - 1)::int as idx, count(*) over (partition by unit_id)::int as n from departments),
    pools as (select string_to_array(${surnames}, ',') as sn, string_to_array(${given}, ',') as gv),
    people as (
      select u.id as unit_id, u.code, u.kind, u.name as unit_name, k, p.lead,
        abs(hashtext('n' || u.code || k)) as h1, abs(hashtext('g' || u.code || k)) as h2, abs(hashtext('e' || u.code || k)) as h3,
        case
          when u.code = ${MUNICIPAL_UNIT_CODE} and k = 1 then 'municipal_head'
          when u.code = ${MUNICIPAL_UNIT_CODE} and k <= 4 then 'municipal_deputy'
          when k = 1 + (case when u.code = ${MUNICIPAL_UNIT_CODE} then 4 else 0 end) and p.lead > 0 then 'bureau_head'
          when k <= p.lead then 'bureau_deputy'
          else 'below_bureau'
        end as rank
      from p join units u on u.code = p.code cross join generate_series(1, p.headcount) k
    )
    insert into staff (unit_id, department_id, employee_no, name, rank, on_establishment, title, phone)
    select pe.unit_id, d.id, pe.code || lpad(pe.k::text, 4, '0'),
      pools.sn[1 + pe.h1 % array_length(pools.sn, 1)] || pools.gv[1 + pe.h2 % array_length(pools.gv, 1)]
        || case when pe.h3 % 3 = 0 then '' else pools.gv[1 + (pe.h1 / 7) % array_length(pools.gv, 1)] end,
      pe.rank,
      pe.h3 % 20 <> 0,
      case pe.rank
        when 'municipal_head' then '市长' when 'municipal_deputy' then '副市长'
        when 'bureau_head' then case when pe.kind = 'committee' or pe.unit_name like '%委员会' then '主任' else '局长' end
        when 'bureau_deputy' then case when pe.kind = 'committee' or pe.unit_name like '%委员会' then '副主任' else '副局长' end
        else (array['处长', '副处长', '一级主任科员', '二级主任科员', '四级主任科员', '一级科员', '一级科员', '二级主任科员'])[1 + pe.k % 8]
      end,
      '010-' || (55000000 + pe.h2 % 1000000)::text
    from people pe cross join pools
    left join d on d.unit_id = pe.unit_id and pe.k > pe.lead and d.idx = (pe.k - pe.lead - 1) % d.n`);
}

async function seedPlaces(tx: Queryable, scale: SeedOptions['scale']) {
  const compounds = scale === 'small' ? SMALL_COMPOUNDS : COMPOUNDS;
  const perFloor = scale === 'small' ? 5 : 22;
  await tx.execute(
    sql`insert into compounds (code, name, address) values ${values(compounds.map((c) => sql`(${c.code}, ${c.name}, ${c.address})`))}`,
  );
  const bs = compounds.flatMap((c) => c.buildings.map((b) => ({ ...b, compound: c.code })));
  await tx.execute(sql`insert into buildings (compound_id, code, name)
    select c.id, p.code, p.name from (values ${values(bs.map((b) => sql`(${b.compound}, ${b.code}, ${b.name})`))}) p(compound, code, name)
    join compounds c on c.code = p.compound`);
  await tx.execute(sql`insert into floors (building_id, level, name)
    select b.id, lv, case when lv < 0 then '地下' || (-lv)::text || '层' else lv::text || '层' end
    from (values ${values(bs.map((b) => sql`(${b.compound}, ${b.code}, ${b.floors}::int, ${!!b.basement}::boolean)`))}) p(compound, code, floors, basement)
    join compounds c on c.code = p.compound join buildings b on b.compound_id = c.id and b.code = p.code
    cross join lateral generate_series(case when p.basement then -1 else 1 end, p.floors) lv
    where lv <> 0`);
  // Ground floors hold the service halls; each floor a meeting room, some a print room or a store.
  await tx.execute(sql`
    with slots as (
      select f.id as floor_id, f.building_id, b.compound_id, f.level, n, abs(hashtext(f.id::text || n)) as h,
        case
          when ${perFloor} < 10 then case when n = 1 then 'meeting' else 'office' end
          when f.level = 1 and n <= 2 then 'service_hall'
          when f.level = 1 and n = 3 then 'warehouse'
          when n = 1 then 'meeting'
          when n = 2 and f.level % 4 = 0 then 'print_room'
          when n = ${perFloor} and f.level % 5 = 0 then 'warehouse'
          else 'office'
        end as type
      from floors f join buildings b on b.id = f.building_id cross join generate_series(1, ${perFloor}) n
      where f.level > 0
    )
    insert into rooms (floor_id, building_id, compound_id, code, name, type, usable_area)
    select floor_id, building_id, compound_id, level::text || lpad(n::text, 2, '0'),
      case type when 'meeting' then level::text || '层会议室' when 'service_hall' then '综合服务大厅' || n::text
        when 'print_room' then '文印室' when 'warehouse' then '库房' else null end,
      type,
      case type
        when 'office' then 9 + h % 52
        when 'meeting' then 40 + h % 81
        when 'service_hall' then 200 + h % 201
        when 'print_room' then 20 + h % 16
        else 30 + h % 51
      end
    from slots`);
  if (scale !== 'small') {
    // The two data-centre machine rooms (2,100 m² together) in the basement of 中环 1号楼.
    await tx.execute(sql`insert into rooms (floor_id, building_id, compound_id, code, name, type, usable_area)
      select f.id, b.id, c.id, r.code, r.name, r.type, r.area
      from compounds c join buildings b on b.compound_id = c.id and b.code = 'A' join floors f on f.building_id = b.id and f.level = -1
      cross join (values ('B101', '第一数据机房', 'machine_room', 1050.00), ('B102', '第二数据机房', 'machine_room', 1050.00),
        ('B103', '备品备件库', 'warehouse', 180.00), ('B104', '档案库', 'warehouse', 260.00)) r(code, name, type, area)
      where c.code = 'C01'`);
  }
  // Offices, meeting rooms and stores go to the units in contiguous blocks; shared facilities to the committee.
  await tx.execute(sql`
    with o as (
      select r.id, row_number() over (order by c.code, b.code, f.level, r.code) - 1 as rn, count(*) over () as total
      from rooms r join floors f on f.id = r.floor_id join buildings b on b.id = r.building_id join compounds c on c.id = r.compound_id
      where r.type in ('office', 'meeting', 'warehouse')
    ),
    u as (select id, row_number() over (order by sort, code) - 1 as idx, count(*) over () as n from units)
    update rooms set unit_id = u.id from o join u on u.idx = (o.rn * u.n) / o.total where rooms.id = o.id`);
  await tx.execute(sql`update rooms set unit_id = (select id from units where kind = 'committee' order by code limit 1)
    where type in ('service_hall', 'print_room', 'machine_room')`);
  // Leaders get the largest offices to themselves; everyone else shares the rest of the unit's offices.
  await tx.execute(sql`
    with r as (
      select id, unit_id, row_number() over (partition by unit_id order by usable_area desc, code) as i, count(*) over (partition by unit_id) as n
      from rooms where type = 'office' and unit_id is not null
    ),
    s as (
      select id, unit_id,
        row_number() over (partition by unit_id order by array_position(array['municipal_head','municipal_deputy','bureau_head','bureau_deputy','below_bureau'], rank), employee_no) as i,
        count(*) filter (where rank <> 'below_bureau') over (partition by unit_id) as lead
      from staff where active
    )
    insert into room_occupants (room_id, staff_id)
    select r.id, s.id from s join r on r.unit_id = s.unit_id and r.i = case
      when s.i <= s.lead and s.i <= r.n then s.i
      when r.n > s.lead and s.i > s.lead then s.lead + ((s.i - s.lead - 1) % (r.n - s.lead)) + 1
      else ((s.i - 1) % r.n) + 1
    end`);
}

async function seedUsers(tx: Queryable, units: UnitPlan[]) {
  const hash = await demoHash();
  // [username, role, unit code for the grant (null: system-wide), staff employee no (null: none)]
  const accounts: [string, string, string | null, string | null][] = [
    ['admin', 'sysadmin', null, `${COMMITTEE.code}0001`],
    ['officer', 'asset_office', null, `${COMMITTEE.code}0002`],
    ['finance', 'finance_bureau', null, null],
    ['auditor', 'auditor', null, `${COMMITTEE.code}0003`],
  ];
  for (const u of units.filter((x) => x.kind === 'unit')) {
    const nn = u.code.slice(-2);
    const first = u.lead;
    const no = (k: number) => `${u.code}${String(k).padStart(4, '0')}`;
    accounts.push(
      [`u${nn}-admin`, 'unit_admin', u.code, no(first + 1)],
      [`u${nn}-finance`, 'unit_finance', u.code, no(first + 2)],
      [`u${nn}-leader`, 'unit_leader', u.code, no(u.code === MUNICIPAL_UNIT_CODE ? 5 : 1)],
      [`u${nn}-staff`, 'staff', u.code, no(first + 3)],
    );
  }
  const rows = values(accounts.map(([name, role, unit, emp]) => sql`(${name}, ${role}, ${unit}, ${emp})`));
  // System-role accounts belong to no unit (committee-wide), even when bound to a committee staff record.
  await tx.execute(sql`insert into users (username, display_name, password_hash, unit_id, staff_id)
    select a.username, coalesce(s.name, case a.role when 'finance_bureau' then '财政局审核员' else a.username end), ${hash}, u.id, s.id
    from (values ${rows}) a(username, role, unit, emp)
    left join units u on u.code = a.unit
    left join staff s on s.employee_no = a.emp`);
  await tx.execute(sql`insert into role_assignments (user_id, role, unit_id)
    select us.id, a.role, u.id from (values ${rows}) a(username, role, unit, emp)
    join users us on us.username = a.username left join units u on u.code = a.unit`);
}

export async function seedOrg(database: Database, log: (msg: string) => void, opts: SeedOptions): Promise<void> {
  const units = plan(opts.scale);
  await withTx(database.db, async (tx) => {
    await seedUnitsAndStaff(tx, units);
    await seedPlaces(tx, opts.scale);
    await seedUsers(tx, units);
  });
  const [c] = (
    (await database.db.execute(sql`select (select count(*) from units)::int as units, (select count(*) from staff)::int as staff,
    (select count(*) from rooms)::int as rooms, (select count(*) from users)::int as users`)) as unknown as {
      rows: Record<string, number>[];
    }
  ).rows;
  log(`  org: ${c.units} units, ${c.staff} staff, ${c.rooms} rooms, ${c.users} sign-ins (password ${DEMO_PASSWORD})`);
}
