import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkCreated, BulkPreview } from '../../../shared/bulk.contracts.ts';
import { query, queryOne } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addCard, createDoc, createWorkflowWorld, idleCard, type WorkflowWorld } from '../../testing/world.ts';

describe('批量办理 from the card library', { timeout: 120_000 }, () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client, admin2: Client, officer: Client;
  const ids: Record<string, string> = {};

  const documentsCount = async () => (await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM documents`))!.n;
  const linesOf = (docId: string) =>
    query<{ card_id: string; line_no: number; amount_fen: number }>(
      t.database.db,
      sql`SELECT card_id::text, line_no, amount_fen::int FROM document_lines WHERE document_id = ${docId} ORDER BY line_no`,
    );
  const preview = async (c: Client, body: object): Promise<BulkPreview> => {
    const res = await c.post('/api/bulk-documents/preview', body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** Copies a card n times with its value (one statement: the test's world, not a registration). */
  const copies = async (templateId: string, n: number, valueFen: number) => {
    const cols = (await queryOne<{ c: string }>(
      t.database.db,
      sql`SELECT string_agg(quote_ident(column_name), ', ') AS c FROM information_schema.columns
        WHERE table_name = 'cards' AND table_schema = current_schema() AND is_generated = 'NEVER' AND column_default IS DISTINCT FROM 'x'`,
    ))!.c;
    await t.database.db.execute(sql`INSERT INTO cards (${sql.raw(cols)}) SELECT ${sql.raw(cols)} FROM jsonb_populate_recordset(NULL::cards,
      (SELECT jsonb_agg(to_jsonb(c) || jsonb_build_object('id', gen_random_uuid(), 'card_no', c.card_no || '-' || lpad(g::text, 5, '0'),
        'original_value_fen', ${valueFen}::bigint, 'serial_no', 'BULK-' || g, 'version', 1))
      FROM cards c, generate_series(1, ${n}) g WHERE c.id = ${templateId}))`);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    // Four idle desktops of u01 (value 1,000.00, 2,000.00, 3,000.00, 4,000.00 yuan), one in use, one of u02.
    for (const [k, v] of [
      ['a', 100_000],
      ['b', 200_000],
      ['c', 300_000],
      ['d', 400_000],
    ] as const)
      ids[k] = (await idleCard(t.database, w, { originalValueFen: v, serialNo: `B-${k}`, spec: 'BULK-SPEC' })).id;
    ids.inUse = (await addCard(t.database, w, { originalValueFen: 500_000, serialNo: 'B-e', spec: 'BULK-SPEC' })).id;
    ids.u02 = (
      await idleCard(t.database, w, {
        unitId: w.u02,
        originalValueFen: 700_000,
        serialNo: 'B-f',
        spec: 'BULK-SPEC',
        roomId: w.u02Room,
      })
    ).id;
    [admin, admin2, officer] = await Promise.all(['u01-admin', 'u02-admin', 'officer'].map((u) => t.as(u)));
    // Card d is held by an open draft 领用.
    await createDoc(admin, {
      type: 'requisition',
      payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
      lines: [{ cardId: ids.d }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('confirms the count, the original value and the cards that cannot go, before anything is written', async () => {
    const before = await documentsCount();
    const p = await preview(admin, { type: 'requisition', selection: { filter: { status: ['idle', 'in_use'] } } });
    // a, b, c go (6,000.00 yuan); d is held, the in-use card has the wrong status; u02's card is not in scope.
    expect({ count: p.count, totalFen: p.totalFen, blockedCount: p.blockedCount }).toEqual({
      count: 3,
      totalFen: 600_000,
      blockedCount: 2,
    });
    expect(p.units).toEqual([{ unitId: w.u01, unitName: expect.any(String), count: 3, totalFen: 600_000 }]);
    expect(p.blocked.map((b) => [b.cardId, b.reason, b.docNo?.slice(0, 2) ?? null])).toEqual(
      expect.arrayContaining([
        [ids.d, 'held', 'LY'],
        [ids.inUse, 'status', null],
      ]),
    );
    expect(p.token).toMatch(/^3\./);
    expect(await documentsCount()).toBe(before);
  });

  it('creates one draft with the ticked cards filled in, through the document type', async () => {
    const p = await preview(admin, { type: 'requisition', selection: { cardIds: [ids.a, ids.b] } });
    const res = await admin.post('/api/bulk-documents', {
      type: 'requisition',
      payload: { departmentId: w.u01Dept, custodianId: w.u01Staff, roomId: w.u01Room },
      selection: { cardIds: [ids.a, ids.b] },
      token: p.token,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created: BulkCreated = res.json();
    expect(created.count).toBe(2);
    expect(created.documents).toHaveLength(1);
    const doc = (await admin.get(`/api/documents/${created.documents[0].id}`)).json();
    expect({ type: doc.type, status: doc.status, totalFen: doc.totalFen, unitId: doc.unitId }).toEqual({
      type: 'requisition',
      status: 'draft',
      totalFen: 300_000,
      unitId: w.u01,
    });
    expect((await linesOf(doc.id)).map((l) => [l.line_no, l.card_id, l.amount_fen])).toEqual([
      [1, ids.a, 100_000],
      [2, ids.b, 200_000],
    ]);
  });

  it("refuses a unit administrator's selection that names another unit's card, and writes nothing", async () => {
    const before = await documentsCount();
    const body = { type: 'return', selection: { cardIds: [ids.inUse, ids.u02] } };
    expect((await admin.post('/api/bulk-documents/preview', body)).statusCode).toBe(404);
    expect((await admin.post('/api/bulk-documents', { ...body, token: '2.x' })).statusCode).toBe(404);
    // Through the filter, another unit's cards are simply not there.
    expect((await preview(admin, { type: 'requisition', selection: { filter: { unitId: w.u02 } } })).count).toBe(0);
    expect((await preview(admin2, { type: 'requisition', selection: { filter: {} } })).count).toBe(1);
    expect(await documentsCount()).toBe(before);
  });

  it('makes one document per unit for a selection across units', async () => {
    const selection = { cardIds: [ids.c, ids.u02] };
    const p = await preview(officer, { type: 'disposal', selection });
    expect(p.units.map((u) => [u.unitId, u.count, u.totalFen]).sort()).toEqual(
      [
        [w.u01, 1, 300_000],
        [w.u02, 1, 700_000],
      ].sort(),
    );
    const res = await officer.post('/api/bulk-documents', {
      type: 'disposal',
      payload: { disposalMethod: 'scrap', note: '到期报废' },
      selection,
      token: p.token,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created: BulkCreated = res.json();
    expect(created.documents.map((d) => [d.unitId, d.count]).sort()).toEqual(
      [
        [w.u01, 1],
        [w.u02, 1],
      ].sort(),
    );
  });

  it('transfers to another unit with one document per source unit, its receiving side filled in, all or nothing', async () => {
    const one = async (statement: ReturnType<typeof sql>) => (await query<{ id: string }>(t.database.db, statement))[0].id;
    const u03 = await one(sql`INSERT INTO units (code, name) VALUES ('11003', '市审计局') RETURNING id::text`);
    const u03Dept = await one(sql`INSERT INTO departments (unit_id, name) VALUES (${u03}, '财务处') RETURNING id::text`);
    const u03Staff = await one(
      sql`INSERT INTO staff (unit_id, department_id, name, rank) VALUES (${u03}, ${u03Dept}, '赵敏', 'below_bureau') RETURNING id::text`,
    );
    const x = (await idleCard(t.database, w, { originalValueFen: 110_000, serialNo: 'B-x' })).id;
    const y = (await idleCard(t.database, w, { unitId: w.u02, originalValueFen: 220_000, serialNo: 'B-y', roomId: w.u02Room })).id;
    const selection = { cardIds: [x, y] };

    // To u02: u02's own card is already there; u01's goes.
    const toU02 = await preview(officer, { type: 'transfer', counterpartUnitId: w.u02, selection });
    expect([toU02.count, toU02.totalFen, toU02.units.map((u) => u.unitId)]).toEqual([1, 110_000, [w.u01]]);
    expect(toU02.blocked.map((b) => [b.cardId, b.reason])).toEqual([[y, 'receiving']]);

    // To u03 with a department of u01 as the receiving department: refused, nothing written.
    const p = await preview(officer, { type: 'transfer', counterpartUnitId: u03, selection });
    expect([p.count, p.totalFen, p.blockedCount]).toEqual([2, 330_000, 0]);
    const before = await documentsCount();
    const wrong = await officer.post('/api/bulk-documents', {
      type: 'transfer',
      counterpartUnitId: u03,
      payload: { departmentId: w.u01Dept },
      selection,
      token: p.token,
    });
    expect(wrong.statusCode).toBe(400);
    expect(await documentsCount()).toBe(before);

    const res = await officer.post('/api/bulk-documents', {
      type: 'transfer',
      counterpartUnitId: u03,
      payload: { departmentId: u03Dept, custodianId: u03Staff },
      selection,
      token: p.token,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created: BulkCreated = res.json();
    const docs = await Promise.all(created.documents.map(async (d) => (await officer.get(`/api/documents/${d.id}`)).json()));
    expect(docs.map((d) => [d.unitId, d.counterpartUnitId, d.totalFen, d.payload.departmentId, d.payload.custodianId]).sort()).toEqual(
      [
        [w.u01, u03, 110_000, u03Dept, u03Staff],
        [w.u02, u03, 220_000, u03Dept, u03Staff],
      ].sort(),
    );
  });

  it('changes the custodian of many cards through one 变动 document, and no other kind of change', async () => {
    const selection = { cardIds: [ids.inUse] };
    const p = await preview(admin, { type: 'change', payload: { changeKind: 'handover' }, selection });
    expect(p.count).toBe(1);
    const res = await admin.post('/api/bulk-documents', {
      type: 'change',
      payload: { changeKind: 'handover', custodianId: w.u01Staff2, departmentId: w.u01Dept2 },
      selection,
      token: p.token,
    });
    expect(res.statusCode, res.body).toBe(201);
    const doc = (await admin.get(`/api/documents/${(res.json() as BulkCreated).documents[0].id}`)).json();
    expect(doc.payload).toMatchObject({ custodianId: w.u01Staff2, departmentId: w.u01Dept2 });
    const reval = await admin.post('/api/bulk-documents/preview', {
      type: 'change',
      payload: { changeKind: 'revaluation', newValueFen: 1 },
      selection,
    });
    expect(reval.statusCode).toBe(400);
  });

  it('creates "all matching the filter" at 10,000 cards all or nothing, holding exactly the count confirmed', async () => {
    const template = (await idleCard(t.database, w, { originalValueFen: 12_345, serialNo: 'B-T' })).id;
    await copies(template, 9_999, 12_345);
    const filter = { valueMin: 12_345, valueMax: 12_345, status: ['idle'] };
    const p = await preview(admin, { type: 'return', selection: { filter } });
    // Idle cards cannot be returned: all 10,000 blocked; as 领用 all 10,000 go.
    expect([p.count, p.blockedCount]).toEqual([0, 10_000]);
    const confirmed = await preview(admin, { type: 'requisition', selection: { filter } });
    expect([confirmed.count, confirmed.totalFen, confirmed.blocked.length]).toEqual([10_000, 123_450_000, 0]);

    // Meanwhile one of them goes into another document: the confirmed set is gone, nothing is written.
    const [taken] = await query<{ id: string }>(
      t.database.db,
      sql`SELECT id::text FROM cards WHERE original_value_fen = 12345 ORDER BY card_no DESC LIMIT 1`,
    );
    await createDoc(admin, { type: 'disposal', payload: { disposalMethod: 'scrap', note: '损毁' }, lines: [{ cardId: taken.id }] });
    const before = await documentsCount();
    const payload = { departmentId: w.u01Dept, custodianId: w.u01Staff };
    const refused = await admin.post('/api/bulk-documents', {
      type: 'requisition',
      payload,
      selection: { filter },
      token: confirmed.token,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toBe('所选资产已变化：确认时 10000 张，现在可办理 9999 张。未创建任何单据，请重新确认。');
    expect(await documentsCount()).toBe(before);

    // Confirmed again: one document with exactly the 9,999 cards.
    const t0 = Date.now();
    const again = await preview(admin, { type: 'requisition', selection: { filter } });
    const t1 = Date.now();
    expect([again.count, again.blockedCount]).toEqual([9_999, 1]);
    const res = await admin.post('/api/bulk-documents', { type: 'requisition', payload, selection: { filter }, token: again.token });
    expect(res.statusCode, res.body).toBe(201);
    console.info(`bulk over 9,999 cards: confirmation ${t1 - t0} ms, creation ${Date.now() - t1} ms`);
    const created: BulkCreated = res.json();
    expect(created.documents.map((d) => d.count)).toEqual([9_999]);
    const lines = await linesOf(created.documents[0].id);
    expect(lines).toHaveLength(9_999);
    expect(lines.some((l) => l.card_id === taken.id)).toBe(false);
    const doc = await queryOne<{ total_fen: number }>(
      t.database.db,
      sql`SELECT total_fen::int FROM documents WHERE id = ${created.documents[0].id}`,
    );
    expect(doc!.total_fen).toBe(9_999 * 12_345);
  });
});
