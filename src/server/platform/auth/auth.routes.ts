import { z } from 'zod';
import { AppError } from '../errors.ts';
import { ROLES } from '../../../shared/roles.ts';
import type { App } from '../http/types.ts';
import { changePassword, login, logout } from './session.service.ts';
import { SESSION_COOKIE } from '../http/auth.hook.ts';
import { eq } from 'drizzle-orm';
import { users } from './auth.tables.ts';

export const Me = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string().nullable(),
  grants: z.array(z.object({ role: z.enum(ROLES), unitId: z.string().nullable() })),
  locale: z.string(),
  mustChangePassword: z.boolean(),
  /** Echo it in the x-csrf-token header of every mutation made with the session cookie. */
  csrfToken: z.string().nullable(),
});

/** Sign-ins a minute for one account from one address. */
export const LOGIN_PER_ACCOUNT = 20;
/** Sign-ins a minute from one address, whatever the accounts. */
export const LOGIN_PER_ADDRESS = 100;

/** A fixed one-minute window of attempts per key, in this process; expired keys are dropped as it grows. */
function attemptWindow(max: number) {
  const windows = new Map<string, { n: number; resetAt: number }>();
  return {
    hit(key: string): void {
      const now = Date.now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
      let w = windows.get(key);
      if (!w || w.resetAt <= now) windows.set(key, (w = { n: 0, resetAt: now + 60_000 }));
      if (++w.n > max) throw new AppError('rate_limited', '该账号登录尝试过于频繁，请一分钟后再试');
    },
  };
}

export async function authRoutes(app: App) {
  const perAccount = attemptWindow(LOGIN_PER_ACCOUNT);
  app.post(
    '/api/auth/login',
    {
      // Two limits: per account and address, 20 a minute (the body is read first), so guessing one
      // account stays slow (and locks it after LOGIN_MAX_FAILURES); per address, 100 a minute, room
      // for a whole office behind one NAT signing in at nine, not for trying many accounts.
      config: {
        access: 'public',
      },
      onRequest: app.rateLimit({ max: LOGIN_PER_ADDRESS, timeWindow: '1 minute', keyGenerator: (req) => `login-address:${req.ip}` }),
      // The plugin counts a request under one limit only, so the account's limit is counted here.
      preHandler: async (req) =>
        perAccount.hit(`${req.ip}:${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`),
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ ok: z.literal(true), csrfToken: z.string() }) },
      },
    },
    async (req, reply) => {
      const { token, csrfToken } = await login(
        app.database.db,
        { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] },
        {
          sessionTtlHours: app.config.sessionTtlHours,
          maxFailures: app.config.loginMaxFailures,
          lockMinutes: app.config.loginLockMinutes,
        },
      );
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.secureCookies,
        maxAge: app.config.sessionTtlHours * 3600,
      });
      return { ok: true as const, csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: '退出登录', response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (req, reply) => {
      await logout(app.database.db, req.actor, req.ip);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: { tags: ['auth'], summary: '当前用户', response: { 200: Me } },
    },
    async (req) => {
      const [u] = await app.database.db
        .select({ locale: users.locale, mustChangePassword: users.mustChangePassword })
        .from(users)
        .where(eq(users.id, req.actor.userId));
      const a = req.actor;
      return {
        userId: a.userId,
        username: a.username,
        displayName: a.displayName,
        unitId: a.unitId,
        grants: a.grants,
        locale: u.locale,
        mustChangePassword: u.mustChangePassword,
        csrfToken: a.csrfToken ?? null,
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: z.object({ currentPassword: z.string().min(1), newPassword: z.string().min(1).max(200) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await changePassword(app.database.db, req.actor, req.body, req.ip);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/auth/locale',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '界面语言',
        body: z.object({ locale: z.enum(['zh-CN', 'en']) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await app.database.db.update(users).set({ locale: req.body.locale }).where(eq(users.id, req.actor.userId));
      return { ok: true as const };
    },
  );
}
