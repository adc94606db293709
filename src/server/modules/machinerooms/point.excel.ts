// A machine room's register of information points as a spreadsheet (信息点登记表): exported with
// the columns of POINT_SHEET_COLUMNS and imported back — all or nothing. The import writes ports,
// points and each point's patch cord to its switch port in a few set-based statements, so a
// register of 3,800 points loads in one transaction.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { POINT_SHEET_COLUMNS, POINT_STATUSES, type PointImportReport } from '../../../shared/machinerooms.points.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import type { RegisterRow } from './point.queries.ts';
import { logEvent } from './room.service.ts';

const STATUS_BY_LABEL = new Map(
  Object.entries(POINT_STATUSES).flatMap(([k, [zh, en]]) => [
    [zh, k],
    [en.toLowerCase(), k],
    [k, k],
  ]),
);

export async function registerWorkbook(rows: RegisterRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('信息点登记表');
  ws.addRow([...POINT_SHEET_COLUMNS]).font = { bold: true };
  for (const r of rows)
    ws.addRow([
      r.code,
      r.roomCode,
      r.rackCode ?? '',
      r.panel,
      r.panelPort,
      r.unitCode ?? '',
      r.officeRoomCode ?? '',
      r.officePort ?? '',
      POINT_STATUSES[r.status][0],
      r.vlan ?? '',
      r.switchDevice ?? '',
      r.switchPort ?? '',
    ]);
  for (const c of ws.columns) c.width = 14;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One parsed line of the register (codes resolved to ids by the import). */
export interface RegisterLine {
  row: number;
  code: string;
  roomCode: string;
  rackCode: string;
  panel: string;
  panelPort: string;
  unitCode: string;
  officeCode: string;
  officePort: string;
  status: string;
  vlan: number | null;
  switchDevice: string;
  switchPort: string;
}

/** The sheet's rows (header first) as register lines, with the problems of each. */
export function parseRegister(table: string[][]): { lines: RegisterLine[]; errors: { row: number; message: string }[] } {
  const [head, ...body] = table;
  const errors: { row: number; message: string }[] = [];
  const col = POINT_SHEET_COLUMNS.map((c) => (head ?? []).findIndex((h) => h.trim() === c));
  const missing = POINT_SHEET_COLUMNS.filter((_, i) => col[i] < 0 && i !== 2 && i < 9);
  if (missing.length) return { lines: [], errors: [{ row: 1, message: `缺少列：${missing.join('、')}` }] };
  const lines: RegisterLine[] = [];
  const seen = new Map<string, number>();
  body.forEach((cells, i) => {
    const row = i + 2;
    const v = (k: number) => (col[k] >= 0 ? (cells[col[k]] ?? '').trim() : '');
    if (cells.every((c) => !c.trim())) return;
    const status = STATUS_BY_LABEL.get(v(8).toLowerCase()) ?? STATUS_BY_LABEL.get(v(8));
    const vlan = v(9) ? Number(v(9)) : null;
    const line: RegisterLine = {
      row,
      code: v(0),
      roomCode: v(1),
      rackCode: v(2),
      panel: v(3),
      panelPort: v(4),
      unitCode: v(5),
      officeCode: v(6),
      officePort: v(7),
      status: status ?? '',
      vlan,
      switchDevice: v(10),
      switchPort: v(11),
    };
    const problems: string[] = [];
    if (!line.code || !line.roomCode || !line.panel || !line.panelPort) problems.push('信息点编号、机房编号、配线架与端口必填');
    if (!status) problems.push(`状态“${v(8)}”应为 在用/空闲/故障/已拆除`);
    if (vlan !== null && (!Number.isInteger(vlan) || vlan < 1 || vlan > 4094)) problems.push('VLAN 应为 1–4094');
    if (status === 'active' && !line.unitCode) problems.push('在用的信息点须填写服务单位');
    if (!!line.switchDevice !== !!line.switchPort) problems.push('交换机与交换机端口应同时填写');
    const panelKey = `${line.roomCode}|${line.panel}|${line.panelPort}`;
    for (const key of [`code:${line.code}`, `panel:${panelKey}`]) {
      if (seen.has(key)) problems.push(`与第 ${seen.get(key)} 行重复`);
      else seen.set(key, row);
    }
    if (problems.length) errors.push({ row, message: problems.join('；') });
    else lines.push(line);
  });
  if (lines.length > 20_000) errors.push({ row: 1, message: '一次最多导入 20,000 个信息点' });
  return { lines, errors };
}

/** Imports the register: codes are resolved, then ports, points and patch cords written; any problem writes nothing. */
export async function importRegister(q: Queryable, actor: Actor, table: string[][]): Promise<PointImportReport> {
  const { lines, errors } = parseRegister(table);
  if (errors.length) return { created: 0, updated: 0, errors };
  if (!lines.length) throw new AppError('bad_file', '登记表没有数据行');
  const json = JSON.stringify(lines);
  return withTx(q, async (tx) => {
    // Codes to ids, one statement; a line whose code does not resolve is reported.
    const resolved = await query<{
      row: number;
      room_id: string | null;
      rack_id: string | null;
      unit_id: string | null;
      office_id: string | null;
    }>(
      tx,
      sql`select x.row, m.id::text as room_id, r.id::text as rack_id, u.id::text as unit_id,
            (select o.id::text from rooms o where o.code = x."officeCode" and (o.unit_id = u.id or o.unit_id is null) order by o.unit_id nulls last limit 1) as office_id
          from jsonb_to_recordset(${json}::jsonb) as x(row int, "roomCode" text, "rackCode" text, "unitCode" text, "officeCode" text)
          left join machine_rooms m on m.code = x."roomCode"
          left join racks r on r.machine_room_id = m.id and r.code = x."rackCode"
          left join units u on u.code = x."unitCode"`,
    );
    const byRow = new Map(resolved.map((r) => [r.row, r]));
    const bad: { row: number; message: string }[] = [];
    const rows = lines.map((l) => {
      const r = byRow.get(l.row)!;
      const problems: string[] = [];
      if (!r.room_id) problems.push(`机房“${l.roomCode}”不存在`);
      if (l.rackCode && !r.rack_id) problems.push(`机柜“${l.rackCode}”不在该机房`);
      if (l.unitCode && !r.unit_id) problems.push(`单位“${l.unitCode}”不存在`);
      if (l.officeCode && !r.office_id) problems.push(`办公室“${l.officeCode}”不是该单位的房间`);
      if (problems.length) bad.push({ row: l.row, message: problems.join('；') });
      return { ...l, roomId: r.room_id, rackId: r.rack_id, unitId: r.unit_id, officeId: r.office_id };
    });
    if (bad.length) return { created: 0, updated: 0, errors: bad };
    const data = JSON.stringify(rows);
    const recs = sql`jsonb_to_recordset(${data}::jsonb) as x(row int, code text, "roomId" uuid, "rackId" uuid, panel text, "panelPort" text,
      "unitId" uuid, "officeId" uuid, "officePort" text, status text, vlan int, "switchDevice" text, "switchPort" text)`;
    const clash = await query<{ row: number }>(
      tx,
      sql`select x.row from ${recs} join net_ports p on p.machine_room_id = x."roomId"
          and ((p.device = x.panel and p.port = x."panelPort" and p.kind <> 'panel')
            or (p.device = x."switchDevice" and p.port = x."switchPort" and p.kind <> 'switch'))`,
    );
    if (clash.length)
      return { created: 0, updated: 0, errors: clash.map((c) => ({ row: c.row, message: '端口已登记为另一种设备的端口' })) };
    await tx.execute(sql`insert into net_ports (machine_room_id, rack_id, kind, device, port)
      select distinct on (x."roomId", x.panel, x."panelPort") x."roomId", x."rackId", 'panel', x.panel, x."panelPort" from ${recs}
      union all
      select distinct on (x."roomId", x."switchDevice", x."switchPort") x."roomId", x."rackId", 'switch', x."switchDevice", x."switchPort"
        from ${recs} where x."switchDevice" <> ''
      on conflict (machine_room_id, device, port) do update set rack_id = coalesce(excluded.rack_id, net_ports.rack_id)`);
    // A large register can double the ports: fresh statistics keep the joins below on the name index.
    if (lines.length > 500) await tx.execute(sql`analyze net_ports`);
    const taken = await query<{ row: number; code: string }>(
      tx,
      sql`select x.row, p.code from ${recs} join net_ports np on np.machine_room_id = x."roomId" and np.device = x.panel and np.port = x."panelPort"
          join info_points p on p.panel_port_id = np.id and p.code <> x.code`,
    );
    if (taken.length) throw new AppError('conflict', `第 ${taken[0].row} 行：配线架端口已由信息点 ${taken[0].code} 使用`);
    const written = await query<{ inserted: boolean }>(
      tx,
      sql`insert into info_points (code, machine_room_id, panel_port_id, unit_id, office_room_id, office_port, status, vlan)
          select x.code, x."roomId", np.id, x."unitId", x."officeId", nullif(x."officePort", ''), x.status, x.vlan from ${recs}
          join net_ports np on np.machine_room_id = x."roomId" and np.device = x.panel and np.port = x."panelPort"
          on conflict (code) do update set machine_room_id = excluded.machine_room_id, panel_port_id = excluded.panel_port_id,
            unit_id = excluded.unit_id, office_room_id = excluded.office_room_id, office_port = excluded.office_port,
            status = excluded.status, vlan = excluded.vlan, updated_at = now()
          returning (xmax = 0) as inserted`,
    );
    // Each patched line: its panel port's and its switch port's patch cords are replaced by the one in the register.
    const ends = sql`select np.id as panel, sp.id as switch from ${recs}
      join net_ports np on np.machine_room_id = x."roomId" and np.device = x.panel and np.port = x."panelPort"
      join net_ports sp on sp.machine_room_id = x."roomId" and sp.device = x."switchDevice" and sp.port = x."switchPort"`;
    await tx.execute(sql`delete from net_links where link_id in (select e.link_id from net_links e, (${ends}) t
      where e.kind = 'patch' and e.port_id in (t.panel, t.switch))`);
    await tx.execute(sql`insert into net_links (link_id, port_id, kind)
      select l.id, unnest(array[l.panel, l.switch]), 'patch' from (select gen_random_uuid() as id, t.* from (${ends}) t) l`);
    const created = written.filter((w) => w.inserted).length;
    const report = { created, updated: written.length - created, errors: [] };
    await logEvent(tx, 'info_point_register', actor.userId, 'import', actor, { created, updated: report.updated });
    return report;
  });
}
