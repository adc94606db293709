import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { addCard, createCardWorld, type CardWorld } from '../../testing/world.ts';

describe('voiding a card registered by mistake (作废)', () => {
  let t: TestApp;
  let w: CardWorld;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
  });
  afterAll(async () => {
    await t.close();
  });

  const pending = () => addCard(t.database, w, { status: 'pending_posting', postedOn: null });
  const stateOf = async (id: string) =>
    (await query<{ status: string; version: number }>(t.database.db, sql`SELECT status, version FROM cards WHERE id = ${id}`))[0];

  it('voids a card that was never posted, keeping its number, with a ledger event saying who and why', async () => {
    const card = await pending();
    const admin = await t.as('u01-admin');
    const res = await admin.post(`/api/cards/${card.id}/void`, { reason: '重复登记' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ id: card.id, cardNo: card.cardNo, version: card.version + 1, status: 'voided' });
    const events = await query<{ type: string; note: string; before: unknown; after: unknown }>(
      t.database.db,
      sql`SELECT type, note, before, after FROM card_events WHERE card_id = ${card.id} ORDER BY seq`,
    );
    expect(events.at(-1)).toEqual({
      type: 'voided',
      note: '作废：重复登记',
      before: { status: 'pending_posting' },
      after: { status: 'voided' },
    });
    // Once voided, not again, and not edited.
    expect((await admin.post(`/api/cards/${card.id}/void`, { reason: '再次' })).statusCode).toBe(409);
    const edit = await admin.patch(`/api/cards/${card.id}`, { expectVersion: card.version + 1, name: '改名' });
    expect([edit.statusCode, edit.json().message]).toEqual([409, '已作废的卡片不能修改']);
  });

  it('refuses a posted card (a disposal takes it off the books), and asks for a reason', async () => {
    const posted = await addCard(t.database, w);
    const admin = await t.as('u01-admin');
    const res = await admin.post(`/api/cards/${posted.id}/void`, { reason: '登记错了' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('只有尚未入账的卡片可以作废；已入账的资产请走处置单据');
    expect((await stateOf(posted.id)).status).toBe(posted.status);
    const card = await pending();
    const blank = await admin.post(`/api/cards/${card.id}/void`, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().fields).toEqual({ reason: '请写明作废原因' });
    expect(await stateOf(card.id)).toEqual({ status: 'pending_posting', version: card.version });
  });

  it('answers 404 to another unit and 403 to a role that does not write cards, changing nothing', async () => {
    const card = await pending();
    expect((await (await t.as('u02-admin')).post(`/api/cards/${card.id}/void`, { reason: 'x' })).statusCode).toBe(404);
    expect((await (await t.as('u01-staff')).post(`/api/cards/${card.id}/void`, { reason: 'x' })).statusCode).toBe(403);
    expect(await stateOf(card.id)).toEqual({ status: 'pending_posting', version: card.version });
  });
});
