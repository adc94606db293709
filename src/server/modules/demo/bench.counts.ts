import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import { countResult } from '../inventory/index.ts';
import { countSheet, recordScans } from '../inventory/index.ts';
import { planCount, startCount } from '../inventory/index.ts';

export interface CountMeasured {
  scenario: string;
  seconds: number;
  target: number;
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

/**
 * A count of every card through the services the API calls, as the committee's asset office:
 * starting it (the snapshot), one sync of 5,000 scans, the same sync again (all duplicates), and
 * the result with its discrepancy lists (nearly every card missing: the longest list there is).
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
  const nos = await query<{ card_no: string; room_id: string | null }>(
    db,
    sql`SELECT card_no, room_id::text FROM count_items WHERE count_id = ${id} ORDER BY card_no LIMIT 5000`,
  );
  const scans = nos.map((n) => ({ key: crypto.randomUUID(), code: n.card_no, roomId: n.room_id ?? undefined, condition: 'good' as const }));
  const sync = await seconds(() => recordScans(db, office, id, scans));
  const again = await seconds(() => recordScans(db, office, id, scans));
  // A counter's download: the first 5,000 cards of the share (the whole count for the office), as the phone asks.
  const download = await seconds(() => countSheet(db, office, id, { limit: 5000 }));
  const next = download.value.next;
  const downloadNext = next ? await seconds(() => countSheet(db, office, id, { limit: 5000, after: next })) : null;
  const result = await seconds(() => countResult(db, office, id));
  const n = start.value.expectedCount.toLocaleString('en');
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
  ];
}
