// Information points and their cabling (docs/domain.md §11): the committee registers points and
// links ports; a unit's install / move / remove request (a document) changes its points when
// executed. The database's keys refuse a second point on one panel port and a second link of one
// kind on a port; the refusals answer 409 naming the port.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { LinkInput, PointInput, PortRef } from '../../../shared/machinerooms.points.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { logEvent } from './room.service.ts';

type Port = z.output<typeof PortRef>;

/** A unique key already taken: 409 with the message. */
async function or409<T>(message: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', message);
    throw err;
  }
}

/** The port named in the room (created when new); its kind must match, its rack be in the room. */
async function ensurePort(tx: Tx, roomId: string, p: Port): Promise<string> {
  if (p.rackId) {
    const rack = await queryOne(tx, sql`select 1 from racks where id = ${p.rackId}::uuid and machine_room_id = ${roomId}::uuid`);
    if (!rack) throw invalid({ rackId: '机柜不在该机房' });
  }
  const row = await queryOne<{ id: string; kind: string }>(
    tx,
    sql`insert into net_ports (machine_room_id, rack_id, kind, device, port)
        values (${roomId}::uuid, ${p.rackId ?? null}::uuid, ${p.kind}, ${p.device}, ${p.port})
        on conflict (machine_room_id, device, port) do update set rack_id = coalesce(excluded.rack_id, net_ports.rack_id)
        returning id::text, kind`,
  );
  if (row!.kind !== p.kind) throw invalid({ device: `${p.device} ${p.port} 已登记为${row!.kind === 'switch' ? '交换机' : '配线架'}端口` });
  return row!.id;
}

/** The served unit and its office: the office room must be the unit's (or shared). */
async function checkServed(tx: Tx, input: z.output<typeof PointInput>) {
  if (input.unitId) {
    const u = await queryOne(tx, sql`select 1 from units where id = ${input.unitId}::uuid and active`);
    if (!u) throw invalid({ unitId: '服务单位不存在' });
  }
  if (input.officeRoomId) {
    const r = await queryOne<{ unit_id: string | null }>(tx, sql`select unit_id::text from rooms where id = ${input.officeRoomId}::uuid`);
    if (!r || (r.unit_id && r.unit_id !== input.unitId)) throw invalid({ officeRoomId: '办公室不属于服务单位' });
  }
}

const fields = (input: z.output<typeof PointInput>) => sql`unit_id = ${input.unitId ?? null}::uuid,
  office_room_id = ${input.officeRoomId ?? null}::uuid, office_port = ${input.officePort ?? null}, status = ${input.status},
  vlan = ${input.vlan ?? null}::int, note = ${input.note ?? null}, updated_at = now()`;

export async function createPoint(q: Queryable, actor: Actor, input: z.output<typeof PointInput>): Promise<{ id: string }> {
  return or409(`信息点编号“${input.code}”或配线架端口 ${input.panel} ${input.panelPort} 已被使用`, () =>
    withTx(q, async (tx) => {
      await checkServed(tx, input);
      const port = await ensurePort(tx, input.machineRoomId, {
        rackId: input.rackId,
        kind: 'panel',
        device: input.panel,
        port: input.panelPort,
      });
      const row = await queryOne<{ id: string }>(
        tx,
        sql`insert into info_points (code, machine_room_id, panel_port_id, status) values (${input.code}, ${input.machineRoomId}::uuid, ${port}::uuid, 'spare')
            returning id::text`,
      );
      await tx.execute(sql`update info_points set ${fields(input)} where id = ${row!.id}::uuid`);
      await logEvent(tx, 'info_point', row!.id, 'create', actor, input);
      return row!;
    }),
  );
}

export async function updatePoint(q: Queryable, actor: Actor, id: string, input: z.output<typeof PointInput>): Promise<void> {
  await or409(`信息点编号“${input.code}”或配线架端口 ${input.panel} ${input.panelPort} 已被使用`, () =>
    withTx(q, async (tx) => {
      const cur = await queryOne(tx, sql`select 1 from info_points where id = ${id}::uuid for update`);
      if (!cur) throw notFound('信息点');
      await checkServed(tx, input);
      const port = await ensurePort(tx, input.machineRoomId, {
        rackId: input.rackId,
        kind: 'panel',
        device: input.panel,
        port: input.panelPort,
      });
      await tx.execute(sql`update info_points set code = ${input.code}, machine_room_id = ${input.machineRoomId}::uuid,
        panel_port_id = ${port}::uuid, ${fields(input)} where id = ${id}::uuid`);
      await logEvent(tx, 'info_point', id, 'update', actor, input);
    }),
  );
}

/** Links two ports of a room with a patch cord or a cable. */
export async function linkPorts(q: Queryable, actor: Actor, input: z.output<typeof LinkInput>): Promise<{ id: string }> {
  return or409(`端口已有${input.kind === 'patch' ? '跳线' : '线缆'}，请先拆除`, () =>
    withTx(q, async (tx) => {
      const room = await queryOne(tx, sql`select 1 from machine_rooms where id = ${input.machineRoomId}::uuid`);
      if (!room) throw invalid({ machineRoomId: '机房不存在' });
      const a = await ensurePort(tx, input.machineRoomId, input.a);
      const b = await ensurePort(tx, input.machineRoomId, input.b);
      if (a === b) throw invalid({ b: '两端不能是同一端口' });
      const row = await queryOne<{ id: string }>(
        tx,
        sql`with l as (select gen_random_uuid() as id)
            insert into net_links (link_id, port_id, kind) select l.id, x.port, ${input.kind} from l, unnest(array[${a}::uuid, ${b}::uuid]) as x(port)
            returning link_id::text as id`,
      );
      await logEvent(tx, 'net_link', row!.id, 'link', actor, input);
      return row!;
    }),
  );
}

/** Removes a patch cord or cable (both its ends). */
export async function unlinkPorts(q: Queryable, actor: Actor, linkId: string): Promise<void> {
  await withTx(q, async (tx) => {
    const gone = await query(tx, sql`delete from net_links where link_id = ${linkId}::uuid returning port_id`);
    if (!gone.length) throw notFound('跳线');
    await logEvent(tx, 'net_link', linkId, 'unlink', actor);
  });
}

export type PointAction = 'install' | 'move' | 'remove';
export interface PointRequestLine {
  /** The point's code. */
  code: string;
  officeRoomId?: string | null;
  officePort?: string | null;
}

interface Target {
  id: string;
  code: string;
  status: string;
  unit_id: string | null;
}

/** The refusal per line of an install / move / remove request of `unitId`, or none. */
export async function checkPointRequest(
  q: Queryable,
  unitId: string,
  action: PointAction,
  lines: PointRequestLine[],
  lock = false,
): Promise<{ problems: Record<number, string>; targets: (Target | undefined)[] }> {
  const codes = lines.map((l) => l.code);
  const rows = await query<Target>(
    q,
    sql`select id::text, code, status, unit_id::text from info_points where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})
        ${lock ? sql`for update` : sql``}`,
  );
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const problems: Record<number, string> = {};
  const targets = lines.map((l, i) => {
    const t = byCode.get(l.code);
    if (!t) problems[i] = `信息点 ${l.code} 不存在`;
    else if (action === 'install' && t.status !== 'spare') problems[i] = `信息点 ${l.code} 不是空闲状态，不能开通`;
    else if (action !== 'install' && t.unit_id !== unitId) problems[i] = `信息点 ${l.code} 不是本单位在用的信息点`;
    else if (action !== 'remove' && !l.officeRoomId) problems[i] = '请选择办公室';
    if (codes.indexOf(l.code) !== i) problems[i] = `信息点 ${l.code} 重复`;
    return t;
  });
  return { problems, targets };
}

/**
 * Executes an approved request: install — a spare point serves the unit's office (active, the
 * VLAN given); move — the unit's point serves another office; remove — the point is freed
 * (spare, no unit, no office). In the executing transaction, one event per point.
 */
export async function applyPointRequest(
  tx: Tx,
  actor: Actor,
  req: { unitId: string; docNo: string; action: PointAction; vlan?: number | null; lines: PointRequestLine[] },
): Promise<void> {
  const { problems, targets } = await checkPointRequest(tx, req.unitId, req.action, req.lines, true);
  const first = Object.entries(problems)[0];
  if (first) throw new AppError('rule_violation', first[1]);
  for (const [i, l] of req.lines.entries()) {
    const id = targets[i]!.id;
    const set =
      req.action === 'remove'
        ? sql`status = 'spare', unit_id = null, office_room_id = null, office_port = null, vlan = null`
        : req.action === 'install'
          ? sql`status = 'active', unit_id = ${req.unitId}::uuid, office_room_id = ${l.officeRoomId ?? null}::uuid,
              office_port = ${l.officePort ?? null}, vlan = coalesce(${req.vlan ?? null}::int, vlan)`
          : sql`office_room_id = ${l.officeRoomId ?? null}::uuid, office_port = ${l.officePort ?? null}`;
    await tx.execute(sql`update info_points set ${set}, updated_at = now() where id = ${id}::uuid`);
    await logEvent(tx, 'info_point', id, req.action, actor, { docNo: req.docNo, ...l });
  }
}
