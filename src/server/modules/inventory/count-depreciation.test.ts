// 盘亏 and depreciation (docs/domain.md §6): a card a count confirms missing leaves the depreciation
// base from the month after the count's base date (基准日), until its write-off is executed (then disposed) or
// rejected (found: back in the base, the months missed caught up). Figures worked out by hand.
import { sql } from 'drizzle-orm';
import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setBusinessToday } from '../../platform/clock.ts';
import { query, queryOne } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { addCard, createWorkflowWorld, expectOk, type WorkflowWorld } from '../../testing/world.ts';
import { runMonth } from '../finance/index.ts';

let t: TestApp;
let w: WorkflowWorld;
let officer: Client;

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorkflowWorld(t.database);
  officer = await t.as('officer');
}, 120_000);
afterEach(() => setBusinessToday(null));
afterAll(async () => {
  await t?.close();
});

const charges = async (cardId: string) =>
  (
    await query<{ month: string; amount_fen: number; months: number }>(
      t.database.db,
      sql`SELECT to_char(month, 'YYYY-MM') AS month, amount_fen, months FROM depreciation_entries WHERE card_id = ${cardId} ORDER BY month`,
    )
  ).map((r) => `${r.month} ${Number(r.amount_fen)}${r.months > 1 ? ` (${r.months} months)` : ''}`);

describe('a card found missing in a count', () => {
  it("is charged through the month of the count's base date, not after; written off it stays out, found it catches up", async () => {
    const db = t.database.db;
    setBusinessToday('2026-06-20');
    // ¥7,200 over 72 months: ¥100.00 a month from June (posted in June).
    const lost = await addCard(t.database, w, {
      name: '遗失的电脑',
      originalValueFen: 720000,
      acquiredOn: '2026-06-01',
      postedOn: '2026-06-10',
    });
    const found = await addCard(t.database, w, {
      name: '找回的电脑',
      originalValueFen: 720000,
      acquiredOn: '2026-06-01',
      postedOn: '2026-06-10',
    });
    const kept = await addCard(t.database, w, {
      name: '在位的电脑',
      originalValueFen: 720000,
      acquiredOn: '2026-06-01',
      postedOn: '2026-06-10',
    });
    await runMonth(db, w.u01, '2026-06', null);
    setBusinessToday('2026-07-20');
    await runMonth(db, w.u01, '2026-07', null);

    const counter = await t.as('u01-staff');
    const cardNo = async (id: string) =>
      (await queryOne<{ card_no: string }>(db, sql`SELECT card_no FROM cards WHERE id = ${id}`))!.card_no;
    /** An August count of unit 01 that finds the cards named and closes: the write-off of the rest. */
    const count = async (title: string, seen: string[]) => {
      const planned = await officer.post('/api/counts', {
        title,
        reason: 'annual',
        unitIds: [w.u01],
        baseDate: '2026-08-20',
        counterIds: [w.users['u01-staff']],
      });
      expect(planned.statusCode, planned.body).toBe(201);
      const id = planned.json().id;
      await expectOk(officer.post(`/api/counts/${id}/start`));
      const scans = await Promise.all(seen.map(async (c) => ({ key: crypto.randomUUID(), code: await cardNo(c), condition: 'good' })));
      await expectOk(counter.post(`/api/counts/${id}/scans`, { scans }));
      const closed = await officer.post(`/api/counts/${id}/close`);
      expect(closed.statusCode, closed.body).toBe(200);
      return (closed.json().documents as { id: string; kind: string }[]).find((d) => d.kind === 'loss')!.id;
    };
    setBusinessToday('2026-08-20');
    // The first count misses `lost`; the second (`lost` is on the first's write-off) misses `found`.
    const writeOff = await count('八月抽查（一）', [kept.id, found.id]);
    const mistaken = await count('八月抽查（二）', [kept.id]);
    const linesOf = async (doc: string) =>
      (await query<{ card_id: string }>(db, sql`SELECT card_id::text FROM document_lines WHERE document_id = ${doc}`)).map(
        (l) => l.card_id,
      );
    expect([await linesOf(writeOff), await linesOf(mistaken)]).toEqual([[lost.id], [found.id]]);

    // August, the month of the counts' base date, is still charged to all three; September to `kept` alone.
    expect((await runMonth(db, w.u01, '2026-08', null)).totalFen).toBe(30000);
    setBusinessToday('2026-09-20');
    expect((await runMonth(db, w.u01, '2026-09', null)).totalFen).toBe(10000);

    // October: `lost` is written off (disposed); `found` turned up, its write-off is rejected.
    setBusinessToday('2026-10-12');
    const leader = await t.as('u01-leader');
    await expectOk(leader.post(`/api/documents/${writeOff}/approve`, {}));
    await expectOk(officer.post(`/api/documents/${writeOff}/execute`));
    await expectOk(leader.post(`/api/documents/${mistaken}/reject`, { comment: '资产已找回' }));
    await runMonth(db, w.u01, '2026-10', null);
    expect(await charges(kept.id)).toEqual(['2026-06 10000', '2026-07 10000', '2026-08 10000', '2026-09 10000', '2026-10 10000']);
    expect(await charges(lost.id)).toEqual(['2026-06 10000', '2026-07 10000', '2026-08 10000']);
    // Found again: back in the base, September caught up in October (¥200.00 over two months).
    expect(await charges(found.id)).toEqual(['2026-06 10000', '2026-07 10000', '2026-08 10000', '2026-10 20000 (2 months)']);
    expect(await queryOne(db, sql`SELECT status, accumulated_depreciation_fen AS a FROM cards WHERE id = ${lost.id}`)).toEqual({
      status: 'disposed',
      a: 30000,
    });
  }, 120_000);
});
