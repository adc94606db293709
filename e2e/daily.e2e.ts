import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Harness, signIn, startHarness, WAIT } from './harness.ts';

// Pages fetch after they render: give assertions the time a person would wait.
// A one-pixel PNG, standing in for the phone camera's picture.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The visible option of the open select that reads `text`. */
const option = (page: Page, text: string | RegExp) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();

/** Signs `username` in through the API (as a script would): JSON GET and POST with the session. */
async function apiAs(baseUrl: string, username: string) {
  const request = await apiSession(baseUrl, username);
  return {
    get: async (url: string) => (await request('GET', url)).json(),
    post: (url: string, body: unknown = {}) => request('POST', url, body),
  };
}

/** The count on a workspace tile. */
async function tileCount(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`tile-${key}`).locator('.ant-statistic-content').innerText();
  return Number(text.replace(/\D/g, ''));
}

// The daily work: a custodian on a 390 px phone scans a card's label and reports a fault with a
// photo; the unit administrator finds it on the workspace. Then the administrator ticks two idle
// cards in the library and starts one 领用 for them, after the confirmation.
describe('daily work in a browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('takes a fault from the QR page on a phone to the administrator’s workspace', async () => {
    let cardNo = '';
    await h.withPage('daily-qr-fault', async (page) => {
      await signIn(page, 'u01-staff');
      // One of the cards in u01-staff's custody (the workspace's "my assets" filter names them).
      const ws = await (await page.request.get('/api/workspace')).json();
      const mine = ws.mine.find((x: { key: string }) => x.key === 'myAssets');
      expect(mine?.count ?? 0).toBeGreaterThan(0);
      const list = await (await page.request.get(`/api/cards?custodianId=${mine.filter.custodianId}&pageSize=1`)).json();
      const card = list.items[0] as { id: string; cardNo: string };
      cardNo = card.cardNo;
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`/m/cards/${card.id}`);
      await page
        .getByTestId('self-service')
        .getByRole('button', { name: /^报\s*修$/ })
        .click();
      await page.getByTestId('fault-note').fill('开机无显示，屏幕闪烁');
      await page.getByTestId('fault-photo').setInputFiles({ name: 'fault.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('button', { name: '提交报修' }).click();
      await expect.poll(() => page.getByText('已报修，资产管理员会尽快处理').count(), WAIT).toBeGreaterThan(0);
      // The page stays a phone page: nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      await expect.poll(() => page.getByTestId('self-service').getByText('开机无显示，屏幕闪烁').count(), WAIT).toBeGreaterThan(0);
    });
    await h.withPage('daily-admin-workspace', async (page) => {
      await signIn(page, 'u01-admin');
      await page.goto('/');
      await expect.poll(() => tileCount(page, 'selfReportedFaults'), WAIT).toBeGreaterThan(0);
      await page.getByTestId('tile-selfReportedFaults').click();
      await expect.poll(() => page.getByText(cardNo).count(), WAIT).toBeGreaterThan(0);
      await expect.poll(() => page.getByText('开机无显示，屏幕闪烁').count(), WAIT).toBeGreaterThan(0);
      expect(page.url()).toContain('/card-reports?kind=fault&status=open');
    });
  });

  it('ticks two idle cards, confirms, and creates one 领用 draft with them', async () => {
    await h.withPage('daily-bulk', async (page) => {
      await signIn(page, 'u01-admin');
      await page.goto(`/cards?f=${encodeURIComponent(JSON.stringify({ status: ['idle'] }))}`);
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(1);
      await rows.nth(0).locator('.ant-checkbox-input').check();
      await rows.nth(1).locator('.ant-checkbox-input').check();
      await page.getByTestId('bulk-action').hover();
      await page.getByRole('menuitem', { name: '领用' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByText('已勾选的 2 张').count(), WAIT).toBe(1);
      await dialog.getByRole('button', { name: /^核\s*对$/ }).click();
      await expect.poll(() => dialog.getByRole('button', { name: /确认创建（2 张）/ }).count(), WAIT).toBe(1);
      await dialog.getByRole('button', { name: /确认创建（2 张）/ }).click();
      await expect.poll(() => dialog.getByText('已创建草稿单据，请打开后核对并提交。').count(), WAIT).toBe(1);
      const docNo = await dialog
        .locator('a', { hasText: /^LY\d+/ })
        .first()
        .innerText();
      await dialog.locator('a', { hasText: docNo }).click();
      await expect.poll(() => page.getByText(docNo).count(), WAIT).toBeGreaterThan(0);
      const id = page.url().split('/documents/')[1];
      const doc = await (await page.request.get(`/api/documents/${id}`)).json();
      expect({ type: doc.type, status: doc.status, lines: doc.lines.length }).toEqual({ type: 'requisition', status: 'draft', lines: 2 });
    });
  });

  it('keeps the card list columns and filter panel across browsers', async () => {
    const headers = (page: Page) => page.locator('.ant-table-thead th').allInnerTexts();
    await h.withPage('daily-list-settings', async (page) => {
      await signIn(page, 'u01-finance');
      await page.goto('/cards');
      await expect.poll(async () => (await headers(page)).some((x) => x.includes('品牌')), WAIT).toBe(true);
      await page.getByTestId('list-settings-button').click();
      await page.getByTestId('list-settings').getByRole('checkbox', { name: '品牌' }).uncheck();
      await expect.poll(async () => (await headers(page)).some((x) => x.includes('品牌')), WAIT).toBe(false);
      await page.getByTestId('filters-toggle').click();
      await expect.poll(() => page.getByText('展开筛选').count(), WAIT).toBe(1);
    });
    // Another browser (a fresh context), signed in again: the same list.
    await h.withPage('daily-list-settings-2', async (page) => {
      await signIn(page, 'u01-finance');
      await page.goto('/cards');
      // The settings arrive from the server: the list takes them once they do.
      await expect.poll(() => page.getByText('展开筛选').count(), WAIT).toBe(1);
      await expect
        .poll(async () => {
          const h = await headers(page);
          return h.some((x) => x.includes('规格型号')) && !h.some((x) => x.includes('品牌'));
        }, WAIT)
        .toBe(true);
    });
  });

  it('keeps the document list’s columns, filter panel and a saved filter in a fresh browser', async () => {
    const headers = (page: Page) => page.locator('.ant-table-thead th').allInnerTexts();
    await h.withPage('daily-documents-settings', async (page) => {
      await signIn(page, 'u01-admin');
      await page.goto('/documents');
      await expect.poll(async () => (await headers(page)).some((x) => x.includes('申请人')), WAIT).toBe(true);
      await page.getByTestId('list-settings-button').click();
      await page.getByTestId('list-settings').getByRole('checkbox', { name: '申请人' }).uncheck();
      await expect.poll(async () => (await headers(page)).some((x) => x.includes('申请人')), WAIT).toBe(false);
      // A filter from the panel shows as a tag; saved for the unit; then the panel is closed.
      await page.getByTestId('filter-type').click();
      await option(page, /^领用$/).click();
      await expect.poll(() => page.getByTestId('filter-tag-type').count(), WAIT).toBe(1);
      await page.getByTestId('save-filter').click();
      await page.getByPlaceholder('名称').fill('本单位领用');
      await page.getByRole('button', { name: '保存当前筛选' }).click();
      await expect.poll(() => page.getByText('已保存').count(), WAIT).toBeGreaterThan(0);
      await page.getByTestId('filters-toggle').click();
      await expect.poll(() => page.getByText('展开筛选').count(), WAIT).toBe(1);
    });
    // Another browser, signed in again: the same columns and closed panel; the saved filter applies.
    await h.withPage('daily-documents-settings-2', async (page) => {
      await signIn(page, 'u01-admin');
      await page.goto('/documents');
      await expect.poll(() => page.getByText('展开筛选').count(), WAIT).toBe(1);
      await expect
        .poll(async () => {
          const h = await headers(page);
          return h.some((x) => x.includes('单据号')) && !h.some((x) => x.includes('申请人'));
        }, WAIT)
        .toBe(true);
      expect(await page.getByTestId('filter-tag-type').count()).toBe(0);
      await page.getByTestId('saved-filters').click();
      await option(page, '本单位领用').click();
      await expect.poll(() => page.getByTestId('filter-tag-type').innerText(), WAIT).toContain('领用');
      expect(page.url()).toContain('type=requisition');
    });
  });

  it('transfers a ticked card to another unit with the receiving unit chosen in the bulk form', async () => {
    await h.withPage('daily-bulk-transfer', async (page) => {
      await signIn(page, 'u01-admin');
      await page.goto(`/cards?f=${encodeURIComponent(JSON.stringify({ status: ['idle'] }))}`);
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), WAIT).toBeGreaterThan(2);
      // A card not taken by the 领用 above: the last on the page.
      await rows.last().locator('.ant-checkbox-input').check();
      const idle = await (await page.request.get('/api/cards?status=idle&pageSize=1')).json();
      const targets = (await (await page.request.get('/api/transfer-targets')).json()).items as {
        id: string;
        code: string;
        name: string;
      }[];
      const to = targets.find((u) => u.id !== idle.items[0].unitId)!;
      await page.getByTestId('bulk-action').hover();
      await page.getByRole('menuitem', { name: '调拨' }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.getByText('已勾选的 1 张').count(), WAIT).toBe(1);
      await dialog.getByTestId('receiving-unit').click();
      await page.keyboard.type(to.name);
      await option(page, to.name).click();
      // The receiving side offers the receiving unit's departments.
      await expect.poll(() => dialog.getByText('调入单位使用部门').count(), WAIT).toBe(1);
      await dialog.getByRole('button', { name: /^核\s*对$/ }).click();
      await expect.poll(() => dialog.getByRole('button', { name: /确认创建（1 张）/ }).count(), WAIT).toBe(1);
      await dialog.getByRole('button', { name: /确认创建（1 张）/ }).click();
      await expect.poll(() => dialog.getByText('已创建草稿单据，请打开后核对并提交。').count(), WAIT).toBe(1);
      await dialog.locator('.ant-table-tbody a').first().click();
      await expect.poll(() => page.url().includes('/documents/'), WAIT).toBe(true);
      const id = page.url().split('/documents/')[1];
      const doc = await (await page.request.get(`/api/documents/${id}`)).json();
      expect({ type: doc.type, status: doc.status, to: doc.counterpartUnitId, lines: doc.lines.length }).toEqual({
        type: 'transfer',
        status: 'draft',
        to: to.id,
        lines: 1,
      });
    });
  });

  it('takes the administrator from the workspace to a pushed notification, a decision and 下一条', async () => {
    // u02-staff drafts two 领用 of idle cards (through the API, as a script would): unit 02's, since the
    // earlier tests hold unit 01's few idle cards in their drafts.
    const staff = await apiAs(h.baseUrl, 'u02-staff');
    const ws = await staff.get('/api/workspace');
    const mine = ws.mine.find((x: { key: string }) => x.key === 'myAssets');
    const own = (await staff.get(`/api/cards?custodianId=${mine.filter.custodianId}&pageSize=1`)).items[0];
    // Idle cards are the administrator's to list (staff see the cards in their custody).
    const admin = await apiAs(h.baseUrl, 'u02-admin');
    const idle = (await admin.get('/api/cards?status=idle&pageSize=30&sort=cardNo&order=desc')).items as { id: string }[];
    const drafts: string[] = [];
    const refused: string[] = [];
    for (const card of idle) {
      if (drafts.length === 2) break;
      const res = await staff.post('/api/documents', {
        type: 'requisition',
        payload: { departmentId: own.usingDepartmentId, custodianId: mine.filter.custodianId },
        lines: [{ cardId: card.id }],
      });
      if (res.status === 201) drafts.push(((await res.json()) as { id: string }).id);
      else refused.push(`${res.status} ${(await res.text()).slice(0, 120)}`);
    }
    expect(drafts.length, `refused: ${refused.slice(0, 3).join(' | ')}`).toBe(2);
    expect((await staff.post(`/api/documents/${drafts[0]}/submit`)).status).toBe(200);
    await h.withPage('daily-notify-approve-next', async (page) => {
      await signIn(page, 'u02-admin');
      await page.goto('/');
      await expect.poll(() => tileCount(page, 'inbox').catch(() => 0), WAIT).toBeGreaterThan(0);
      // The second submission while the workspace is open: the bell's toast arrives without a reload.
      expect((await staff.post(`/api/documents/${drafts[1]}/submit`)).status).toBe(200);
      const doc = await staff.get(`/api/documents/${drafts[1]}`);
      const toast = page.locator('.ant-notification-notice').filter({ hasText: doc.docNo });
      await expect.poll(() => toast.count(), WAIT).toBeGreaterThan(0);
      await toast.first().locator('.ant-notification-notice-message, .ant-notification-notice-title').first().click();
      await expect.poll(() => page.url().endsWith(`/documents/${drafts[1]}`), WAIT).toBe(true);
      // A question in the thread, then the decision; 下一条 leads to the next waiting document.
      await page.getByTestId('comment-input').fill('请确认领用人岗位');
      await page.getByTestId('comment-send').click();
      await expect.poll(() => page.getByTestId('document-comments').getByText('请确认领用人岗位').count(), WAIT).toBe(1);
      await page.getByTestId('approve').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /^确\s*定$/ })
        .click();
      await expect.poll(() => page.getByTestId('next-item').count(), WAIT).toBe(1);
      await page.getByTestId('next-item').click();
      await expect.poll(() => page.url().includes('/documents/') && !page.url().endsWith(drafts[1]), WAIT).toBe(true);
      expect((await staff.get(`/api/documents/${drafts[1]}`)).status).toBe('approved');
    });
  });
});
