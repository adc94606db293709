import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { at, ok, omWorld, type OmWorld } from '../../testing/om.world.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

// Contracts A and B: 2027-01-01 to 2027-12-31, ¥1,200,000 → a month's fee ¥100,000 (10,000,000 fen).
// The edit raises the amount to ¥1,300,000 → ¥108,333.33 a month (10,833,333 fen), which is allowed
// only while no month is settled. February's scorecard of each is reviewed and locked at the same
// instant as the edit: whichever takes the contract first wins, and the fee on the vendor's statement
// is always the stored contract's month fee.
describe('a contract edit racing a scorecard lock', { timeout: 120_000 }, () => {
  let t: TestApp;
  let o: OmWorld;
  const cards: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    o = await omWorld(t, at('2027-02-01T08:00'));
    o.setNow(at('2027-03-10T10:00'));
    for (const c of [o.contractA, o.contractB]) {
      const card = await ok(o.officer.post('/api/om/scorecards', { contractId: c, month: '2027-02' }), 200);
      await ok(o.officer.post(`/api/om/scorecards/${card.id}/review`, {}), 200);
      cards[c] = card.id;
    }
  });
  afterAll(async () => {
    o.restore();
    await t.close();
  });

  const edit = (c: string) => Promise.resolve(o.officer.patch(`/api/om/contracts/${c}`, { amountFen: 130_000_000 }));
  const lock = (c: string) => Promise.resolve(o.officer.post(`/api/om/scorecards/${cards[c]}/lock`));
  const stored = async (c: string) => {
    const [r] = await query<{ amount: number; fee: number }>(
      t.database.db,
      sql`select c.amount_fen::float8 as amount, (select sum(l.amount_fen)::float8 from om_statement_lines l
            where l.contract_id = c.id and l.kind = 'fee') as fee from om_contracts c where c.id = ${c}::uuid`,
    );
    return r;
  };

  /** On PostgreSQL: holds the contract row, lets `first` then `second` queue behind it (seen waiting), releases. */
  async function inOrder(c: string, first: () => Promise<{ statusCode: number }>, second: () => Promise<{ statusCode: number }>) {
    const gate = await t.database.pool!.connect();
    const waiting = async (n: number) => {
      for (let i = 0; i < 500; i++) {
        const { rows } = await gate.query(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (rows[0].n >= n) return;
        await new Promise((r) => setImmediate(r));
      }
      throw new Error(`${n} waiter(s) never queued`);
    };
    try {
      await gate.query('begin');
      await gate.query('select 1 from om_contracts where id = $1 for update', [c]);
      const a = first();
      await waiting(1);
      const b = second();
      await waiting(2);
      await gate.query('commit');
      return [(await a).statusCode, (await b).statusCode];
    } finally {
      gate.release();
    }
  }

  it('an edit that takes the contract first changes the fee, and the lock then books the new fee', async () => {
    if (t.database.pool) {
      const [edited, locked] = await inOrder(
        o.contractA,
        () => edit(o.contractA),
        () => lock(o.contractA),
      );
      expect([edited, locked]).toEqual([200, 200]);
      expect(await stored(o.contractA)).toEqual({ amount: 130_000_000, fee: 10_833_333 });
    } else {
      // The embedded engine runs one transaction at a time: whichever runs first, the two agree.
      const [e, l] = await Promise.all([edit(o.contractA), lock(o.contractA)]);
      expect(l.statusCode).toBe(200);
      const s = await stored(o.contractA);
      expect(s).toEqual(e.statusCode === 200 ? { amount: 130_000_000, fee: 10_833_333 } : { amount: 120_000_000, fee: 10_000_000 });
    }
  });

  it('a lock that takes the contract first settles the month, and the edit is then refused with nothing written', async () => {
    if (t.database.pool) {
      const [locked, edited] = await inOrder(
        o.contractB,
        () => lock(o.contractB),
        () => edit(o.contractB),
      );
      expect([locked, edited]).toEqual([200, 409]);
    } else {
      await ok(lock(o.contractB), 200);
      expect((await edit(o.contractB)).statusCode).toBe(409);
    }
    expect(await stored(o.contractB)).toEqual({ amount: 120_000_000, fee: 10_000_000 });
    const [ev] = await query<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from machineroom_events where entity = 'contract' and entity_id = ${o.contractB}::uuid and kind = 'update'`,
    );
    expect(ev.n).toBe(0);
  });
});
