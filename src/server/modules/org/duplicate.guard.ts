import { pgCode } from '../../platform/db/db-errors.ts';
import { AppError } from '../../platform/errors.ts';

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
