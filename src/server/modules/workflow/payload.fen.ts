import { type SQL, sql } from 'drizzle-orm';

/** A fen amount stored in a payload field of documents `d`, or null when absent or not a whole number of fen. */
export const payloadFen = (field: string): SQL =>
  sql`CASE WHEN d.payload->>${field} ~ '^[0-9]{1,15}$' THEN (d.payload->>${field})::bigint END`;
