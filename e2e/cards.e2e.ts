import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQr } from './fixtures-qr.ts';
import { type Harness, signIn, startHarness, WAIT } from './harness.ts';
import { fillTemplate, type SheetRow } from '../src/server/testing/sheets.ts';

// Pages fetch after they render: give assertions the time a person would wait.

// The card library as a unit's asset administrator uses it: fill the import template with an
// existing ledger (one row wrong), read the rejection, fix it, import; find a card by a Chinese
// fragment, read its history, print labels for the imported cards, open the phone page.
describe('the card library in a browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  // One token per run so the imported cards are told apart from the demo's by their serial numbers.
  const run = crypto.randomBytes(3).toString('hex').toUpperCase();
  const PRINTER = '档案室激光打印机';
  const rows = (bad: boolean): SheetRow[] => [
    {
      资产名称: PRINTER,
      分类代码: 'A02010601',
      规格型号: 'LaserJet Pro M404dn',
      品牌: '惠普',
      序列号: `E2E${run}-1`,
      数量: 1,
      '原值(元)': 1899,
      经费来源: '财政拨款',
      取得方式: '购置',
      取得日期: '2024-05-20',
    },
    {
      资产名称: '台式计算机',
      分类代码: 'A02010104',
      规格型号: 'ThinkCentre M920',
      品牌: '联想',
      序列号: `E2E${run}-2`,
      数量: 1,
      '原值(元)': 4999.5,
      '累计折旧(元)': 1000,
      取得方式: '购置',
      取得日期: '2022-03-15',
    },
    // The third row: a category code that does not exist and a negative value, until it is fixed.
    {
      资产名称: '液晶显示器',
      分类代码: bad ? 'A99999999' : 'A02010602',
      品牌: '戴尔',
      序列号: `E2E${run}-3`,
      '原值(元)': bad ? -5 : 1299,
      取得方式: '购置',
      取得日期: '2023-09-01',
    },
  ];

  /** The template the page offers, filled in as a user would (the same helper the API tests use). */
  async function workbook(page: Page, data: SheetRow[]): Promise<Buffer> {
    const res = await page.request.get('/api/card-io/template');
    expect(res.status()).toBe(200);
    return fillTemplate(await res.body(), data);
  }

  const upload = (page: Page, file: Buffer) =>
    page.locator('.ant-upload input[type="file"]').setInputFiles({
      name: '期初资产.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
  const search = async (page: Page, text: string) => {
    const box = page.getByPlaceholder('卡片编号、名称、规格、品牌、序列号的任意片段');
    await box.fill(text);
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), WAIT).toBe(text);
  };
  const tableRows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

  let printerId = '';
  let printerNo = '';
  let scanned = '';

  it('rejects a file with a bad row, cell by cell, and imports it once fixed', () =>
    h.withPage('card-import', async (page) => {
      await signIn(page, 'u01-admin');
      await page.goto('/cards/import');
      await page.getByText('导入到本单位').waitFor();
      const before = await page.evaluate(async () => (await (await fetch('/api/cards?pageSize=1')).json()).total as number);

      await upload(page, await workbook(page, rows(true)));
      await page.getByText(/导入被拒绝：共 \d+ 处错误，未写入任何数据/).waitFor({ timeout: 30_000 });
      const report = page.locator('.ant-table').filter({ has: page.locator('th', { hasText: '原因' }) });
      await expect.poll(() => report.locator('thead').innerText(), WAIT).toMatch(/行号[\s\S]*列[\s\S]*值[\s\S]*原因/);
      const category = report.locator('tr.ant-table-row').filter({ hasText: 'A99999999' });
      await expect
        .poll(() => category.locator('td').allInnerTexts(), WAIT)
        .toEqual(['4', '分类代码', 'A99999999', expect.stringMatching(/\S/)]);
      const value = report.locator('tr.ant-table-row').filter({ hasText: '原值(元)' });
      await expect.poll(() => value.locator('td').nth(0).innerText(), WAIT).toBe('4');
      expect(await value.locator('td').nth(2).innerText()).toContain('-5');
      // The full report as a workbook, with the bad cell in it.
      const reportLink = page.locator('a').filter({ hasText: '下载错误报告' });
      const file = await page.request.get((await reportLink.getAttribute('href'))!);
      expect(file.status()).toBe(200);
      const errors = new ExcelJS.Workbook();
      await errors.xlsx.load((await file.body()) as unknown as ArrayBuffer);
      const cells: string[] = [];
      for (const ws of errors.worksheets) ws.eachRow((r) => r.eachCell((c) => void cells.push(String(c.text))));
      expect(cells).toContain('A99999999');
      // All or nothing: the two good rows were not written either.
      expect(await page.evaluate(async () => (await (await fetch('/api/cards?pageSize=1')).json()).total as number)).toBe(before);

      await upload(page, await workbook(page, rows(false)));
      const done = page.locator('.ant-alert-success').filter({ hasText: '已导入 3 张卡片' });
      await done.waitFor({ timeout: 30_000 });
      expect(await done.innerText()).toMatch(/卡片编号：\S+ – \S+/);
      expect(await page.getByText(/导入被拒绝/).count()).toBe(0);
      expect(await page.evaluate(async () => (await (await fetch('/api/cards?pageSize=1')).json()).total as number)).toBe(before + 3);
    }));

  it('finds an imported card by a Chinese fragment and shows its opening registration', () =>
    h.withPage('card-search', async (page) => {
      await signIn(page, 'u01-admin');
      await page.goto('/cards');
      await tableRows(page).first().waitFor();
      // Two characters: every card on the page has them somewhere (the demo has plenty of printers).
      await search(page, '打印');
      // (The table keeps showing the previous page while it fetches: wait for the answer itself.)
      await expect
        .poll(async () => {
          const texts = await tableRows(page).allInnerTexts();
          return texts.length > 1 && texts.every((text) => text.includes('打印'));
        }, WAIT)
        .toBe(true);
      // The fragment 档案室激光打 only matches the imported printer.
      await search(page, '档案室激光打');
      const hit = tableRows(page).filter({ hasText: PRINTER });
      await hit.waitFor();
      await expect.poll(() => tableRows(page).count(), WAIT).toBe(1);
      const link = hit.locator('a[href^="/cards/"]').first();
      printerNo = await link.innerText();
      printerId = (await link.getAttribute('href'))!.split('/').pop()!;

      await link.click();
      await page.waitForURL(`**/cards/${printerId}`);
      await expect.poll(() => page.locator('.ant-page-header, h1, h2, h3, h4').first().innerText(), WAIT).toContain(printerNo);
      const history = page.locator('.ant-card').filter({ has: page.getByText('履历（台账）') });
      await expect.poll(() => history.locator('.ant-timeline').innerText(), WAIT).toContain('期初登记');
      // The card itself as imported.
      const basic = page.locator('.ant-card').filter({ has: page.getByText('基本信息', { exact: true }) });
      await expect.poll(() => basic.innerText(), WAIT).toContain('LaserJet Pro M404dn');
    }));

  it('prints labels with QR codes for the selected cards, on either label stock', () =>
    h.withPage('card-labels', async (page, context) => {
      await signIn(page, 'u01-admin');
      await page.goto('/cards');
      await tableRows(page).first().waitFor();
      await search(page, `E2E${run}`);
      await expect.poll(() => tableRows(page).count(), WAIT).toBe(3);
      for (let i = 0; i < 3; i++) await tableRows(page).nth(i).locator('.ant-checkbox-input').check();
      await page.getByText('已选 3 张').waitFor();

      const [labels] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: /打印标签/ }).click()]);
      await labels.waitForLoadState();
      expect(labels.url()).toContain('/cards/labels');
      await labels.getByText('共 3 张').waitFor();
      const label = labels.locator('.gw-label');
      await expect.poll(() => label.count(), WAIT).toBe(3);
      // Every label gets its QR image (generated in the page) and its card number.
      await expect.poll(() => labels.locator('.gw-label img[src^="data:image/png"]').count(), WAIT).toBe(3);
      expect(await labels.locator('.gw-labels').innerText()).toContain(printerNo);
      // Scanned, the printer's label leads to the card's phone page.
      scanned = await readQr(label.filter({ hasText: printerNo }).locator('img'));
      expect(scanned).toBe(`${h.baseUrl}/m/cards/${printerId}`);
      await expect.poll(() => labels.getByRole('button', { name: /打\s*印/ }).isEnabled(), WAIT).toBe(true);

      // CSS mm at 96 dpi: 1 mm = 3.78 px.
      const size = async () => {
        const b = (await label.first().boundingBox())!;
        return [Math.round(b.width / 3.78), Math.round(b.height / 3.78)];
      };
      await labels.locator('.ant-segmented-item').filter({ hasText: '60×40' }).click();
      await expect.poll(size, WAIT).toEqual([60, 40]);
      await labels.locator('.ant-segmented-item').filter({ hasText: '70×30' }).click();
      await expect.poll(size, WAIT).toEqual([70, 30]);
      expect(await labels.locator('.gw-labels-page > style').innerHTML()).toContain('size: 70mm 30mm');
      await expect.poll(() => labels.locator('.gw-label img[src^="data:image/png"]').count(), WAIT).toBe(3);
      // The stock is remembered for the next print.
      await labels.reload();
      await expect.poll(size, WAIT).toEqual([70, 30]);
      await labels.close();
    }));

  it('shows the card number on the phone page a label opens', () =>
    h.withPage('card-phone', async (page) => {
      expect(printerId).not.toBe('');
      await signIn(page, 'u01-admin');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(scanned || `/m/cards/${printerId}`);
      await page.getByText(printerNo, { exact: true }).waitFor();
      expect(await page.locator('body').innerText()).toContain(PRINTER);
      expect(await page.locator('.app-layout').count()).toBe(0);
      await page.getByRole('button', { name: /查看完整卡片与履历/ }).click();
      await page.waitForURL(`**/cards/${printerId}`);
    }));
});
