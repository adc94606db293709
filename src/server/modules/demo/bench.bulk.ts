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
  const [staff] = await query<{ id: string; departmentId: string | null }>(
    database.db,
    sql`SELECT id::text, department_id::text AS "departmentId" FROM staff WHERE unit_id = ${unit.id} ORDER BY employee_no LIMIT 1`,
  );
  const out: BulkMeasured[] = [];
  const run = async (label: string, body: Record<string, unknown>) => {
    const preview = await call('/api/bulk-documents/preview', body);
    const created = await call('/api/bulk-documents', { ...body, token: preview.body.token });
    const docs = (created.body.documents as { id: string }[]).map((d) => d.id);
    for (const id of docs) await app.inject({ method: 'POST', url: `/api/documents/${id}/cancel`, payload: {}, headers });
    const both = Math.round((preview.seconds + created.seconds) * 100) / 100;
    out.push(
      { scenario: `bulk ${label}: confirmation (preview)`, cards: preview.body.count, seconds: preview.seconds, target },
      { scenario: `bulk ${label}: drafts created`, cards: created.body.count, seconds: created.seconds, target },
      { scenario: `bulk ${label}: confirmation + creation`, cards: created.body.count, seconds: both, target },
    );
  };
  log(`Bulk: ${ids.length.toLocaleString('en')} cards ticked, 退库…`);
  await run('退库, ticked', { type: 'return', selection: { cardIds: ids } });
  if (staff) {
    log('Bulk: the same cards, 变动 to one custodian…');
    const payload = { changeKind: 'handover', custodianId: staff.id, ...(staff.departmentId ? { departmentId: staff.departmentId } : {}) };
    await run('变动 (custodian and department), ticked', { type: 'change', payload, selection: { cardIds: ids } });
  }
  // "All N matching the filter": the unit's in-use cards of the value band that holds about `size` of them.
  const [band] = await query<{ max: number | null }>(
    database.db,
    sql`SELECT max(original_value_fen)::bigint AS max FROM (SELECT original_value_fen FROM cards
      WHERE unit_id = ${unit.id} AND status = 'in_use' ORDER BY original_value_fen LIMIT ${size}) x`,
  );
  if (band.max !== null) {
    log('Bulk: all matching a filter, 退库…');
    const filter = { unitId: unit.id, status: ['in_use'], valueMax: Number(band.max) };
    await run('退库, all matching a filter', { type: 'return', selection: { filter } });
  }
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
