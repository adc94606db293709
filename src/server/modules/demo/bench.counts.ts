import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import type { ScanInput } from '../../../shared/inventory.contracts.ts';
import { closeCount, countResult } from '../inventory/index.ts';
import { countSheet, recordScans } from '../inventory/index.ts';
import { planCount, startCount } from '../inventory/index.ts';

export interface CountMeasured {
  scenario: string;
  seconds: number;
  /** Null where the issue sets no target (the close). */
  target: number | null;
  note?: string;
}

/** Seconds, per engine (issue: a count over 1,000,000 cards). */
export const COUNT_TARGETS = {
  postgres: { start: 10, sync: 3, result: 3, download: 1 },
  pglite: { start: 30, sync: 3, result: 10, download: 1 },
} as const;

const seconds = async <T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Math.round(Number(process.hrtime.bigint() - t) / 1e7) / 100 };
};

/** Scans of count items in batches of 5,000 (what a phone sends in one sync). */
const BATCH = 5000;

/**
 * A count of every card through the services the API calls, as the committee's asset office:
 * starting it (the snapshot), one sync of 5,000 scans, the same sync again (all duplicates), a
 * burst of four phones syncing 1,250 scans each at once, and the result with its discrepancy lists
 * (nearly every card missing: the longest list there is). Then the rest of the cards are scanned
 * in syncs of 5,000 (every hundredth card left unfound, every hundredth other one found in another
 * room), the result read again (a realistic count: 98 % in place) and the count closed: the
 * adjustment documents and a result event on every card's ledger.
 */
export async function countScenarios(
  database: Database,
  office: Actor,
  targets: { start: number; sync: number; result: number; download: number },
  log: (m: string) => void,
): Promise<CountMeasured[]> {
  const db = database.db;
  const units = (await query<{ id: string }>(db, sql`SELECT DISTINCT unit_id::text AS id FROM cards`)).map((u) => u.id);
  const { id } = await planCount(db, office, {
    title: 'bench count',
    reason: 'annual',
    unitIds: units,
    buildingIds: [],
    roomIds: [],
    categoryIds: [],
    counterIds: [],
    baseDate: '2026-12-31',
  });
  log('Counts: starting a count of every card…');
  const start = await seconds(() => startCount(db, office, id));
  log(`  start (${start.value.expectedCount.toLocaleString('en')} cards): ${start.seconds} s`);
  const nos = await query<{ card_no: string; room_id: string | null }>(
    db,
    sql`SELECT card_no, room_id::text FROM count_items WHERE count_id = ${id} ORDER BY card_no LIMIT 5000`,
  );
  const scans = nos.map((n) => ({ key: crypto.randomUUID(), code: n.card_no, roomId: n.room_id ?? undefined, condition: 'good' as const }));
  const sync = await seconds(() => recordScans(db, office, id, scans));
  log(`  sync of ${scans.length.toLocaleString('en')} scans: ${sync.seconds} s`);
  const again = await seconds(() => recordScans(db, office, id, scans));
  log(`  the same sync again: ${again.seconds} s`);
  // A counter's download: the first 5,000 cards of the share (the whole count for the office), as the phone asks.
  const download = await seconds(() => countSheet(db, office, id, { limit: 5000 }));
  const next = download.value.next;
  const downloadNext = next ? await seconds(() => countSheet(db, office, id, { limit: 5000, after: next })) : null;
  log(`  download: ${download.seconds} s, the next page: ${downloadNext?.seconds ?? '—'} s`);
  const result = await seconds(() => countResult(db, office, id));
  log(`  result: ${result.seconds} s`);
  const n = start.value.expectedCount.toLocaleString('en');

  // A burst: four phones syncing at once, 1,250 scans each.
  const burstRows = await query<{ card_no: string; room_id: string | null }>(
    db,
    sql`SELECT card_no, room_id::text FROM count_items WHERE count_id = ${id} ORDER BY card_no OFFSET 5000 LIMIT 5000`,
  );
  const toScan = (r: { card_no: string; room_id: string | null }, roomId = r.room_id): ScanInput => ({
    key: crypto.randomUUID(),
    code: r.card_no,
    roomId: roomId ?? undefined,
    condition: 'good',
  });
  const phones = [0, 1, 2, 3].map((p) => burstRows.slice(p * 1250, (p + 1) * 1250).map((r) => toScan(r)));
  const burst = await seconds(() => Promise.all(phones.map((batch) => recordScans(db, office, id, batch))));
  log(`  burst of 4 phones: ${burst.seconds} s`);

  // The rest of the count, scanned (untimed apart from the total): 1 % unfound, 1 % in another room.
  log('Counts: scanning the rest of the cards in syncs of 5,000…');
  // A card found elsewhere is found in another room of its own unit (a move document names one of them).
  const rest = await query<{ card_no: string; room_id: string | null; n: number; elsewhere: string | null }>(
    db,
    sql`SELECT x.card_no, x.room_id::text, x.n,
        CASE WHEN x.n % 100 = 50 THEN (SELECT r.id::text FROM rooms r WHERE r.unit_id = x.unit_id AND r.id IS DISTINCT FROM x.room_id
          ORDER BY r.id LIMIT 1) END AS elsewhere
      FROM (SELECT i.card_no, i.room_id, i.unit_id, (row_number() OVER (ORDER BY i.card_no))::int AS n FROM count_items i
        WHERE i.count_id = ${id} AND NOT EXISTS (SELECT 1 FROM count_scans s WHERE s.count_id = i.count_id AND s.card_id = i.card_id)) x
      ORDER BY x.card_no`,
  );
  const fillScans = rest.filter((r) => r.n % 100 !== 0).map((r) => toScan(r, r.elsewhere ?? r.room_id));
  const fill = await seconds(async () => {
    for (let i = 0; i < fillScans.length; i += BATCH) {
      await recordScans(db, office, id, fillScans.slice(i, i + BATCH));
      if ((i / BATCH) % 20 === 19) log(`  … ${(i + BATCH).toLocaleString('en')} of ${fillScans.length.toLocaleString('en')} scanned`);
    }
  });
  const syncs = Math.ceil(fillScans.length / BATCH);
  log(`  the rest, ${fillScans.length.toLocaleString('en')} scans in ${syncs} syncs: ${fill.seconds} s`);
  const full = await seconds(() => countResult(db, office, id));
  log(`  result after the scans: ${full.seconds} s`);
  log('Counts: closing…');
  const close = await seconds(() => closeCount(db, office, id));
  const [events] = await query<{ scanned: number; results: number }>(
    db,
    sql`SELECT count(*) FILTER (WHERE type = 'count_scanned')::int AS scanned, count(*) FILTER (WHERE type = 'count_result')::int AS results
      FROM card_events WHERE type IN ('count_scanned', 'count_result') AND after ->> 'countId' = ${id}`,
  );
  const docs = close.value.documents;
  const lines = (kind: string) => docs.filter((d) => d.kind === kind).reduce((a, d) => a + d.lines, 0);
  const t = full.value.totals;
  return [
    { scenario: `start a count of ${n} cards (snapshot)`, seconds: start.seconds, target: targets.start },
    {
      scenario: `sync ${scans.length.toLocaleString('en')} scans in one request`,
      seconds: sync.seconds,
      target: targets.sync,
      note: `${sync.value.recorded} recorded`,
    },
    { scenario: 'the same sync again', seconds: again.seconds, target: targets.sync, note: `${again.value.duplicates} duplicates` },
    {
      scenario: "a counter's download of 5,000 cards (first page)",
      seconds: download.seconds,
      target: targets.download,
      note: `${download.value.items.length} cards, ${download.value.rooms.length} rooms`,
    },
    ...(downloadNext ? [{ scenario: 'the next 5,000 cards', seconds: downloadNext.seconds, target: targets.download }] : []),
    {
      scenario: `count result (${n} cards): totals and the first page of lines`,
      seconds: result.seconds,
      target: targets.result,
      note: `${result.value.linesTotal.toLocaleString('en')} discrepancy lines, ${result.value.lines.length} on the page`,
    },
    {
      scenario: 'a burst: 4 phones syncing 1,250 scans each at once',
      seconds: burst.seconds,
      target: targets.sync,
      note: `${burst.value.reduce((a, r) => a + r.recorded, 0)} recorded`,
    },
    {
      scenario: `the rest scanned in ${syncs.toLocaleString('en')} syncs of up to 5,000 (total)`,
      seconds: fill.seconds,
      target: Math.round(targets.sync * syncs * 100) / 100,
      note: `${fillScans.length.toLocaleString('en')} scans, ${syncs ? Math.round((fill.seconds / syncs) * 100) / 100 : 0} s a sync`,
    },
    {
      scenario: `count result after the scans (${n} cards): totals and the first page`,
      seconds: full.seconds,
      target: targets.result,
      note: `found ${t.found.toLocaleString('en')}, moved ${t.moved.toLocaleString('en')}, missing ${t.missing.toLocaleString('en')}, match rate ${(t.matchRateBp / 100).toFixed(2)} %`,
    },
    {
      scenario: `close: adjustment documents and a result on every card's ledger`,
      seconds: close.seconds,
      target: null,
      note:
        `${docs.length} documents (moves ${lines('move').toLocaleString('en')} lines, write-offs ${lines('loss').toLocaleString('en')} lines), ` +
        `${close.value.held.length.toLocaleString('en')} held; ${events.results.toLocaleString('en')} result events, ` +
        `${events.scanned.toLocaleString('en')} scan events on the ledgers`,
    },
  ];
}
