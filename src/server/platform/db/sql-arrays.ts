import { type SQL, sql } from 'drizzle-orm';

/** A uuid[] literal of bound parameters, for `= ANY(...)` and set-based statements over a list of ids. */
export const uuidArray = (ids: readonly string[]): SQL =>
  sql`ARRAY[${sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  )}]::uuid[]`;
