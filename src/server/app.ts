import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { authRoutes } from './platform/auth/auth.routes.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/engine.ts';
import { MAINTENANCE_EVERY_MS, maintainEmbedded } from './platform/db/embedded-maintenance.ts';
import { isDatabaseUnavailable, isStatementTimeout } from './platform/db/db-errors.ts';
import { registerErrorHandler } from './platform/errors.ts';
import { installAccessControl, type RouteRecord } from './platform/http/auth.hook.ts';
import { installInputGuard } from './platform/http/input.hook.ts';
import { installSecurityHeaders } from './platform/http/security.headers.ts';
import { compressWebFiles, loadWebFiles, registerWebFiles, sendWebFile } from './platform/http/web-app.static.ts';
import type { App } from './platform/http/types.ts';
import { JobRunner } from './platform/jobs/job.runner.ts';
import { jobRoutes } from './platform/jobs/jobs.routes.ts';
import { type GongwuModule, loadModules } from './platform/module.ts';

export interface BuiltApp {
  app: App;
  /** Every /api route with the access it declares: the route walker test reads this. */
  routes: RouteRecord[];
  /** Resolves once the web app's files have their compressed forms (they are served meanwhile as they are). */
  webReady: Promise<void>;
}

/** TRUST_PROXY as a hop count: the nearest `n` proxies are trusted. */
const trustHops = (n: number) => (_address: string, hop: number) => hop < n;

export async function buildApp(
  config: Config,
  database: Database,
  opts: { logger?: boolean; startJobs?: boolean } = {},
): Promise<BuiltApp> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    // X-Forwarded-For names the client only behind a configured proxy (TRUST_PROXY); otherwise
    // anyone could pick the address the rate limit and the security log see.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const filesDir = config.dataDir.startsWith('memory://')
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-files-'))
    : path.join(config.dataDir, 'files');
  const jobs = new JobRunner(database, filesDir, { log: (msg) => app.log.warn(msg) });
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate('jobs', jobs);
  app.decorateRequest('actor', undefined as never);

  await app.register(cookie);
  await installSecurityHeaders(app, {
    // Only a deployment that says it runs on HTTPS pins browsers to it; over plain HTTP (a laptop,
    // an intranet without certificates) HSTS and upgrade-insecure-requests would lock users out.
    hsts: config.https ? { maxAge: 180 * 24 * 3600, includeSubDomains: true } : false,
    contentSecurityPolicy: {
      directives: {
        upgradeInsecureRequests: config.https ? [] : null,
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd injects its styles at run time
        scriptSrc: ["'self'"],
        mediaSrc: ["'self'", 'blob:'],
      },
    },
  });
  // API calls only: the web app's static files would otherwise eat a busy user's budget. Counted
  // per account once signed in (after the access check), per address before: thirty staff behind
  // one office NAT each have their own budget.
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    hook: 'preHandler',
    allowList: (req) => !req.url.startsWith('/api/'),
    keyGenerator: (req) => (req.actor?.userId ? `user:${req.actor.userId}` : `ip:${req.ip}`),
  });
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Gongwu 公物 API', version: '0.1.0', description: '机关事务管理委员会国有资产管理系统 API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'gw_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // The shared schemas the routes reference (recursive ones such as the category tree) as
    // components, so the document resolves and the web's typed client can be generated from it.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  registerErrorHandler(app);

  const routes: RouteRecord[] = [];
  installAccessControl(app, routes);
  installInputGuard(app);

  // 200 while the database answers; 503 "database unavailable" while it does not (load balancers
  // and monitors read the status; the server itself keeps running and reconnects by itself).
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.literal('ok'), engine: z.enum(['pglite', 'postgres']), version: z.string(), time: z.string() }),
          503: z.object({
            status: z.literal('unavailable'),
            error: z.literal('unavailable'),
            message: z.string(),
            engine: z.enum(['pglite', 'postgres']),
            time: z.string(),
          }),
        },
      },
    },
    async (_req, reply) => {
      try {
        // Asked beside the request queue: the embedded engine on its thread between statements (a long
        // import does not make the server look dead), PostgreSQL on a connection of its own.
        if (database.ping) await database.ping();
        else await database.db.execute(sql`select 1`);
      } catch (err) {
        if (!isDatabaseUnavailable(err) && !isStatementTimeout(err)) throw err;
        return reply.status(503).send({
          status: 'unavailable' as const,
          error: 'unavailable' as const,
          message: '数据库不可用 / database unavailable',
          engine: database.engine,
          time: new Date().toISOString(),
        });
      }
      return { status: 'ok' as const, engine: database.engine, version: '0.1.0', time: new Date().toISOString() };
    },
  );
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes);
  await app.register(jobRoutes);
  await app.register((await import('./platform/auth/token.routes.ts')).tokenRoutes);
  const schedules: NonNullable<GongwuModule['schedules']> = [];
  if (database.engine === 'pglite')
    schedules.push({ name: 'db.embedded-maintenance', everyMs: MAINTENANCE_EVERY_MS, run: (d) => maintainEmbedded(d) });
  for (const mod of await loadModules()) {
    for (const [kind, handler] of Object.entries(mod.jobs ?? {})) jobs.register(kind, handler);
    schedules.push(...(mod.schedules ?? []));
    if (mod.routes) await app.register(mod.routes);
  }

  const web = fs.existsSync(path.join(config.webDir, 'index.html')) ? loadWebFiles(config.webDir) : undefined;
  if (web) registerWebFiles(app, web);
  const index = web?.get('/index.html');
  app.setNotFoundHandler((req, reply) => {
    // The web app routes on the client: unknown non-API paths get its index.html.
    if (index && req.method === 'GET' && !req.url.startsWith('/api/')) return sendWebFile(req, reply, index);
    return reply.status(404).send({ error: 'not_found', message: `没有这个接口：${req.method} ${req.url}` });
  });
  const webReady = web
    ? compressWebFiles(web).catch((err: Error) => app.log.warn({ err }, 'the web app is served uncompressed'))
    : Promise.resolve();
  if (opts.startJobs !== false) jobs.start();
  app.addHook('onClose', async () => jobs.stop());
  if (opts.startJobs !== false)
    for (const s of schedules) {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        s.run(database)
          .catch((err) => app.log.warn({ err }, `schedule ${s.name} failed`))
          .finally(() => {
            running = false;
          });
      }, s.everyMs);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    }
  return { app, routes, webReady };
}
