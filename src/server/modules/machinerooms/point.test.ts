import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { createCardWorld, type CardWorld, world } from '../../testing/world.ts';
import { readXlsx } from '../catalog/index.ts';
import { DEMO_SLA } from './machinerooms.seed.ts';
import { importRegister, registerWorkbook } from './point.excel.ts';
import { registerRows } from './point.queries.ts';

const HEAD = [
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
];

describe('information points: register, patching, trace, scope, import and export, requests as documents', { timeout: 120_000 }, () => {
  let t: TestApp;
  let w: CardWorld;
  let officer: Client, vendor: Client, vendor2: Client, u01: Client, u02: Client, u01staff: Client;
  let roomA: string, rackA1: string, rackA2: string;
  let p1: string;

  const ok = async (p: Promise<{ statusCode: number; body: string; json(): unknown }>, code = 201) => {
    const res = await p;
    expect(res.statusCode, res.body).toBe(code);
    return res.json() as { id: string } & Record<string, unknown>;
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
    const wd = world(t.database);
    await wd.user('vendor2', 'vendor', null);
    await wd.user('u01-leader', 'unit_leader', w.u01);
    [officer, vendor, vendor2, u01, u02, u01staff] = await Promise.all(
      ['officer', 'vendor', 'vendor2', 'u01-admin', 'u02-admin', 'u01-staff'].map((u) => t.as(u)),
    );
    const rooms: string[] = [];
    for (const code of ['MRA', 'MRB']) {
      const r = await ok(officer.post('/api/machine-rooms', { code, name: `机房${code}`, areaM2: 800, grade: 'A' }));
      const row = await ok(officer.post(`/api/machine-rooms/${r.id}/rows`, { code: 'A', name: 'A 列' }));
      for (const rack of ['A01', 'A02']) {
        const k = await ok(officer.post(`/api/machine-rooms/${r.id}/racks`, { rowId: row.id, code: rack, name: rack, heightU: 42 }));
        if (code === 'MRA') [rackA1, rackA2] = rack === 'A01' ? [k.id, rackA2] : [rackA1, k.id];
      }
      rooms.push(r.id);
    }
    roomA = rooms[0];
    for (const [name, user, room] of [
      ['甲运维公司', 'vendor', rooms[0]],
      ['乙运维公司', 'vendor2', rooms[1]],
    ] as const) {
      const v = await ok(officer.post('/api/om/vendors', { name }));
      await ok(officer.post(`/api/om/vendors/${v.id}/accounts`, { username: user }), 200);
      await ok(
        officer.post('/api/om/contracts', {
          contractNo: `HT-${user}`,
          name: `${name}运维合同`,
          vendorId: v.id,
          startsOn: '2026-01-01',
          endsOn: '2030-12-31',
          amountFen: 120_000_000,
          machineRoomIds: [room],
          sla: DEMO_SLA,
        }),
      );
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('traces an office port through its panel, a cross-connect and a trunk cable to the switch port, hop by hop', async () => {
    p1 = (
      await ok(
        officer.post('/api/info-points', {
          code: 'MRA-0001',
          machineRoomId: roomA,
          rackId: rackA1,
          panel: 'PP-A01-1',
          panelPort: '01',
          unitId: w.u01,
          officeRoomId: w.u01Room,
          officePort: '301-01',
          status: 'active',
          vlan: 120,
        }),
      )
    ).id;
    const port = (rackId: string, kind: string, device: string, p: string) => ({ rackId, kind, device, port: p });
    await ok(
      officer.post('/api/net-links', {
        machineRoomId: roomA,
        kind: 'patch',
        a: port(rackA1, 'panel', 'PP-A01-1', '01'),
        b: port(rackA1, 'panel', 'ODF-A01', '07'),
      }),
    );
    await ok(
      officer.post('/api/net-links', {
        machineRoomId: roomA,
        kind: 'cable',
        a: port(rackA1, 'panel', 'ODF-A01', '07'),
        b: port(rackA2, 'panel', 'ODF-A02', '07'),
      }),
    );
    await ok(
      officer.post('/api/net-links', {
        machineRoomId: roomA,
        kind: 'patch',
        a: port(rackA2, 'switch', 'SW-CORE-1', 'Gi1/0/7'),
        b: port(rackA2, 'panel', 'ODF-A02', '07'),
      }),
    );
    const trace = await ok(officer.get(`/api/info-points/${p1}/trace`), 200);
    expect(
      (trace.hops as { kind: string; device: string; port: string; rackCode: string | null; via: string | null }[]).map((h) => [
        h.kind,
        h.device,
        h.port,
        h.rackCode,
        h.via,
      ]),
    ).toEqual([
      ['office', '301', '301-01', null, null],
      ['panel', 'PP-A01-1', '01', 'A01', 'cable'],
      ['panel', 'ODF-A01', '07', 'A01', 'patch'],
      ['panel', 'ODF-A02', '07', 'A02', 'cable'],
      ['switch', 'SW-CORE-1', 'Gi1/0/7', 'A02', 'patch'],
    ]);
    expect(trace.switchPort).toEqual({ device: 'SW-CORE-1', port: 'Gi1/0/7', rackCode: 'A02' });
    // A second patch cord on a port already patched is refused by the key of the link ends.
    const twice = await officer.post('/api/net-links', {
      machineRoomId: roomA,
      kind: 'patch',
      a: port(rackA1, 'panel', 'PP-A01-1', '01'),
      b: port(rackA2, 'switch', 'SW-CORE-1', 'Gi1/0/8'),
    });
    expect(twice.statusCode).toBe(409);
    // A second point on one panel port, too.
    const same = await officer.post('/api/info-points', {
      code: 'MRA-0099',
      machineRoomId: roomA,
      panel: 'PP-A01-1',
      panelPort: '01',
      status: 'spare',
    });
    expect(same.statusCode).toBe(409);
  });

  it('shows a unit the points serving it, a vendor its contract rooms’ points, and nothing else', async () => {
    const codes = async (c: Client) =>
      ((await ok(c.get('/api/info-points?pageSize=100'), 200)).items as { code: string }[]).map((p) => p.code);
    expect(await codes(u01)).toContain('MRA-0001');
    expect(await codes(u02)).not.toContain('MRA-0001');
    expect(await codes(vendor)).toContain('MRA-0001');
    expect(await codes(vendor2)).toEqual([]);
    expect((await u02.get(`/api/info-points/${p1}/trace`)).statusCode).toBe(404);
    expect((await vendor2.get(`/api/info-points/${p1}`)).statusCode).toBe(404);
    expect(
      (await u01.post('/api/info-points', { code: 'X', machineRoomId: roomA, panel: 'P', panelPort: '1', status: 'spare' })).statusCode,
    ).toBe(403);
  });

  it('imports a room’s register from a spreadsheet (all or nothing), re-imports as updates, and exports it back', async () => {
    const sheet = [
      HEAD,
      ['MRA-0101', 'MRA', 'A01', 'PP-A01-2', '01', '11001', '301', '301-02', '在用', '120', 'SW-ACC-1', 'Gi1/0/1'],
      ['MRA-0102', 'MRA', 'A01', 'PP-A01-2', '02', '11002', '302', '302-01', '在用', '130', 'SW-ACC-1', 'Gi1/0/2'],
      ['MRA-0103', 'MRA', 'A01', 'PP-A01-2', '03', '', '', '', '空闲', '', '', ''],
    ];
    const actor = await world(t.database).actor('officer');
    const bad = await importRegister(t.database.db, actor, [
      ...sheet,
      ['MRA-0104', 'MRA', 'A01', 'PP-A01-2', '04', '99999', '', '', '在用', '', '', ''],
    ]);
    expect(bad).toEqual({ created: 0, updated: 0, errors: [{ row: 5, message: '单位“99999”不存在' }] });
    const none = await query(t.database.db, sql`select 1 from info_points where code like 'MRA-01%'`);
    expect(none).toHaveLength(0);

    expect(await importRegister(t.database.db, actor, sheet)).toEqual({ created: 3, updated: 0, errors: [] });
    const again = sheet.map((r, i) => (i === 1 ? r.map((c, k) => (k === 9 ? '121' : c)) : r));
    expect(await importRegister(t.database.db, actor, again)).toEqual({ created: 0, updated: 3, errors: [] });
    const listed = (await ok(u01.get('/api/info-points?pageSize=100&sort=code'), 200)).items as {
      code: string;
      vlan: number | null;
      officeRoomCode: string | null;
    }[];
    expect(listed.map((p) => [p.code, p.vlan, p.officeRoomCode])).toEqual([
      ['MRA-0001', 120, '301'],
      ['MRA-0101', 121, '301'],
    ]);
    const id = (await query<{ id: string }>(t.database.db, sql`select id::text from info_points where code = 'MRA-0102'`))[0].id;
    const trace = await ok(officer.get(`/api/info-points/${id}/trace`), 200);
    expect(trace.switchPort).toEqual({ device: 'SW-ACC-1', port: 'Gi1/0/2', rackCode: 'A01' });

    const back = await readXlsx(await registerWorkbook(await registerRows(t.database.db, actor, roomA)));
    expect(back[0]).toEqual(HEAD);
    expect(back.slice(1).map((r) => r.join('|'))).toEqual([
      'MRA-0001|MRA|A01|PP-A01-1|01|11001|301|301-01|在用|120||',
      'MRA-0101|MRA|A01|PP-A01-2|01|11001|301|301-02|在用|121|SW-ACC-1|Gi1/0/1',
      'MRA-0102|MRA|A01|PP-A01-2|02|11002|302|302-01|在用|130|SW-ACC-1|Gi1/0/2',
      'MRA-0103|MRA|A01|PP-A01-2|03||||空闲|||',
    ]);
  });

  it('installs a spare point for a unit by an approved request document, then removes it by another', async () => {
    const draft = async (action: string, line: Record<string, unknown>) => {
      const d = await ok(u01staff.post('/api/documents', { type: 'point_request', payload: { action, vlan: 140 }, lines: [line] }));
      return d.id;
    };
    const run = async (id: string) => {
      await ok(u01staff.post(`/api/documents/${id}/submit`), 200);
      for (const who of [u01, officer]) await ok(who.post(`/api/documents/${id}/approve`, {}), 200);
      await ok(officer.post(`/api/documents/${id}/execute`), 200);
    };
    // Another unit's point cannot be installed over: only a spare one.
    const refused = await draft('install', { name: 'MRA-0102', forRoomId: w.u01Room, spec: '301-09' });
    const sub = await u01staff.post(`/api/documents/${refused}/submit`);
    expect(sub.statusCode).toBe(400);
    expect(sub.json().fields).toEqual({ 'lines.0.name': '信息点 MRA-0102 不是空闲状态，不能开通' });

    await run(await draft('install', { name: 'MRA-0103', forRoomId: w.u01Room, spec: '301-05' }));
    const p = await query<{ status: string; unit_id: string; office_port: string; vlan: number }>(
      t.database.db,
      sql`select status, unit_id::text, office_port, vlan from info_points where code = 'MRA-0103'`,
    );
    expect(p[0]).toEqual({ status: 'active', unit_id: w.u01, office_port: '301-05', vlan: 140 });

    await run(await draft('remove', { name: 'MRA-0103' }));
    const q = await query<{ status: string; unit_id: string | null }>(
      t.database.db,
      sql`select status, unit_id::text from info_points where code = 'MRA-0103'`,
    );
    expect(q[0]).toEqual({ status: 'spare', unit_id: null });
  });

  it('takes a work order on a point of the reporting unit, showing the point, and refuses another unit’s point', async () => {
    const wo = await ok(u01staff.post('/api/work-orders', { pointId: p1, priority: 'p3', title: '信息点不通' }));
    const view = await ok(vendor.get(`/api/work-orders/${wo.id}`), 200);
    expect(view.pointCode).toBe('MRA-0001');
    expect(view.rackCode).toBe('A01');
    const other = await u02.post('/api/work-orders', { pointId: p1, priority: 'p3', title: '不是我的' });
    expect(other.statusCode).toBe(400);
  });
});
