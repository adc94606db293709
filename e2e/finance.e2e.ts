import dayjs from 'dayjs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, signIn, startHarness, WAIT } from './harness.ts';

// Pages fetch after they render: give assertions the time a person would wait.

// A unit's finance officer at month end: preview last month's depreciation, run it (a job with a
// progress bar), find it in the history with the previewed totals; then the asset summary report
// exported to Excel, and the dashboard's charts.
describe('finance pages in a browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  // Last month: a month not run yet in the fresh demo, with every demo card already on the books.
  const month = dayjs().subtract(1, 'month').format('YYYY-MM');
  const card = (page: Page, title: string) =>
    page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });

  it('previews a month of depreciation, runs it and lists the run with the same totals', () =>
    h.withPage('depreciation', async (page) => {
      await signIn(page, 'u01-finance');
      await page.goto('/finance/depreciation');
      // Choose the month in the month picker's panel (a year back first in January).
      const picker = page.locator('.ant-picker').first().locator('input');
      await picker.click();
      const panel = page.locator('.ant-picker-dropdown:visible');
      if (month.slice(0, 4) !== dayjs().format('YYYY')) await panel.locator('.ant-picker-header-super-prev-btn').click();
      await panel.locator(`td[title="${month}"]`).click();
      await expect.poll(() => picker.inputValue(), WAIT).toBe(month);

      const preview = card(page, '预览');
      const summary = preview.locator('.ant-table-summary');
      await expect.poll(() => summary.innerText(), WAIT).toMatch(/合计（[1-9]\d* 张卡片）/);
      await expect.poll(() => preview.locator('.ant-table-tbody tr.ant-table-row').count(), WAIT).toBeGreaterThan(0);
      const previewText = await summary.innerText();
      const cards = /合计（(\d+) 张卡片）/.exec(previewText)![1];
      const total = /¥[\d,]+\.\d{2}/.exec(previewText)![0];
      expect(await card(page, '计提记录').locator('.ant-table-tbody').innerText()).not.toContain(month);

      await page
        .locator('button')
        .filter({ hasText: /^\s*计\s*提\s*$/ })
        .click();
      const job = page.locator('.job-progress');
      await job.locator('.ant-progress').waitFor();
      await expect.poll(() => job.innerText(), { timeout: 60_000 }).toContain(`${month}：1 个单位已计提`);
      await job.locator('.ant-progress-status-success').waitFor();

      // The history shows the run with the previewed count and amount, still open.
      const runRow = card(page, '计提记录').locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: month });
      await runRow.waitFor();
      const cells = await runRow.locator('td').allInnerTexts();
      expect(cells[2]).toBe(cards);
      expect(cells[3]).toBe(total);
      expect(cells[4]).toContain('未结账');
      expect(cells[5]).toMatch(/\S/);
      await page.getByText('已计提，未结账').waitFor();
      await page.locator('button').filter({ hasText: '重新计提' }).waitFor();

      // Closing the month locks it: the run cannot be repeated, the history says so.
      await page
        .locator('button')
        .filter({ hasText: /^\s*结\s*账\s*$/ })
        .click();
      await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').last().click();
      await expect.poll(() => runRow.locator('td').nth(4).innerText(), WAIT).toContain('已结账');
      await expect.poll(() => page.locator('button').filter({ hasText: '重新计提' }).isDisabled(), WAIT).toBe(true);

      // The run's own page carries the same totals and one entry per card.
      await runRow.getByRole('link', { name: month }).click();
      await page.waitForURL(/\/finance\/depreciation\/runs\/[0-9a-f-]{36}$/);
      const facts = page.locator('.ant-descriptions');
      await expect.poll(() => facts.innerText(), WAIT).toContain(total);
      expect(await facts.innerText()).toContain(month);
      await expect
        .poll(() => page.locator('.ant-pagination-total-text, .ant-table-tbody tr.ant-table-row').count(), WAIT)
        .toBeGreaterThan(0);
    }));

  it('shows the closed month on the books page and the takeover report of the opening balances', () =>
    h.withPage('books', async (page) => {
      await signIn(page, 'u01-finance');
      await page.goto('/finance/books');
      // The month closed above is the unit's last closed month; the demo's books were taken over the month before.
      const row = page.locator('.ant-table-tbody tr.ant-table-row').first();
      await expect.poll(() => row.innerText(), WAIT).toContain(month);
      const takeover = dayjs(`${month}-01`).subtract(1, 'month').format('YYYY-MM');
      await row.getByRole('link', { name: takeover }).click();
      await page.waitForURL(/\/finance\/books\/takeover\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.locator('.ant-descriptions').innerText(), WAIT).toContain(takeover);
      // One line per class with its opening balances, and a total row.
      await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), WAIT).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.ant-table-summary').innerText(), WAIT).toContain('合计');
    }));

  it('shows the asset summary and exports it to Excel', () =>
    h.withPage('summary-export', async (page) => {
      await signIn(page, 'u01-finance');
      await page.goto('/finance/reports/summary');
      await page.getByText('期初 + 本期增加 − 本期减少 = 期末', { exact: false }).first().waitFor();
      const table = page.locator('.ant-table');
      await expect.poll(() => table.locator('thead').innerText(), WAIT).toMatch(/期初[\s\S]*本期增加[\s\S]*本期减少[\s\S]*期末/);
      // The last row is the total; at least one category row above it.
      await expect.poll(() => table.locator('.ant-table-tbody tr.ant-table-row').count(), WAIT).toBeGreaterThan(1);
      expect(await table.locator('tr.report-total-row').count()).toBe(1);

      await page.getByRole('button', { name: /导出 Excel/ }).click();
      const download = page
        .getByRole('link', { name: /下载 Excel/ })
        .or(page.locator('a').filter({ hasText: '下载 Excel' }))
        .first();
      await download.waitFor({ timeout: 60_000 });
      const href = await download.getAttribute('href');
      expect(href).toMatch(/^\/api\/jobs\/[0-9a-f-]{36}\/file$/);
      // The file is a real workbook (a zip), served to this session.
      const res = await page.request.get(href!);
      expect(res.status()).toBe(200);
      const body = await res.body();
      expect(body.subarray(0, 2).toString()).toBe('PK');
      expect(res.headers()['content-disposition'] ?? '').toMatch(/attachment/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(body as unknown as ArrayBuffer);
      const texts: string[] = [];
      wb.worksheets[0].eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text))));
      expect(texts.join(' ')).toMatch(/期初[\s\S]*期末/);
    }));

  it('shows the quantities over quota beside the over-standard list, with totals and an Excel export', () =>
    h.withPage('quota', async (page) => {
      await signIn(page, 'officer');
      await page.goto('/finance/reports/lists?kind=over_standard');
      await page.getByRole('tab', { name: '数量超标' }).click();
      await page.waitForURL(/kind=quota/);
      const table = page.locator('.quota-table');
      await expect
        .poll(() => table.locator('thead').innerText(), WAIT)
        .toMatch(/单位[\s\S]*配置标准[\s\S]*编制人数[\s\S]*限额[\s\S]*现有[\s\S]*超标/);
      // Within quota too, so the demo's units show whatever they hold.
      await page.getByRole('switch').click();
      await page.waitForURL(/showAll=true/);
      await expect.poll(() => table.locator('.ant-table-tbody tr.ant-table-row').count(), WAIT).toBeGreaterThan(0);
      await expect.poll(() => table.locator('.ant-table-summary').innerText(), WAIT).toMatch(/合计（[1-9]\d* 项）/);

      await page.getByRole('button', { name: /导出 Excel/ }).click();
      const download = page.locator('a').filter({ hasText: '下载 Excel' }).first();
      await download.waitFor({ timeout: 60_000 });
      const res = await page.request.get((await download.getAttribute('href'))!);
      expect(res.status()).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
      expect(String(wb.worksheets[0].getCell('A1').value)).toContain('数量超标');
    }));

  it('draws the dashboard charts', () =>
    h.withPage('dashboard', async (page) => {
      await signIn(page, 'u01-finance');
      await page.goto('/dashboard');
      await page.getByText('按类别的资产原值').waitFor();
      await expect.poll(() => page.locator('.ant-statistic').first().innerText(), WAIT).toMatch(/[1-9]/);
      await expect.poll(() => page.locator('canvas').count(), WAIT).toBeGreaterThanOrEqual(1);
      // A chart that actually drew: its canvas has a size.
      const box = await page.locator('canvas').first().boundingBox();
      expect(box!.width).toBeGreaterThan(100);
      expect(box!.height).toBeGreaterThan(100);
    }));
});
