import { sql } from 'drizzle-orm';
import { queryPrepared, type Queryable } from './engine.ts';

/**
 * The sum of the change counters of a unit scope and of the reference data
 * (migrations/post/120_change_counters.sql, 314): it grows with every commit that adds, removes or
 * changes the figures of a card of a unit in the scope (owner, category, value, depreciation,
 * status, use, dates, quantity, name, and the custodian, room and attributes the over-standard
 * verdict reads: not a note), or a unit, category, standard, staff or room row,
 * from whichever process. A result that reads no other card column, computed after reading the
 * version, stays exact for as long as the version reads the same.
 */
export async function changeVersion(q: Queryable, scope: 'all' | string[]): Promise<string> {
  const keys = scope === 'all' ? null : ['ref', ...scope.map((u) => `unit:${u}`)];
  const [row] = await queryPrepared<{ v: string | number | null }>(
    q,
    keys
      ? sql`SELECT coalesce(sum(n), 0)::text AS v FROM change_counters WHERE key = ANY (string_to_array(${keys.join(',')}, ','))`
      : sql`SELECT coalesce(sum(n), 0)::text AS v FROM change_counters`,
  );
  return String(row?.v ?? '0');
}

/**
 * Results per key (a scope and the day), each kept with the change version read before it was
 * computed and served only while the version is the same. Few keys (one per unit scope), so no
 * eviction beyond a cap.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: T }>();
  hits = 0;
  misses = 0;

  constructor(private readonly cap = 1000) {}

  async get(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.version === version) {
      this.hits++;
      return hit.value;
    }
    this.misses++;
    const value = await compute();
    if (this.entries.size >= this.cap) this.entries.clear();
    this.entries.set(key, { version, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
