import { AppError } from '../../platform/errors.ts';

/** The PostgreSQL error code of a failed statement, whether the driver wrapped it or not. */
function pgCode(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let i = 0; e && i < 4; i++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * Runs a write and turns a unique-constraint clash into a 409 naming the field. The services check
 * first for a friendly message; this covers the race where two requests insert the same key at once.
 */
export async function guardDuplicate<T>(run: () => Promise<T>, field: string, message: string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', message, { [field]: message });
    throw err;
  }
}

export const duplicate = (field: string, message: string) => new AppError('conflict', message, { [field]: message });
