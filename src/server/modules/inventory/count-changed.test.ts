// "Changed while counting" is found from the ledger since the snapshot, not by comparing every expected
// card with its card: a card changed after the start is flagged; one changed before it, or only scanned, is not.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountResult, ScanInput } from '../../../shared/inventory.contracts.ts';
import { query, queryOne } from '../../platform/db/engine.ts';
import { CHANGED_EVENTS_CAP, changedSinceSnapshot } from './count-result.queries.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { changeCard } from '../assets/index.ts';
import { addCard, createWorkflowWorld, expectOk, type WorkflowWorld, u01Room } from '../../testing/world.ts';

let t: TestApp;
let w: WorkflowWorld;
let officer: Client;
let room303: string;
const card: Record<string, { id: string; cardNo: string }> = {};

const scan = (over: Partial<ScanInput>): ScanInput => ({ key: crypto.randomUUID(), condition: 'good', ...over });
const plan = async (title: string): Promise<string> => {
  const res = await officer.post('/api/counts', { title, reason: 'campaign', unitIds: [w.u01], baseDate: '2026-11-30' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
};
const lines = async (id: string) => {
  const res = await officer.get(`/api/counts/${id}/result?all=true`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as CountResult).lines.map((l) => [l.cardNo, l.outcome, l.changedSinceSnapshot]);
};

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorkflowWorld(t.database);
  room303 = await u01Room(t.database, w, '303', 18);
  for (const name of ['X', 'Y', 'Z']) {
    const c = await addCard(t.database, w, { name: `资产${name}`, originalValueFen: 300000 });
    card[name] = { id: c.id, cardNo: c.cardNo };
  }
  officer = await t.as('officer');
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('changed while counting, from the ledger since the snapshot', () => {
  it('flags the card moved after the start only: not the one edited before it, not the ones only scanned', async () => {
    // X edited before the start: the snapshot holds its new version.
    await withTx(t.database.db, (tx) => changeCard(tx, null, card.X.id, { set: { name: '资产X（改名）' }, eventType: 'edited' }));
    const id = await plan('专项清查');
    expect((await officer.post(`/api/counts/${id}/start`)).json()).toEqual({ expectedCount: 3 });
    // Y moved to 303 in the books after the start; X and Y scanned where the snapshot expects them (two scan events).
    await withTx(t.database.db, (tx) => changeCard(tx, null, card.Y.id, { set: { roomId: room303 }, eventType: 'edited' }));
    const synced = await officer.post(`/api/counts/${id}/scans`, {
      scans: [scan({ code: card.X.cardNo, roomId: w.u01Room }), scan({ code: card.Y.cardNo, roomId: w.u01Room })],
    });
    expect(synced.json().recorded).toBe(2);
    expect(await lines(id)).toEqual([
      [card.Z.cardNo, 'missing', false],
      [card.X.cardNo, 'found', false],
      [card.Y.cardNo, 'found', true],
    ]);
    // Past the cap on events read from the ledger (here none allowed), every expected card is compared: the same answer.
    for (const cap of [CHANGED_EVENTS_CAP, 0]) {
      const changed = await query<{ id: string }>(
        t.database.db,
        sql`SELECT card_id::text AS id FROM (${await changedSinceSnapshot(t.database.db, id, cap)}) x`,
      );
      expect(changed.map((r) => r.id)).toEqual([card.Y.id]);
    }
    // The close writes the same on the ledger of each card.
    await expectOk(officer.post(`/api/counts/${id}/close`, {}));
    const flagged = await queryOne<{ cards: string[] }>(
      t.database.db,
      sql`SELECT array_agg(card_id::text ORDER BY card_id) AS cards FROM card_events
        WHERE type = 'count_result' AND after ->> 'countId' = ${id} AND (after ->> 'changedWhileCounting')::boolean`,
    );
    expect(flagged!.cards).toEqual([card.Y.id]);
  });

  // Two sessions at once: PostgreSQL only (the embedded engine runs one transaction at a time).
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'flags a change begun before the start and committed after the snapshot (its event is stamped before the start)',
    async () => {
      const id = await plan('专项清查二');
      await withTx(t.database.db, async (tx) => {
        await changeCard(tx, null, card.Z.id, { set: { name: '资产Z（改名）' }, eventType: 'edited' });
        // The start runs on another connection while this change is not yet committed: its snapshot has Z's old version.
        expect((await officer.post(`/api/counts/${id}/start`)).json()).toEqual({ expectedCount: 3 });
      });
      const stamps = await queryOne<{ before_start: boolean }>(
        t.database.db,
        sql`SELECT max(e.occurred_at) < c.started_at AS before_start FROM card_events e, counts c
          WHERE c.id = ${id} AND e.card_id = ${card.Z.id} AND e.type = 'edited' GROUP BY c.started_at`,
      );
      expect(stamps!.before_start).toBe(true);
      expect(await lines(id)).toEqual([
        [card.X.cardNo, 'missing', false],
        [card.Y.cardNo, 'missing', false],
        [card.Z.cardNo, 'missing', true],
      ]);
    },
  );
});
