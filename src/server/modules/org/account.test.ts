import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { idOf, demoTestApp, signIn, unitId } from '../../testing/world.ts';

describe('user accounts, roles and the security log', () => {
  let t: TestApp;
  let u01: string;
  let u02: string;
  beforeAll(async () => {
    t = await demoTestApp();
    u01 = await unitId(t, '11001');
    u02 = await unitId(t, '11002');
  });
  afterAll(async () => {
    await t.close();
  });

  const events = (kind: string, target: string) =>
    query<{ username: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`select username, details from security_events where kind = ${kind} and details->>'target' = ${target} order by id`,
    );

  it('creates an account bound to a staff member, taking the unit and name from it, and logs the grant', async () => {
    const admin = await signIn(t, 'admin');
    const staffId = await idOf(t, 'staff', sql`employee_no = '110010005'`);
    const res = await admin.post('/api/users', { username: 'u01-clerk', staffId, roles: [{ role: 'staff', unitId: u01 }] });
    expect(res.statusCode).toBe(201);
    expect(res.json().password).toMatch(/^[A-Za-z0-9]{12}$/);
    const user = (await admin.get(`/api/users/${res.json().id}`)).json();
    expect(user).toMatchObject({
      username: 'u01-clerk',
      unitId: u01,
      staffId,
      mustChangePassword: true,
      roles: [{ role: 'staff', unitId: u01 }],
    });
    expect(user.displayName).toBe(user.staffName);
    expect(await events('user_created', 'u01-clerk')).toHaveLength(1);
    expect(await events('role_granted', 'u01-clerk')).toEqual([
      { username: 'admin', details: expect.objectContaining({ role: 'staff', unitId: u01 }) },
    ]);
    // The generated password works.
    await expect(t.as('u01-clerk', res.json().password)).resolves.toBeTruthy();
  });

  it('refuses a taken username with 409 and names it', async () => {
    const admin = await signIn(t, 'admin');
    const res = await admin.post('/api/users', { username: 'u01-admin', displayName: '重复', password: 'Abcdefg123' });
    expect(res.statusCode).toBe(409);
    expect(res.json().fields).toHaveProperty('username');
  });

  it('refuses a unit role without a unit and a system role with one, naming the grant', async () => {
    const admin = await signIn(t, 'admin');
    const target = await idOf(t, 'users', sql`username = 'u01-staff'`);
    const res = await admin.put(`/api/users/${target}/roles`, {
      roles: [
        { role: 'unit_admin', unitId: null },
        { role: 'auditor', unitId: u01 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ 'roles.0.unitId': expect.any(String), 'roles.1.unitId': expect.any(String) });
    const weak = await admin.post('/api/users', { username: 'weakling', displayName: '弱', password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields).toHaveProperty('password');
  });

  it('replaces roles, logging each grant and revocation, and the new role takes effect', async () => {
    const admin = await signIn(t, 'admin');
    const target = await idOf(t, 'users', sql`username = 'u01-staff'`);
    const res = await admin.put(`/api/users/${target}/roles`, { roles: [{ role: 'unit_admin', unitId: u01 }] });
    expect(res.json()).toEqual({ granted: 1, revoked: 1 });
    expect(await events('role_granted', 'u01-staff')).toEqual([
      { username: 'admin', details: expect.objectContaining({ role: 'unit_admin' }) },
    ]);
    expect(await events('role_revoked', 'u01-staff')).toEqual([{ username: 'admin', details: expect.objectContaining({ role: 'staff' }) }]);
    const promoted = await signIn(t, 'u01-staff');
    expect((await promoted.post(`/api/units/${u01}/departments`, { name: '新设处' })).statusCode).toBe(201);
  });

  it('resets a password: the old one stops working and the user must change the new one', async () => {
    const admin = await signIn(t, 'admin');
    const target = await idOf(t, 'users', sql`username = 'u03-staff'`);
    const res = await admin.post(`/api/users/${target}/reset-password`, {});
    expect(res.statusCode).toBe(200);
    const pw = res.json().password;
    await expect(signIn(t, 'u03-staff')).rejects.toThrow(/401/);
    const fresh = await t.as('u03-staff', pw);
    expect((await fresh.get('/api/auth/me')).json().mustChangePassword).toBe(true);
    expect(await events('password_reset', 'u03-staff')).toHaveLength(1);
  });

  it('deactivates an account: it can no longer sign in, and its open session ends', async () => {
    const session = await signIn(t, 'u03-finance');
    const admin = await signIn(t, 'admin');
    const target = await idOf(t, 'users', sql`username = 'u03-finance'`);
    expect((await admin.patch(`/api/users/${target}`, { active: false })).statusCode).toBe(200);
    expect((await session.get('/api/auth/me')).statusCode).toBe(401);
    await expect(signIn(t, 'u03-finance')).rejects.toThrow(/401/);
    expect((await admin.patch(`/api/users/${target}`, { active: true })).statusCode).toBe(200);
    await expect(signIn(t, 'u03-finance')).resolves.toBeTruthy();
  });

  it("lets a unit admin read its unit's accounts only; another unit's account answers 404", async () => {
    const unitAdmin = await signIn(t, 'u02-admin');
    const list = (await unitAdmin.get('/api/users?pageSize=100')).json();
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((u: { unitId: string }) => u.unitId === u02)).toBe(true);
    const foreign = await idOf(t, 'users', sql`username = 'u01-leader'`);
    expect((await unitAdmin.get(`/api/users/${foreign}`)).statusCode).toBe(404);
    const sysadminAccount = await idOf(t, 'users', sql`username = 'admin'`);
    expect((await unitAdmin.get(`/api/users/${sysadminAccount}`)).statusCode).toBe(404);
  });

  it('refuses account changes to anyone but the system admin with 403, changing nothing', async () => {
    const unitAdmin = await signIn(t, 'u02-admin');
    const own = await idOf(t, 'users', sql`username = 'u02-staff'`);
    expect((await unitAdmin.put(`/api/users/${own}/roles`, { roles: [{ role: 'sysadmin', unitId: null }] })).statusCode).toBe(403);
    expect((await unitAdmin.post(`/api/users/${own}/reset-password`, {})).statusCode).toBe(403);
    expect((await unitAdmin.post('/api/users', { username: 'sneaky', displayName: 'x' })).statusCode).toBe(403);
    const officer = await signIn(t, 'officer');
    expect((await officer.patch(`/api/users/${own}`, { active: false })).statusCode).toBe(403);
    const [{ n }] = await query<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from role_assignments where user_id = ${own} and role = 'sysadmin'`,
    );
    expect(n).toBe(0);
  });

  it('shows the security log to auditors with filters, and refuses it to unit admins', async () => {
    const auditor = await signIn(t, 'auditor');
    const grants = (await auditor.get('/api/security-events?kind=role_granted&pageSize=100')).json();
    expect(grants.total).toBeGreaterThanOrEqual(2);
    expect(grants.items.every((e: { kind: string }) => e.kind === 'role_granted')).toBe(true);
    const logins = (await auditor.get('/api/security-events?kind=login_ok&username=auditor')).json();
    expect(logins.items[0]).toMatchObject({ kind: 'login_ok', username: 'auditor' });
    const unitAdmin = await signIn(t, 'u01-admin');
    expect((await unitAdmin.get('/api/security-events')).statusCode).toBe(403);
  });
});
