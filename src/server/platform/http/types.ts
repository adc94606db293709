import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Permission } from '../../../shared/roles.ts';
import type { Actor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/engine.ts';
import type { JobRunner } from '../jobs/job.runner.ts';

/** The Fastify instance every module's routes are registered on. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Each route states who may call it: 'public', 'authenticated' (any signed-in user), or a permission
 * from shared/roles.ts. The hook in auth.hook.ts enforces it before validation, and the route walker
 * test reads it to check every route.
 */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * Polled while a job runs. On PGlite a job's transaction holds the only connection, so such a
     * route may authenticate from the last minutes' sessions in memory instead of waiting.
     */
    progressPoll?: boolean;
    /** Open to a user who must change their password first: the change itself, sign-out, who-am-I. */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    database: Database;
    config: Config;
    jobs: JobRunner;
  }
}
