import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../auth/actor.ts';
import { actorFromApiToken, actorFromSession } from '../auth/session.service.ts';
import { logSecurityEvent } from '../auth/security-log.ts';
import { cachedActor, rememberActor } from '../auth/session.cache.ts';
import type { Access, App } from './types.ts';
import { flushOperation, openOperation, runOperation, type OperationStore } from '../oplog/oplog.context.ts';

export const SESSION_COOKIE = 'gw_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RouteRecord {
  method: string;
  url: string;
  access: Access;
  /** Open to a user who must change their password first (the change itself, sign-out, who-am-I). */
  beforePasswordChange?: boolean;
}

async function authenticate(req: FastifyRequest): Promise<Actor | undefined> {
  const db = req.server.database.db;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return actorFromApiToken(db, auth.slice(7).trim());
  const token = req.cookies[SESSION_COOKIE];
  if (!token) return undefined;
  const actor = await actorFromSession(db, token);
  if (!actor) return undefined;
  // CSRF: a cookie-authenticated mutation must echo the session's token in a header, which a
  // cross-site form cannot set. SameSite=Lax on the cookie is the second wall.
  if (!SAFE.has(req.method) && req.headers['x-csrf-token'] !== actor.csrfToken) throw new AppError('csrf');
  return actor;
}

/**
 * Installs authentication and the route's permission check on every /api route, and refuses to
 * start if a route forgot to say who may call it.
 */
export function installAccessControl(app: App, registry: RouteRecord[]): void {
  // 操作日志: every /api request that is not a read runs as one operation (platform/oplog); its
  // transactions write the entry, and one that wrote none gets it here once it answered.
  const operations = new WeakMap<FastifyRequest, OperationStore>();
  app.addHook('onRequest', (req, _reply, done) => {
    if (SAFE.has(req.method) || !req.url.startsWith('/api/')) return done();
    const store = openOperation(`${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`);
    operations.set(req, store);
    runOperation(store, done);
  });
  // Before the answer leaves (onSend), so a client that got its 2xx finds the entry.
  app.addHook('onSend', async (req, reply, payload) => {
    const store = operations.get(req);
    if (!store?.who || reply.statusCode >= 400) return payload;
    await flushOperation(req.server.database.db, store).catch((err: Error) => req.log.error({ err }, 'operation not logged'));
    return payload;
  });
  // Every change made through an API token is logged as the token's, beside the user it acts as.
  app.addHook('onResponse', async (req, reply) => {
    const actor = req.actor as Actor | undefined;
    if (!actor?.token || SAFE.has(req.method) || reply.statusCode >= 400) return;
    await logSecurityEvent(req.server.database.db, {
      kind: 'token_used',
      userId: actor.userId,
      username: actor.username,
      ip: req.ip,
      details: {
        tokenId: actor.token.id,
        tokenName: actor.token.name,
        via: `API 令牌「${actor.token.name}」`,
        method: req.method,
        route: req.routeOptions.url,
        status: reply.statusCode,
      },
    }).catch((err: Error) => req.log.error({ err }, 'token use not logged'));
  });
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`route ${route.method} ${route.url} does not declare config.access`);
    const beforePasswordChange = (route.config as { beforePasswordChange?: boolean } | undefined)?.beforePasswordChange === true;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods)
      if (m !== 'HEAD') registry.push({ method: m, url: route.url, access, ...(beforePasswordChange ? { beforePasswordChange } : {}) });
    if (route.schema && access !== 'public') {
      const schema = route.schema as Record<string, unknown>;
      schema.security = [{ session: [] }, { bearer: [] }];
      const note = access === 'authenticated' ? '任何已登录用户' : `权限 ${access}`;
      schema.description = schema.description ? `${schema.description}\n\n${note}` : note;
    }
    if (access === 'public') return;
    const progressPoll = (route.config as { progressPoll?: boolean } | undefined)?.progressPoll === true;
    const check = async (req: FastifyRequest, _reply: FastifyReply) => {
      const token = req.cookies[SESSION_COOKIE];
      // Reads reuse a session looked up moments ago (session.cache.ts); mutations check it and the CSRF token anew.
      const maxAge =
        !token || req.headers.authorization
          ? 0
          : progressPoll && req.server.database.engine === 'pglite'
            ? undefined
            : SAFE.has(req.method)
              ? req.server.config.sessionCacheSeconds * 1000
              : 0;
      const cached = token && maxAge !== 0 ? cachedActor(token, maxAge) : undefined;
      const actor = cached ?? (await authenticate(req));
      if (!actor) throw new AppError('unauthenticated');
      if (token && actor.via === 'session' && !cached) rememberActor(token, actor);
      // A temporary password opens only the way to change it (enforced here, not only by the web app).
      if (actor.mustChangePassword && !beforePasswordChange) throw new AppError('password_change_required');
      if (access !== 'authenticated' && !can(actor, access)) throw new AppError('forbidden');
      req.actor = actor;
      const op = operations.get(req);
      if (op) {
        op.params = { ...(req.params as Record<string, string>) };
        op.who = {
          userId: actor.userId,
          userName: actor.displayName,
          unitId: actor.unitId,
          via: actor.via === 'token' ? 'token' : 'web',
          actingFor: actor.token ? `API 令牌「${actor.token.name}」` : null,
        };
      }
    };
    const existing = route.preValidation;
    route.preValidation = existing ? [check, ...(Array.isArray(existing) ? existing : [existing])] : [check];
  });
}
