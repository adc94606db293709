// Information points (docs/domain.md §11): the register as each caller may see it, and the trace
// of a point from its office port through the panels to its switch port — one recursive query over
// the link ends (net_links' key (port, kind) makes the walk a chain), so its cost is the chain's
// length, not the register's size.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { PointQuery, PointView, TraceView } from '../../../shared/machinerooms.points.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { likePattern, offsetOf } from '../../platform/db/paging.ts';
import { notFound } from '../../platform/errors.ts';
import { pointScope } from './scope.service.ts';

const SORTS: Record<string, string> = { code: 'p.code', status: 'p.status', unit: 'u.code' };

const COLUMNS = sql.raw(`select p.id::text, p.code, p.machine_room_id::text as "machineRoomId", m.name as "roomName", r.code as "rackCode",
    np.device as panel, np.port as "panelPort", p.unit_id::text as "unitId", coalesce(u.short_name, u.name) as "unitName",
    p.office_room_id::text as "officeRoomId", o.code as "officeRoomCode", p.office_port as "officePort", p.status, p.vlan, p.note`);
const JOINS = sql.raw(`join machine_rooms m on m.id = p.machine_room_id
  join net_ports np on np.id = p.panel_port_id
  left join racks r on r.id = np.rack_id
  left join units u on u.id = p.unit_id
  left join rooms o on o.id = p.office_room_id`);
const SELECT = sql`${COLUMNS} from info_points p ${JOINS}`;

function filters(p: z.output<typeof PointQuery>): SQL {
  const conds: SQL[] = [sql`true`];
  if (p.machineRoomId) conds.push(sql`p.machine_room_id = ${p.machineRoomId}::uuid`);
  if (p.status) conds.push(sql`p.status = ${p.status}`);
  if (p.q) {
    const like = likePattern(p.q);
    conds.push(sql`(p.code ilike ${like} or p.office_port ilike ${like} or np.device ilike ${like} or u.name ilike ${like})`);
  }
  return sql.join(conds, sql` and `);
}

export async function listPoints(q: Queryable, actor: Actor, p: z.output<typeof PointQuery>): Promise<Page<PointView>> {
  const visible = (await pointScope(q, actor))('p');
  const where = filters(p);
  const [{ n }] = await query<{ n: number }>(
    q,
    sql`select count(*)::int as n from info_points p join net_ports np on np.id = p.panel_port_id left join units u on u.id = p.unit_id
        where ${visible} and ${where}`,
  );
  const order = sql.raw(`${SORTS[p.sort ?? 'code']} ${p.order}, p.code`);
  const items = await query<PointView>(
    q,
    sql`${SELECT} where ${visible} and ${where} order by ${order} limit ${p.pageSize} offset ${offsetOf(p)}`,
  );
  return { items, total: n, page: p.page, pageSize: p.pageSize };
}

export type RegisterRow = PointView & { roomCode: string; unitCode: string | null; switchDevice: string | null; switchPort: string | null };

/** Every point the actor sees (the register's export), in code order, with the switch port one patch cord away. */
export async function registerRows(q: Queryable, actor: Actor, machineRoomId?: string): Promise<RegisterRow[]> {
  const visible = (await pointScope(q, actor))('p');
  return query<RegisterRow>(
    q,
    sql`${COLUMNS}, m.code as "roomCode", u.code as "unitCode", sp.device as "switchDevice", sp.port as "switchPort"
        from info_points p ${JOINS}
        left join net_links e on e.port_id = p.panel_port_id and e.kind = 'patch'
        left join net_links e2 on e2.link_id = e.link_id and e2.port_id <> e.port_id
        left join net_ports sp on sp.id = e2.port_id and sp.kind = 'switch'
        where ${visible} ${machineRoomId ? sql`and p.machine_room_id = ${machineRoomId}::uuid` : sql``}
        order by p.code`,
  );
}

export async function getPoint(q: Queryable, actor: Actor, id: string): Promise<PointView> {
  const visible = (await pointScope(q, actor))('p');
  const row = await queryOne<PointView>(q, sql`${SELECT} where p.id = ${id}::uuid and ${visible}`);
  if (!row) throw notFound('信息点');
  return row;
}

/** From the office port, through the point's panel port and any cables and patch cords, to a switch port. */
export async function tracePoint(q: Queryable, actor: Actor, id: string): Promise<TraceView> {
  const point = await getPoint(q, actor, id);
  const hops = await query<{
    depth: number;
    kind: 'panel' | 'switch';
    device: string;
    port: string;
    rackCode: string | null;
    via: 'patch' | 'cable' | null;
  }>(
    q,
    sql`with recursive walk(port_id, via, depth, path) as (
          select p.panel_port_id, null::text, 1, array[p.panel_port_id] from info_points p where p.id = ${id}::uuid
          union all
          select o.port_id, e.kind, w.depth + 1, w.path || o.port_id
          from walk w
          join net_ports cur on cur.id = w.port_id and cur.kind <> 'switch'
          join net_links e on e.port_id = w.port_id
          join net_links o on o.link_id = e.link_id and o.port_id <> e.port_id
          where w.depth < 32 and o.port_id <> all(w.path)
        )
        select w.depth, np.kind, np.device, np.port, r.code as "rackCode", w.via
        from walk w join net_ports np on np.id = w.port_id left join racks r on r.id = np.rack_id
        order by w.depth`,
  );
  const office = {
    depth: 0,
    kind: 'office' as const,
    device: point.officeRoomCode ?? '办公室',
    port: point.officePort ?? '',
    rackCode: null,
    via: null,
  };
  const end = hops.find((h) => h.kind === 'switch');
  return {
    pointId: point.id,
    code: point.code,
    hops: [office, ...hops.map((h) => ({ ...h, via: h.via ?? ('cable' as const) }))],
    switchPort: end ? { device: end.device, port: end.port, rackCode: end.rackCode } : null,
  };
}
