import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { createDoc, createWorkflowWorld, expectOk, inUseCard, SALE, type WorkflowWorld } from '../../testing/world.ts';

// Regulation arts. 21 and 25 (docs/domain.md §4): a sale names its buyer, price and how the price was
// set; a sale, donation or swap before the minimum life needs a stated ground. The world's desktops are
// acquired 2023-03-01 with a 72-month life: their minimum life is served on 2029-03-01.

describe('disposal gates', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client;
  const docCount = async () => (await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM documents`))!.n;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    admin = await t.as('u01-admin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a sale without buyer, price or pricing basis, naming each, and writes nothing', async () => {
    const card = await inUseCard(t.database, w);
    const before = await docCount();
    const res = await admin.post('/api/documents', { type: 'disposal', payload: { disposalMethod: 'sale' }, lines: [{ cardId: card.id }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({
      'payload.buyer': '出售须填写受让方',
      'payload.priceFen': '出售须填写成交价格',
      'payload.pricingBasis': '出售须写明定价方式（资产评估或公开交易）',
    });
    expect(await docCount()).toBe(before);
  });

  it('refuses to submit a sale, donation or swap before the minimum life without a ground; the document stays a draft', async () => {
    for (const payload of [
      { ...SALE, earlyGround: undefined },
      { disposalMethod: 'donation' as const },
      { disposalMethod: 'swap' as const },
    ]) {
      const card = await inUseCard(t.database, w);
      const id = await createDoc(admin, { type: 'disposal', payload, lines: [{ cardId: card.id }] });
      const res = await admin.post(`/api/documents/${id}/submit`);
      expect(res.statusCode).toBe(400);
      expect(res.json().fields['payload.earlyGround']).toBe(`未满最低使用年限：${card.cardNo}（2029-03-01 满）；提前处置须说明理由`);
      expect((await admin.get(`/api/documents/${id}`)).json().status).toBe('draft');
    }
  });

  it('lets a sale with buyer, price, basis and ground through, and a transfer out early without a ground', async () => {
    const sold = await inUseCard(t.database, w);
    const id = await createDoc(admin, { type: 'disposal', payload: SALE, lines: [{ cardId: sold.id }] });
    await expectOk(admin.post(`/api/documents/${id}/submit`));
    const detail = (await admin.get(`/api/documents/${id}`)).json();
    expect(detail.payload).toMatchObject({ buyer: '某再生资源回收有限公司', priceFen: 10_000, pricingBasis: 'public_trading' });
    const out = await inUseCard(t.database, w);
    const transfer = await createDoc(admin, { type: 'disposal', payload: { disposalMethod: 'transfer_out' }, lines: [{ cardId: out.id }] });
    await expectOk(admin.post(`/api/documents/${transfer}/submit`));
  });

  it('needs no ground once the minimum life is served', async () => {
    const old = await inUseCard(t.database, w, { acquiredOn: '2018-01-10', postedOn: '2018-01-15' });
    const id = await createDoc(admin, { type: 'disposal', payload: { disposalMethod: 'donation' }, lines: [{ cardId: old.id }] });
    await expectOk(admin.post(`/api/documents/${id}/submit`));
  });
});
