import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Harness, signIn, startHarness, WAIT } from './harness.ts';

// Pages fetch after they render: give assertions the time a person would wait.

/** Calls as one account (a script's way): the session cookie and its CSRF token. */
async function apiAs(baseUrl: string, username: string) {
  const request = await apiSession(baseUrl, username);
  const call = async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await request(method, url, body);
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return { get: (url: string) => call('GET', url), post: (url: string, body: unknown = {}) => call('POST', url, body) };
}

// The monthly set as filed: a unit's finance officer submits last month's set once the month is
// closed, the committee reviews and locks it, the stored workbook downloads; the finance officer
// records a turnover of rental income to the treasury; the edition mapping shows.
describe('the monthly report set and income in a browser', () => {
  let h: Harness;
  const month = dayjs().subtract(1, 'month').format('YYYY-MM');
  const today = dayjs().format('YYYY-MM-DD');
  const card = (page: Page, title: string) =>
    page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });

  beforeAll(async () => {
    h = await startHarness();
    // The unit closes last month (a depreciation run, then 结账), as the finance pages do.
    const finance = await apiAs(h.baseUrl, 'u01-finance');
    const { jobId } = await finance.post('/api/depreciation/runs', { month });
    for (let i = 0; ; i++) {
      const { status } = await finance.get(`/api/jobs/${jobId}`);
      if (status === 'succeeded') break;
      if (status === 'failed' || i > 240) throw new Error(`the depreciation run ended ${status}`);
      await new Promise((r) => setTimeout(r, 500));
    }
    const closed = await finance.post('/api/books/close', { month });
    expect(closed.units.every((u: { closed: boolean }) => u.closed)).toBe(true);
    // A rental with income this month: drafted by the unit's administrator, approved by its leader, executed.
    const admin = await apiAs(h.baseUrl, 'u01-admin');
    const leader = await apiAs(h.baseUrl, 'u01-leader');
    const cards = await admin.get('/api/cards?status=in_use&valueMax=500000&pageSize=1');
    const doc = await admin.post('/api/documents', {
      type: 'lending',
      title: '会议室设备出租',
      payload: { mode: 'rented', counterparty: '某会展公司', periodFrom: today, periodTo: today, incomeFen: 123_400 },
      lines: [{ cardId: cards.items[0].id, reason: '展会租用' }],
    });
    await admin.post(`/api/documents/${doc.id}/submit`);
    await leader.post(`/api/documents/${doc.id}/approve`, { comment: '同意' });
    await admin.post(`/api/documents/${doc.id}/execute`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a unit submits its monthly set: seven tables, the income ones among them, columns of its own choosing', () =>
    h.withPage('report-submit', async (page) => {
      await signIn(page, 'u01-finance');
      await page.goto(`/reports/monthly?month=${month}`);
      await card(page, '月07表 资产处置及收入情况表').waitFor();
      expect(await page.locator('.ant-card-head-title').allInnerTexts()).toEqual(
        expect.arrayContaining(['月01表 资产情况表', '月06表 出租出借收入情况表', '月07表 资产处置及收入情况表']),
      );
      // The cover names the unit, never 全部单位; every table ends on one 合计.
      const cover = page.locator('.ant-descriptions');
      await expect.poll(() => cover.innerText(), WAIT).toContain('编制单位');
      expect(await cover.innerText()).not.toContain('全部单位');
      const rental = card(page, '月06表');
      await expect.poll(() => rental.locator('.ant-table-tbody').innerText(), WAIT).toContain('合计');

      // 列设置: hide 其中：逾期未缴 in 月06表; the other tables keep theirs.
      await expect.poll(() => rental.locator('thead').innerText(), WAIT).toContain('逾期未缴');
      await rental.getByTestId('list-settings-button').click();
      const panel = page.getByTestId('list-settings').last();
      await panel.getByRole('checkbox', { name: /逾期未缴/ }).uncheck();
      await expect.poll(() => rental.locator('thead').innerText(), WAIT).not.toContain('逾期未缴');
      expect(await card(page, '月07表').locator('thead').innerText()).toContain('逾期未缴');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: /报\s*送/ }).click();
      await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').last().click();
      await page.getByText('月报已报送，待管委会审核').waitFor();
      await expect.poll(() => page.locator('.ant-tag').allInnerTexts(), WAIT).toContain('已报送待审核');
    }));

  it('the committee reviews and locks it; the stored workbook downloads with its income tables', () =>
    h.withPage('report-review', async (page) => {
      await signIn(page, 'officer');
      await page.goto('/reports/filings');
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: month });
      await expect.poll(() => row.first().innerText(), WAIT).toContain('已报送待审核');
      await row
        .first()
        .getByRole('button', { name: /通过并锁定/ })
        .click();
      await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').last().click();
      await expect.poll(() => row.first().innerText(), WAIT).toContain('已审核锁定');

      const link = row.first().getByRole('link', { name: '存档 Excel' });
      const res = await page.request.get((await link.getAttribute('href'))!);
      expect(res.status()).toBe(200);
      const body = await res.body();
      expect(body.subarray(0, 2).toString()).toBe('PK');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(body as unknown as ArrayBuffer);
      const names = wb.worksheets.map((w) => w.name);
      expect(names[0]).toBe('封面');
      expect(names.some((n) => n.startsWith('月06表'))).toBe(true);
      expect(names.some((n) => n.startsWith('月07表'))).toBe(true);

      // The unit's page now shows the stored report, sealed.
      await row.first().getByRole('link', { name: month }).click();
      await page.getByText('已审核锁定：以下为存档的报表').waitFor();
    }));

  it('the finance officer records a turnover of the rent to the treasury', () =>
    h.withPage('income-turnover', async (page) => {
      await signIn(page, 'u01-finance');
      await page.goto('/income');
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '某会展公司' });
      await expect.poll(() => row.first().innerText(), WAIT).toContain('¥1,234.00');
      await row.first().click();
      const drawer = page.locator('.ant-drawer');
      await expect.poll(() => drawer.getByTestId('income-outstanding').innerText(), WAIT).toContain('1,234.00');
      await drawer.getByRole('button', { name: '登记上缴' }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: '登记上缴国库' }).first();
      await modal.getByLabel('缴款凭证号').fill('FS-E2E-1');
      await modal.getByRole('button', { name: /登\s*记/ }).click();
      await page
        .locator('.ant-modal-confirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await expect.poll(() => drawer.getByTestId('income-outstanding').innerText(), WAIT).toContain('0.00');
      await expect.poll(() => drawer.locator('.ant-table-tbody').innerText(), WAIT).toContain('FS-E2E-1');
    }));

  it('shows the edition mapping, 2010 codes beside their 2022 classes', () =>
    h.withPage('edition-map', async (page) => {
      await signIn(page, 'officer');
      await page.goto('/reports/edition-map');
      const body = page.locator('.ant-table-tbody');
      await expect.poll(() => body.locator('tr.ant-table-row').count(), WAIT).toBeGreaterThan(0);
      expect(await body.innerText()).toMatch(/\d{7}[\s\S]*A\d{8}/);
    }));
});
