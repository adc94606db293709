import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedFilter } from '../../../shared/prefs.contracts.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, SALE, type WorkflowWorld } from '../../testing/world.ts';

// Lists people shape for the document list and the inbox: their filter panel's fields, their own
// settings (list keys `documents` and `inbox`) and saved filters, invalid when what they name is gone.
describe('the document list and the inbox in the list people shape', { timeout: 60_000 }, () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let staff: Client, admin: Client, officer: Client;
  const docs: Record<'a' | 'b' | 'c', { id: string; docNo: string }> = {} as never;
  const ids = (res: { json(): { items: { id: string }[] } }) =>
    res
      .json()
      .items.map((d) => d.id)
      .sort();

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [staff, admin, officer] = await Promise.all(['u01-staff', 'u01-admin', 'officer'].map((u) => t.as(u)));
    const requisition = async (departmentId: string) =>
      createDoc(staff, {
        type: 'requisition',
        payload: { departmentId, custodianId: departmentId === w.u01Dept ? w.u01Staff : w.u01Staff2 },
        lines: [{ cardId: (await idleCard(t.database, w)).id }],
      });
    const made = {
      a: await requisition(w.u01Dept),
      b: await requisition(w.u01Dept2),
      c: await createDoc(staff, { type: 'disposal', payload: SALE, lines: [{ cardId: (await idleCard(t.database, w)).id }] }),
    };
    for (const [k, id] of Object.entries(made)) {
      await expectOk(staff.post(`/api/documents/${id}/submit`));
      docs[k as 'a'] = { id, docNo: (await staff.get(`/api/documents/${id}`)).json().docNo };
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('filters the inbox and the document list by type, unit, department and number', async () => {
    const sorted = (...xs: string[]) => [...xs].sort();
    // The administrator decides the requisitions' first step; the disposal's is the leader's.
    expect(ids(await admin.get('/api/inbox'))).toEqual(sorted(docs.a.id, docs.b.id));
    expect(ids(await admin.get('/api/inbox?type=disposal'))).toEqual([]);
    expect(ids(await admin.get(`/api/inbox?departmentId=${w.u01Dept2}`))).toEqual([docs.b.id]);
    expect(ids(await admin.get(`/api/inbox?q=${docs.a.docNo}`))).toEqual([docs.a.id]);
    expect(ids(await admin.get(`/api/documents?type=requisition&departmentId=${w.u01Dept}`))).toEqual([docs.a.id]);
    expect(ids(await officer.get(`/api/documents?unitId=${w.u02}`))).toEqual([]);
    expect(ids(await officer.get(`/api/documents?unitId=${w.u01}&type=disposal`))).toEqual([docs.c.id]);
  });

  it('keeps each list’s settings apart, and marks a saved filter on a deleted department invalid without breaking the list', async () => {
    const inboxSettings = { columns: [{ key: 'title', visible: false }], density: 'large', pageSize: 50, filtersOpen: false };
    await expectOk(admin.put('/api/list-settings/inbox', inboxSettings));
    await expectOk(admin.put('/api/list-settings/documents', { pageSize: 100 }));
    const again = await t.as('u01-admin');
    expect((await again.get('/api/list-settings/inbox')).json()).toEqual(inboxSettings);
    expect((await again.get('/api/list-settings/documents')).json()).toEqual({ pageSize: 100 });

    const [{ id: gone }] = await query<{ id: string }>(
      t.database.db,
      sql`INSERT INTO departments (unit_id, name) VALUES (${w.u01}, '临时专班') RETURNING id::text`,
    );
    for (const [listId, name, filter] of [
      ['documents', '专班的领用', { type: 'requisition', departmentId: gone }],
      ['inbox', '二处待批', { departmentId: w.u01Dept2 }],
    ] as const) {
      const res = await admin.post('/api/saved-filters', { listId, name, filter, shared: true });
      expect(res.statusCode, res.body).toBe(201);
    }
    await t.database.db.execute(sql`DELETE FROM departments WHERE id = ${gone}`);
    const saved = async (listId: string) =>
      ((await again.get(`/api/saved-filters?listId=${listId}`)).json().items as SavedFilter[]).map((f) => [f.name, f.invalid]);
    expect(await saved('documents')).toEqual([['专班的领用', '部门已删除']]);
    expect(await saved('inbox')).toEqual([['二处待批', null]]);
    // Opened anyway (an old link): an empty list, not an error.
    const res = await admin.get(`/api/documents?type=requisition&departmentId=${gone}`);
    expect([res.statusCode, res.json().total]).toEqual([200, 0]);
  });
});
