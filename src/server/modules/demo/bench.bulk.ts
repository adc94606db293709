import { sql } from 'drizzle-orm';
import { query, type Database } from '../../platform/db/engine.ts';
import type { App } from '../../platform/http/types.ts';

export interface BulkMeasured {
  scenario: string;
  cards: number;
  seconds: number;
  target: number;
}

/** Seconds (issue: a bulk action over 10,000 cards ≤ 5 s on PostgreSQL; PGlite within 3×). */
export const BULK_TARGETS = { postgres: 5, pglite: 15 } as const;

/**
 * 批量办理 through the API as the largest unit's administrator: 10,000 of its in-use cards ticked
 * (the heaviest body), the confirmation, then the 退库 drafts created from it; the drafts are
 * cancelled afterwards so later scenarios find the cards free.
 */
export async function bulkScenarios(
  app: App,
  database: Database,
  unit: { id: string; cookie: string },
  target: number,
  log: (m: string) => void,
  size = 10_000,
): Promise<BulkMeasured[]> {
  const ids = (
    await query<{ id: string }>(
      database.db,
      sql`SELECT c.id::text FROM cards c WHERE c.unit_id = ${unit.id} AND c.status = 'in_use'
        AND NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.open AND l.card_id = c.id) ORDER BY c.card_no LIMIT ${size}`,
    )
  ).map((r) => r.id);
  const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: unit.cookie } });
  const headers = { cookie: unit.cookie, 'x-csrf-token': (me.json() as { csrfToken: string }).csrfToken };
  const call = async (url: string, payload: object) => {
    const t = process.hrtime.bigint();
    const res = await app.inject({ method: 'POST', url, payload, headers });
    const seconds = Math.round(Number(process.hrtime.bigint() - t) / 1e7) / 100;
    if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return { body: res.json(), seconds };
  };
  log(`Bulk: ${ids.length.toLocaleString('en')} cards ticked, 退库…`);
  const body = { type: 'return', selection: { cardIds: ids } };
  const preview = await call('/api/bulk-documents/preview', body);
  const created = await call('/api/bulk-documents', { ...body, token: preview.body.token });
  const docs = (created.body.documents as { id: string }[]).map((d) => d.id);
  for (const id of docs) await app.inject({ method: 'POST', url: `/api/documents/${id}/cancel`, payload: {}, headers });
  const out: BulkMeasured[] = [
    { scenario: 'bulk: confirmation (preview)', cards: preview.body.count, seconds: preview.seconds, target },
    { scenario: 'bulk: drafts created', cards: created.body.count, seconds: created.seconds, target },
    {
      scenario: 'bulk: confirmation + creation',
      cards: created.body.count,
      seconds: Math.round((preview.seconds + created.seconds) * 100) / 100,
      target,
    },
  ];
  for (const m of out) log(`  ${m.scenario}: ${m.cards.toLocaleString('en')} cards in ${m.seconds} s (target ${m.target} s)`);
  return out;
}

export function bulkMarkdown(engine: string, rows: BulkMeasured[]): string {
  if (!rows.length) return '';
  return [
    `| bulk scenario (${engine}) | cards | seconds | target s |`,
    '| --- | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.scenario} | ${r.cards} | ${r.seconds} | ${r.target} ${r.seconds <= r.target ? '✓' : '✗'} |`),
  ].join('\n');
}
