import { devices, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CountSheet } from '../src/shared/inventory.contracts.ts';
import { type Harness, signIn, startHarness, WAIT } from './harness.ts';

// The asset office plans a count of unit 01 with u01-staff as counter and starts it; the counter,
// on an emulated phone (Chromium's Pixel 7: small screen, touch, mobile agent), goes offline, types
// two card numbers (standing in for the camera) and has a photo of a third card's printed label
// decoded, comes back online and sees them synced; the office sees the reconciliation and closes.
const PHONE = devices['Pixel 7'];
describe('a physical count in a browser', () => {
  let h: Harness;
  let countId = '';
  let sheet: CountSheet;
  /** The printed label of the sheet's third card, as a phone's photo of it (PNG). */
  let labelPhoto: Buffer;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const pick = async (page: Page, id: string, text: string) => {
    await page.locator(`#${id}`).click();
    await page.locator(`#${id}`).fill(text);
    // The option list of this select (its listbox is `<id>_list`), not another select's closing dropdown.
    await page.locator(`.ant-select-dropdown:visible:has(#${id}_list) .ant-select-item-option`).first().click();
    await page.keyboard.press('Escape');
  };

  it('plans and starts a count of unit 01', () =>
    h.withPage('count-plan', async (page) => {
      await signIn(page, 'officer');
      const units = (await (await page.request.get('/api/units?pageSize=500')).json()) as {
        items: { id: string; code: string; name: string }[];
      };
      const staff = await page.request.get('/api/users?q=u01-staff');
      const u01 = (await staff.json()).items[0].unitId as string;
      const unit = units.items.find((u) => u.id === u01)!;
      await page.goto('/counts');
      await page.getByRole('button', { name: /计划盘点/ }).click();
      await page.locator('#title').fill('浏览器盘点');
      await pick(page, 'unitIds', unit.name);
      await page.locator('#baseDate').click();
      await page.locator('#baseDate').fill('2026-12-31');
      await page.keyboard.press('Enter');
      await pick(page, 'counterIds', 'u01-staff');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.waitForURL(/\/counts\/[0-9a-f-]{36}$/);
      countId = page.url().split('/').pop()!;
      await page.getByRole('button', { name: /开始盘点/ }).click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.getByText('账实相符率').first().waitFor(WAIT);
      sheet = await (await page.request.get(`/api/counts/${countId}/sheet`)).json();
      expect(sheet.items.length).toBeGreaterThan(2);
      // The label the card carries today (the label print page's QR image).
      await page.goto(`/cards/labels?ids=${sheet.items[2].cardId}`);
      const img = page.locator('.gw-label img[src^="data:image/png"]').first();
      await img.waitFor(WAIT);
      labelPhoto = Buffer.from((await img.getAttribute('src'))!.split(',')[1], 'base64');
    }));

  it('scans on an emulated phone offline by typing card numbers and reading a label photo, and syncs when back online', () =>
    h.withPage(
      'count-phone',
      async (page, context) => {
        await signIn(page, 'u01-staff');
        expect(await page.evaluate(() => navigator.maxTouchPoints > 0 && /Mobile/.test(navigator.userAgent))).toBe(true);
        await page.goto(`/m/counts/${countId}`);
        const pending = page.getByTestId('pending');
        await pending.waitFor();
        expect(await page.locator('.app-layout').count()).toBe(0);
        // The count page's service worker takes over (scope /m/counts/ only) and caches the session.
        await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), WAIT).toBe(true);
        expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope)).toMatch(/\/m\/counts\/$/);
        await expect
          .poll(() => page.evaluate(async () => !!(await (await caches.open('count-session')).match('/api/auth/me'))), WAIT)
          .toBe(true);
        await context.setOffline(true);
        await expect.poll(() => page.locator('body').innerText(), WAIT).toContain('离线');
        const input = page.getByPlaceholder('扫描标签或输入卡片编号，回车确认');
        for (const item of sheet.items.slice(0, 2)) {
          await input.fill(item.cardNo);
          await input.press('Enter');
          await expect.poll(() => page.getByTestId('feedback').innerText(), WAIT).toContain(item.name);
        }
        // The same card again: answered locally, and on the server one result.
        await input.fill(sheet.items[0].cardNo);
        await input.press('Enter');
        await expect.poll(() => pending.innerText(), WAIT).toBe('待同步 3');
        // A photo of the third card's label, decoded in the page (no network).
        await page.getByTestId('label-photo').setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: labelPhoto });
        await expect.poll(() => page.getByTestId('feedback').innerText(), WAIT).toContain(sheet.items[2].name);
        await expect.poll(() => pending.innerText(), WAIT).toBe('待同步 4');
        expect(await page.getByTestId('progress').innerText()).toBe(`已盘 3 / ${sheet.items.length}`);
        // Opened again with no network at all: the worker serves the page, IndexedDB the sheet and the queue.
        await page.reload();
        await expect.poll(() => pending.innerText(), WAIT).toBe('待同步 4');
        expect(await page.getByTestId('progress').innerText()).toBe(`已盘 3 / ${sheet.items.length}`);
        await context.setOffline(false);
        await expect.poll(() => pending.innerText(), WAIT).toBe('待同步 0');
        expect(page.viewportSize()!.width).toBe(PHONE.viewport.width);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(overflow).toBe(false);
      },
      PHONE,
    ));

  it('shows the reconciliation with the exact counts, and closes into adjustment documents', () =>
    h.withPage('count-result', async (page) => {
      await signIn(page, 'officer');
      await page.goto(`/counts/${countId}`);
      const n = sheet.items.length;
      const rate = `${(Math.floor((3 * 10_000) / n) / 100).toFixed(2)}%`;
      await expect.poll(() => page.locator('body').innerText(), WAIT).toContain(`账实相符率 ${rate}`);
      const total = page.locator('.ant-table-row').filter({ hasText: '合计' }).first();
      expect((await total.locator('td').allInnerTexts()).slice(0, 5)).toEqual(['合计', String(n), '3', '0', String(n - 3)]);
      await page.getByRole('button', { name: /结束盘点/ }).click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      const docs = page.locator('.ant-card').filter({ hasText: '调整单据' });
      await docs.waitFor(WAIT);
      // The write-off of the missing cards; the demo's committee has one officer, who closed the
      // count and so cannot approve it: the document waits as a draft, and the dialog says why.
      await expect.poll(() => docs.innerText(), WAIT).toContain('处置');
      expect(await page.locator('.ant-modal-confirm').innerText()).toContain('保留为草稿');
    }));
});
