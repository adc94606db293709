import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedFilter } from '../../../shared/prefs.contracts.ts';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { createCardWorld, type CardWorld } from '../../testing/world.ts';

describe('lists people shape: settings and saved filters on the server', () => {
  let t: TestApp;
  let w: CardWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
    await insertUser(t.database.db, 'u01-admin2', TEST_PASSWORD, [{ role: 'unit_admin', unitId: w.u01 }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('keeps a user’s list settings across sign-ins, and only theirs', async () => {
    const settings = {
      columns: [
        { key: 'name', visible: true, width: 240 },
        { key: 'cardNo', visible: true },
        { key: 'brand', visible: false },
      ],
      density: 'small',
      pageSize: 100,
      filtersOpen: false,
    };
    const first = await t.as('u01-admin');
    expect((await first.put('/api/list-settings/cards', settings)).statusCode).toBe(200);
    // Another sign-in (another browser): the same settings.
    const second = await t.as('u01-admin');
    expect((await second.get('/api/list-settings/cards')).json()).toEqual(settings);
    expect((await second.get('/api/list-settings/documents')).json()).toEqual({});
    expect((await (await t.as('u01-admin2')).get('/api/list-settings/cards')).json()).toEqual({});
    expect((await first.put('/api/list-settings/cards', { pageSize: 500 })).statusCode).toBe(400);
  });

  it('shares a saved filter with the unit, keeps a personal one to its owner, and marks one on a deactivated department invalid', async () => {
    const admin = await t.as('u01-admin');
    const colleague = await t.as('u01-admin2');
    const other = await t.as('u02-admin');
    const post = async (body: object) => {
      const res = await admin.post('/api/saved-filters', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const mineId = await post({ listId: 'cards', name: '闲置电脑', filter: { status: ['idle'] } });
    const sharedId = await post({ listId: 'cards', name: '二处的资产', filter: { departmentId: w.u01Dept2 }, shared: true });
    const names = async (c: typeof admin) =>
      ((await c.get('/api/saved-filters?listId=cards')).json().items as SavedFilter[]).map((f) => [f.name, f.shared, f.mine, f.invalid]);
    expect(await names(admin)).toEqual([
      ['二处的资产', true, true, null],
      ['闲置电脑', false, true, null],
    ]);
    expect(await names(colleague)).toEqual([['二处的资产', true, false, null]]);
    expect(await names(other)).toEqual([]);

    // The department is deactivated: the filter stays, marked invalid, and the list of filters still answers.
    await t.database.db.execute(sql`UPDATE departments SET active = false WHERE id = ${w.u01Dept2}`);
    expect(await names(colleague)).toEqual([['二处的资产', true, false, '部门已停用']]);

    // Only its owner deletes it; to others it is not found.
    expect((await colleague.delete(`/api/saved-filters/${sharedId}`)).statusCode).toBe(404);
    expect((await other.delete(`/api/saved-filters/${mineId}`)).statusCode).toBe(404);
    expect((await admin.delete(`/api/saved-filters/${sharedId}`)).statusCode).toBe(200);
    expect(await names(colleague)).toEqual([]);
  });
});
