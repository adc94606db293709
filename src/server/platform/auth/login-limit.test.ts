import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';

// Every request of this test comes from one address, as an office behind one NAT does.
describe('the sign-in limit', () => {
  let t: TestApp;
  const staff = Array.from({ length: 24 }, (_, i) => `staff${String(i + 1).padStart(2, '0')}`);
  beforeAll(async () => {
    t = await createTestApp();
    for (const u of [...staff, 'target']) await insertUser(t.database.db, u, TEST_PASSWORD, [{ role: 'auditor', unitId: null }]);
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  it('lets 24 staff behind one address all sign in within the minute', async () => {
    const codes = [];
    for (const username of staff) codes.push((await t.anonymous.post('/api/auth/login', { username, password: TEST_PASSWORD })).statusCode);
    expect(codes).toEqual(staff.map(() => 200));
  });

  it('still stops guessing one account from one address', async () => {
    const errors: string[] = [];
    for (let i = 0; i < 21; i++)
      errors.push((await t.anonymous.post('/api/auth/login', { username: 'target', password: 'wrong' })).json().error);
    expect(errors.slice(0, 5), errors.join(',')).toEqual(Array(5).fill('bad_credentials'));
    // Refused from the sixth on: the account locks (LOGIN_MAX_FAILURES = 5) before its limit of 20 is reached.
    expect(
      errors.slice(5).every((e) => e === 'locked_out' || e === 'rate_limited'),
      errors.join(','),
    ).toBe(true);
  });
});
