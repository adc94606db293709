import { sql } from 'drizzle-orm';
import { query, type Queryable } from '../../platform/db/engine.ts';

/**
 * Reserves `count` consecutive card numbers for a unit and year in one statement (the row lock
 * serialises concurrent callers): `<unit code>-<year>-<6-digit sequence>`, e.g. 11001-2024-000042.
 */
export async function allocateCardNumbers(q: Queryable, unitId: string, year: number, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const [row] = await query<{ code: string; last_seq: number }>(
    q,
    sql`
    WITH bumped AS (
      INSERT INTO card_number_sequences (unit_id, year, last_seq) VALUES (${unitId}, ${year}, ${count})
      ON CONFLICT (unit_id, year) DO UPDATE SET last_seq = card_number_sequences.last_seq + ${count}
      RETURNING last_seq
    )
    SELECT u.code, b.last_seq FROM bumped b, units u WHERE u.id = ${unitId}`,
  );
  const first = row.last_seq - count + 1;
  return Array.from({ length: count }, (_, i) => formatCardNo(row.code, year, first + i));
}

export const formatCardNo = (unitCode: string, year: number, seq: number) => `${unitCode}-${year}-${String(seq).padStart(6, '0')}`;
