import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { addCard, createCardWorld, type CardWorld } from '../../testing/world.ts';
import { changeCard, type CardRow } from '../assets/index.ts';
import { verifyLedger } from './ledger.queries.ts';

describe('ledger verification', () => {
  let t: TestApp;
  let w: CardWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A card with four events: registration and three edits. */
  async function cardWithHistory(): Promise<CardRow> {
    const card = await addCard(t.database, w);
    for (const name of ['甲', '乙', '丙']) {
      await withTx(t.database.db, (tx) =>
        changeCard(tx, { userId: w.users['u01-admin'] }, card.id, { set: { name }, eventType: 'edited' }),
      );
    }
    return card;
  }

  /** Tampering as someone with direct database access would: past the append-only trigger. */
  async function tamper(...statements: SQL[]) {
    await withTx(t.database.db, async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      for (const s of statements) await tx.execute(s);
    });
  }

  it('passes a clean ledger written through the service, edits included', async () => {
    await cardWithHistory();
    await cardWithHistory();
    const res = await verifyLedger(t.database.db);
    expect(res).toMatchObject({ ok: true, failedCards: 0, counts: { altered: 0, removed: 0, reordered: 0 } });
    expect(res.checkedEvents).toBeGreaterThanOrEqual(8);
  });

  it('refuses updates and deletes through the append-only trigger', async () => {
    const card = await addCard(t.database, w);
    await expect(t.database.db.execute(sql`UPDATE card_events SET note = 'x' WHERE card_id = ${card.id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`DELETE FROM card_events WHERE card_id = ${card.id}`)).rejects.toThrow();
  });

  it('names a card whose event was altered, from that event on, and leaves the others passing', async () => {
    const good = await cardWithHistory();
    const bad = await cardWithHistory();
    await tamper(sql`UPDATE card_events SET after = '{"name":"篡改"}'::jsonb WHERE card_id = ${bad.id} AND seq = 3`);
    const res = await verifyLedger(t.database.db);
    const f = res.failures.find((x) => x.cardId === bad.id);
    expect(f).toMatchObject({ cardNo: bad.cardNo, problems: ['altered'], firstBadSeq: 3 });
    expect(res.failures.find((x) => x.cardId === good.id)).toBeUndefined();
    expect(res.ok).toBe(false);
  });

  it('names an altered event even when its hash was recomputed to match', async () => {
    const bad = await cardWithHistory();
    await tamper(sql`UPDATE card_events SET note = '补记', hash = card_event_hash(prev_hash, card_id, seq, unit_id, type, document_id,
      document_type, actor_id, occurred_at, before, after, '补记') WHERE card_id = ${bad.id} AND seq = 2`);
    const f = (await verifyLedger(t.database.db)).failures.find((x) => x.cardId === bad.id);
    expect(f?.problems).toEqual(['altered']);
    expect(f?.firstBadSeq).toBe(3);
  });

  it('names a card whose middle event was removed', async () => {
    const bad = await cardWithHistory();
    await tamper(sql`DELETE FROM card_events WHERE card_id = ${bad.id} AND seq = 2`);
    const f = (await verifyLedger(t.database.db)).failures.find((x) => x.cardId === bad.id);
    expect(f).toMatchObject({ problems: ['removed'], firstBadSeq: 3 });
  });

  it('names a card whose events lost their registration entirely', async () => {
    const bad = await addCard(t.database, w);
    await tamper(sql`DELETE FROM card_events WHERE card_id = ${bad.id}`);
    const f = (await verifyLedger(t.database.db)).failures.find((x) => x.cardId === bad.id);
    expect(f?.problems).toEqual(['removed']);
  });

  it('names a card whose two events swapped their sequence numbers', async () => {
    const bad = await cardWithHistory();
    await tamper(
      sql`UPDATE card_events SET seq = -1 WHERE card_id = ${bad.id} AND seq = 2`,
      sql`UPDATE card_events SET seq = 2 WHERE card_id = ${bad.id} AND seq = 3`,
      sql`UPDATE card_events SET seq = 3 WHERE card_id = ${bad.id} AND seq = -1`,
    );
    const f = (await verifyLedger(t.database.db)).failures.find((x) => x.cardId === bad.id);
    expect(f).toMatchObject({ problems: ['reordered'], firstBadSeq: 2 });
  });

  it('counts failed cards by problem and limits verification to a unit', async () => {
    const res = await verifyLedger(t.database.db);
    expect(res.failedCards).toBe(5);
    expect(res.counts).toEqual({ altered: 2, removed: 2, reordered: 1 });
    const u02 = await verifyLedger(t.database.db, { unitIds: [w.u02] });
    expect(u02).toMatchObject({ ok: true, checkedCards: 0 });
  });

  it('answers GET /api/audit/verify to auditors and 403 to unit admins', async () => {
    const auditor = await t.as('auditor');
    const res = await auditor.get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: false, failedCards: 5 });
    const u01 = await t.as('u01-admin');
    expect((await u01.get('/api/audit/verify')).statusCode).toBe(403);
  });
});
