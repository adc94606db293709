import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import type { JobContext, JobOutcome } from './job.runner.ts';

/**
 * A kind of job: its parameters as a zod schema (checked when it is enqueued and again when a runner
 * claims it, so a job written by an older version or by hand fails with the field named, never halfway)
 * and what it does. Who asked is the job's created_by only; the runner resolves it with actorOfUser and
 * hands it over as `actor` (undefined for system work: schedules, the CLI).
 */
export interface JobKind<P = unknown> {
  params: z.ZodType<P>;
  run(ctx: JobContext & { params: P; actor: Actor | undefined }): Promise<JobOutcome>;
}

/** Any kind, whatever its parameters (the registry of a module or the runner). */
// biome-ignore lint/suspicious/noExplicitAny: a registry holds kinds of different parameter types.
export type AnyJobKind = JobKind<any>;

export const defineJob = <P>(params: z.ZodType<P>, run: JobKind<P>['run']): JobKind<P> => ({ params, run });

/** The asker a job needs: its actor, or a failure naming the missing account. */
export function askerOf(actor: Actor | undefined): Actor {
  if (!actor) throw new Error('此任务须由用户发起（发起账户不存在或已停用）');
  return actor;
}
