// The shapes thin routes share: an `:id` path parameter, and the answer of an action that returns
// nothing but its success.
import { z } from 'zod';

/** `/…/:id` where the id is a uuid. */
export const IdParams = z.object({ id: z.uuid() });

/** The answer of an action that only succeeds or throws. */
export const Done = z.object({ ok: z.literal(true) });

/** Runs the action, then answers `{ ok: true }`. */
export async function done(action: Promise<unknown>): Promise<{ ok: true }> {
  await action;
  return { ok: true };
}
