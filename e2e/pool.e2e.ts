import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, signIn, startHarness, WAIT } from './harness.ts';

// The idle pool as people use it: unit 02 offers a card, unit 01 finds it and asks for it, the
// committee approves, and the card belongs to unit 01 with the 调拨 document that moved it.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

// Each signed-in page from its own address, as in the other specs (the per-address rate limit).
let ipSeq = 0;
async function login(page: Page, user: string) {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': `10.78.0.${++ipSeq}` });
  await signIn(page, user);
}
const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
async function confirm(page: Page) {
  await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').last().click();
}

describe('the idle pool in a browser', () => {
  let h: Harness;
  let card = { id: '', cardNo: '', name: '' };
  let u01 = '';
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('unit 02 offers an in-use card to the pool, adds a photo on its page, and it shows in the catalogue with 有照片', () =>
    h.withPage('pool-offer', async (page) => {
      await login(page, 'u02-admin');
      const list = await apiGet<{ items: { id: string; cardNo: string; name: string }[] }>(page, '/api/cards?status=in_use&pageSize=1');
      card = list.items[0];
      await page.goto('/pool/offer');
      const scan = page.getByPlaceholder('扫码或输入卡片编号后回车');
      await scan.fill(card.cardNo);
      await scan.press('Enter');
      await page.locator('.ant-table-tbody').filter({ hasText: card.cardNo }).first().waitFor();
      await page.getByTestId('pool-offer-submit').click();
      await confirm(page);
      // One card offered: its page, where the photos go.
      await page.waitForURL(/\/pool\/listings\/[0-9a-f-]{36}$/);
      const listingId = page.url().split('/').pop()!;
      await page.locator('.ant-upload input[type="file"]').setInputFiles({ name: '正面.png', mimeType: 'image/png', buffer: PNG });
      await page.getByTestId('pool-photos').locator('img').first().waitFor();
      await page.goto('/pool');
      await page.getByTestId('pool-has-photo').click();
      await page.getByTestId(`photo-${card.cardNo}`).waitFor();
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), WAIT).toBe(1);
      // The 入仓单 in its print view: the number the item page shows, the card and its values in yuan.
      const receipt = await apiGet<{ receiptNo: string }>(page, `/api/pool/listings/${listingId}/receipt`);
      await page.goto(`/pool/listings/${listingId}/receipt`);
      await expect.poll(() => page.getByTestId('receipt-no').textContent(), WAIT).toBe(`单号：${receipt.receiptNo}`);
      await page.getByTestId('receipt-table').filter({ hasText: card.cardNo }).waitFor();
    }));

  it('unit 01 finds it by a fragment of its number and requests it', () =>
    h.withPage('pool-request', async (page) => {
      await login(page, 'u01-admin');
      u01 = (await apiGet<{ unitId: string }>(page, '/api/auth/me')).unitId;
      await page.goto(`/pool?q=${encodeURIComponent(card.cardNo.slice(-6))}`);
      await page.getByTestId(`request-${card.cardNo}`).click();
      await page.getByTestId('pool-purpose').fill('新进人员办公使用');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.locator('.ant-table-tbody tr').filter({ hasText: card.cardNo }).filter({ hasText: '已申请' }).waitFor();
    }));

  it('the committee approves, and the card belongs to unit 01, moved by an executed 调拨 document', () =>
    h.withPage('pool-approve', async (page) => {
      await login(page, 'officer');
      await page.goto('/pool/requests');
      await page.getByTestId(`approve-${card.cardNo}`).click();
      await confirm(page);
      // Decided, it leaves the committee's pending queue.
      await page.getByTestId(`approve-${card.cardNo}`).waitFor({ state: 'detached' });
      type Approved = { items: { cardNo: string; status: string; transferDocumentId: string }[] };
      const approved = async () =>
        (await apiGet<Approved>(page, '/api/pool/requests?status=approved')).items.find((r) => r.cardNo === card.cardNo);
      await expect.poll(async () => (await approved())?.status, WAIT).toBe('approved');
      const detail = await apiGet<{ unitId: string }>(page, `/api/cards/${card.id}`);
      expect(detail.unitId).toBe(u01);
      const doc = await apiGet<{ type: string; status: string; counterpartUnitId: string }>(
        page,
        `/api/documents/${(await approved())!.transferDocumentId}`,
      );
      expect(doc).toMatchObject({ type: 'transfer', status: 'executed', counterpartUnitId: u01 });
    }));

  it("the committee reads the year's evaluation, opens a unit's explanation, and the print view ranks every unit", () =>
    h.withPage('pool-evaluation', async (page) => {
      await login(page, 'officer');
      const year = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4);
      type Report = { items: { unitCode: string; total: number; rank: number }[] };
      const report = await apiGet<Report>(page, `/api/evaluation?year=${year}`);
      const first = report.items.find((u) => u.rank === 1)!;
      await page.goto('/pool/evaluation');
      await expect.poll(async () => page.getByTestId(`eval-total-${first.unitCode}`).textContent(), WAIT).toBe(first.total.toFixed(2));
      await page.locator('.ant-table-row-expand-icon').first().click();
      await page.locator('.ant-table-expanded-row').filter({ hasText: '资产闲置率' }).first().waitFor();
      await page.goto(`/pool/evaluation/print?year=${year}`);
      await expect.poll(async () => page.getByTestId('print-ranking').locator('tbody tr').count(), WAIT).toBe(report.items.length);
    }));
});
