import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUSINESS_WRITE_PERMISSIONS, PERMISSIONS, READ_ONLY_ROLES, ROLES, roleConflicts, type Role } from '../../../shared/roles.ts';
import { createCardWorld, type CardWorld } from '../../testing/world.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { query } from '../db/engine.ts';
import { createUser } from './user.service.ts';

describe('separation of duties in role assignments', () => {
  let t: TestApp;
  let w: CardWorld;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
    admin = await t.as('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives the system administrator and the read-only roles no permission that writes business records', () => {
    for (const p of BUSINESS_WRITE_PERMISSIONS) {
      const holders = PERMISSIONS[p] as readonly Role[];
      expect({ p, sysadmin: holders.includes('sysadmin') }).toEqual({ p, sysadmin: false });
      for (const r of READ_ONLY_ROLES) expect({ p, [r]: holders.includes(r) }).toEqual({ p, [r]: false });
    }
  });

  it('lets the system administrator hold no other role, anywhere', () => {
    for (const r of ROLES.filter((x) => x !== 'sysadmin')) {
      expect(
        roleConflicts([
          { role: 'sysadmin', unitId: null },
          { role: r, unitId: r.startsWith('unit_') || r === 'staff' ? w.u01 : null },
        ]),
      ).toHaveLength(1);
    }
  });

  it('refuses a new account that would be system administrator and unit asset administrator, with the reason in Chinese', async () => {
    const res = await admin.post('/api/users', {
      username: 'root2',
      displayName: '兼任者',
      password: 'Abcdefg123',
      roles: [
        { role: 'sysadmin', unitId: null },
        { role: 'unit_admin', unitId: w.u01 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({
      'roles.1.role': '系统管理员与单位资产管理员不能由同一人兼任：系统管理员只管理账号，不能兼任业务角色',
    });
    expect(res.json().message).toBe(res.json().fields['roles.1.role']);
    const [{ n }] = await query<{ n: number }>(t.database.db, sql`select count(*)::int as n from users where username = 'root2'`);
    expect(n).toBe(0);
  });

  it('refuses asset administrator plus finance in one unit, and allows them in two different units', async () => {
    const target = w.users['u01-admin'];
    const same = await admin.put(`/api/users/${target}/roles`, {
      roles: [
        { role: 'unit_admin', unitId: w.u01 },
        { role: 'unit_finance', unitId: w.u01 },
      ],
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().fields['roles.1.role']).toMatch(/^单位资产管理员与单位财务不能由同一人兼任/);
    const [{ roles }] = await query<{ roles: string[] }>(
      t.database.db,
      sql`select array_agg(role order by role) as roles from role_assignments where user_id = ${target}`,
    );
    expect(roles).toEqual(['unit_admin']);
    const apart = await admin.put(`/api/users/${target}/roles`, {
      roles: [
        { role: 'unit_admin', unitId: w.u01 },
        { role: 'unit_finance', unitId: w.u02 },
      ],
    });
    expect(apart.statusCode).toBe(200);
    await admin.put(`/api/users/${target}/roles`, { roles: [{ role: 'unit_admin', unitId: w.u01 }] });
  });

  it('refuses an auditor who also approves, and refuses the same combination from the command line (createUser)', async () => {
    const res = await admin.put(`/api/users/${w.users.auditor}/roles`, {
      roles: [
        { role: 'auditor', unitId: null },
        { role: 'asset_office', unitId: null },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields['roles.1.role']).toMatch(/内审\/纪检与资产管理处不能由同一人兼任/);
    await expect(
      createUser(
        t.database.db,
        {
          username: 'cli-dual',
          displayName: 'cli',
          unitId: null,
          staffId: null,
          password: null,
          roles: [
            { role: 'sysadmin', unitId: null },
            { role: 'asset_office', unitId: null },
          ],
        },
        { userId: null, username: 'cli' },
      ),
    ).rejects.toMatchObject({ id: 'validation', message: expect.stringMatching(/系统管理员与资产管理处不能由同一人兼任/) });
  });

  it('answers 403 to the system administrator on chain edits, approvals and execution', async () => {
    expect((await admin.put('/api/chains/disposal', { steps: [] })).statusCode).toBe(403);
    expect((await admin.post(`/api/documents/${crypto.randomUUID()}/approve`, {})).statusCode).toBe(403);
    expect((await admin.post(`/api/documents/${crypto.randomUUID()}/execute`, {})).statusCode).toBe(403);
  });
});
