import { sql } from 'drizzle-orm';
import type { Database } from './platform/db/engine.ts';
import { loadModules } from './platform/module.ts';

/** Demo data: each module seeds its own part, in module order, once, on an empty database. */
export async function seedDemo(
  database: Database,
  log: (msg: string) => void,
  opts: { onlyIfEmpty: boolean; scale?: 'demo' | 'small' },
): Promise<void> {
  if (opts.onlyIfEmpty) {
    const res = (await database.db.execute(sql`select count(*)::int as n from users`)) as unknown as { rows: { n: number }[] };
    if (res.rows[0].n > 0) return;
  }
  const started = Date.now();
  log('Loading demo data…');
  for (const mod of await loadModules()) {
    if (!mod.seedDemo) continue;
    const t = Date.now();
    await mod.seedDemo(database, log, { scale: opts.scale ?? 'demo' });
    log(`  ${mod.name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  log(`Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s. Sign in as admin / the demo password in README.md.`);
}
