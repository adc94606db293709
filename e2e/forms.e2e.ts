import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_STATUSES } from '../src/shared/assets.enums.ts';
import { type Harness, signIn, startHarness, WAIT } from './harness.ts';

// Forms as an asset officer meets them: Enter and a card scanner, the server's refusals beside the
// fields, a transfer to another unit, a dashboard click, leaving a changed form, and a phone.

interface CardRow {
  id: string;
  cardNo: string;
  status: string;
}
interface Page_<T> {
  items: T[];
  total: number;
}

let ipSeq = 0;
async function login(page: Page, user: string) {
  // Each signed-in page from its own address, so the suite never meets the sign-in rate limit.
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': `10.78.0.${++ipSeq}` });
  await signIn(page, user);
}
const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
const formItem = (page: Page, labelText: string) =>
  page.locator('.ant-form-item').filter({ has: page.getByText(labelText, { exact: true }) });

/** Opens an antd select, types, and picks the first option containing `text`. */
async function choose(page: Page, select: Locator, text: string) {
  await select.click();
  await page.keyboard.type(text);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
  await option.waitFor();
  await option.click();
  // The closing dropdown must be gone before the next one is read.
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), WAIT).toBe(0);
}

async function scanCards(page: Page, cards: CardRow[]) {
  const scan = page.getByTestId('scan-box');
  for (const c of cards) {
    await scan.fill(c.cardNo);
    await scan.press('Enter');
    await expect.poll(() => page.locator('.ant-table-row').filter({ hasText: c.cardNo }).count(), WAIT).toBe(1);
  }
}

describe('forms that behave', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('Enter in a field never posts the document; the scan box adds one card per code and Enter', async () => {
    await h.withPage('forms-enter', async (page) => {
      await login(page, 'u01-admin');
      const docs = async () => (await apiGet<Page_<unknown>>(page, '/api/documents?pageSize=1')).total;
      const before = await docs();
      const cards = (await apiGet<Page_<CardRow>>(page, '/api/cards?status=in_use&status=idle&pageSize=2&sort=cardNo')).items;
      expect(cards).toHaveLength(2);
      await page.goto('/documents/new/transfer');
      await page.locator('#title').fill('回车不应提交');
      await page.locator('#title').press('Enter');
      await scanCards(page, cards);
      // A scanner sends the same code twice: still one line.
      await page.getByTestId('scan-box').fill(cards[0].cardNo);
      await page.getByTestId('scan-box').press('Enter');
      await page.waitForTimeout(1000);
      expect(await page.locator('.ant-table-row').count()).toBe(2);
      expect(new URL(page.url()).pathname).toBe('/documents/new/transfer');
      expect(await docs()).toBe(before);
    });
  });

  it("keeps the server's refusal beside the fields it names, and saves nothing", async () => {
    await h.withPage('forms-field-errors', async (page) => {
      await login(page, 'u01-admin');
      const before = (await apiGet<Page_<unknown>>(page, '/api/documents?pageSize=1')).total;
      const [card] = (await apiGet<Page_<CardRow>>(page, '/api/cards?status=in_use&pageSize=1&sort=cardNo')).items;
      await page.goto('/documents/new/lending');
      await scanCards(page, [card]);
      await page.getByRole('button', { name: '保存草稿' }).click();
      await expect
        .poll(() => formItem(page, '对方单位').locator('.ant-form-item-explain-error').textContent(), WAIT)
        .toBe('请填写对方单位');
      // The period is one range picker on the form and two dates on the server: the message still lands beside it.
      expect(await formItem(page, '期限').locator('.ant-form-item-explain-error').textContent()).toBe('请填写期限');
      expect(new URL(page.url()).pathname).toBe('/documents/new/lending');
      expect((await apiGet<Page_<unknown>>(page, '/api/documents?pageSize=1')).total).toBe(before);
    });
  });

  it("transfers to another unit with the receiving unit's custodian and room, and shows the saved draft", async () => {
    await h.withPage('forms-transfer', async (page) => {
      await login(page, 'u01-admin');
      const targets = await apiGet<Page_<{ id: string; code: string; name: string }>>(page, '/api/transfer-targets');
      const u02 = targets.items.find((u) => u.code === '11002')!;
      const side = await apiGet<{ staff: { id: string; name: string }[]; rooms: { id: string; code: string }[] }>(
        page,
        `/api/transfer-targets/${u02.id}`,
      );
      expect(side.rooms.length).toBeGreaterThan(0);
      const [card] = (await apiGet<Page_<CardRow>>(page, '/api/cards?status=idle&status=in_use&pageSize=1&sort=cardNo&order=desc')).items;
      await page.goto('/documents/new/transfer');
      await scanCards(page, [card]);
      await choose(page, formItem(page, '调入单位（单位间调拨时选择）').locator('.ant-select'), u02.code);
      // The receiving unit's rooms are offered, all of them and only them.
      await formItem(page, '调入单位存放地点').locator('.ant-select').click();
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      const codes = side.rooms.map((r) => r.code);
      const offered = async () => {
        const texts = await options.allInnerTexts();
        return texts.length > 0 && texts.every((text) => codes.some((c) => text.includes(c)));
      };
      await expect.poll(offered, WAIT).toBe(true);
      await page.keyboard.type(side.rooms[0].code);
      await options.filter({ hasText: side.rooms[0].code }).first().click();
      await choose(page, formItem(page, '调入单位保管人').locator('.ant-select'), side.staff[0].name);
      await page.getByRole('button', { name: '保存草稿' }).click();
      await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
      const id = /\/documents\/([0-9a-f-]{36})/.exec(page.url())![1];
      const doc = await apiGet<{
        docNo: string;
        status: string;
        counterpartUnitId: string;
        payload: { roomId: string; custodianId: string };
      }>(page, `/api/documents/${id}`);
      expect({ unit: doc.counterpartUnitId, room: doc.payload.roomId, custodian: doc.payload.custodianId, status: doc.status }).toEqual({
        unit: u02.id,
        room: side.rooms[0].id,
        custodian: side.staff[0].id,
        status: 'draft',
      });
      // The new state without a reload: the number and the status.
      await expect.poll(() => page.locator('.page-header').innerText(), WAIT).toContain(doc.docNo);
      expect(await page.locator('.page-header').innerText()).toContain('草稿');
    });
  });

  it('opens the card list filtered to the clicked slice of a dashboard chart, with the filter in the panel', async () => {
    await h.withPage('forms-dashboard', async (page) => {
      await login(page, 'officer');
      await page.goto('/dashboard');
      const chart = page.locator('.ant-card').filter({ hasText: '资产状态分布' }).locator('canvas');
      await chart.waitFor();
      await page.waitForTimeout(1500); // the pie animates in
      const box = (await chart.boundingBox())!;
      const r = (Math.min(box.width, box.height) / 2) * 0.65;
      const list = page.waitForResponse((res) => res.url().includes('/api/cards?') && res.url().includes('status='));
      await chart.click({ position: { x: box.width / 2, y: box.height / 2 - r / 2 } });
      await page.waitForURL(/\/cards\?/);
      const f = JSON.parse(new URL(page.url()).searchParams.get('f') ?? '{}') as { status?: string[] };
      expect(f.status).toHaveLength(1);
      const status = f.status![0];
      const shown = (await (await list).json()) as Page_<CardRow>;
      const direct = await apiGet<Page_<CardRow>>(page, `/api/cards?status=${status}&pageSize=1`);
      expect(shown.total).toBe(direct.total);
      expect(shown.items.every((c) => c.status === status)).toBe(true);
      expect(await formItem(page, '状态').innerText()).toContain(CARD_STATUSES[status as keyof typeof CARD_STATUSES][0]);
    });
  });

  it('asks before leaving a changed form, in the app and on closing the tab', async () => {
    await h.withPage('forms-unsaved', async (page) => {
      await login(page, 'u01-admin');
      await page.goto('/documents/new/requisition');
      await page.locator('#title').fill('还没保存');
      await page.locator('.app-sider a[href="/cards"]').click();
      const ask = page.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改' });
      await ask.waitFor();
      await ask.getByRole('button', { name: '留在此页' }).click();
      await page.waitForTimeout(300);
      expect(new URL(page.url()).pathname).toBe('/documents/new/requisition');
      expect(await page.locator('#title').inputValue()).toBe('还没保存');
      await page.locator('.app-sider a[href="/cards"]').click();
      await page.getByTestId('leave-unsaved').click();
      await page.waitForURL(/\/cards$/);
      // A form left untouched lets one go without asking.
      await page.goto('/documents/new/requisition');
      await page.locator('.app-sider a[href="/cards"]').click();
      await page.waitForURL(/\/cards$/);
      // The card edit drawer: closing it on changes asks too.
      const [card] = (await apiGet<Page_<CardRow>>(page, '/api/cards?status=in_use&pageSize=1')).items;
      await page.goto(`/cards/${card.id}`);
      await page.getByRole('button', { name: '修改信息' }).click();
      const drawer = page.locator('.ant-drawer');
      await drawer.locator('#name').fill('改了一半');
      await drawer.locator('.ant-drawer-close').click();
      const askClose = page.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改' });
      await askClose.waitFor();
      await askClose.getByRole('button', { name: '继续填写' }).click();
      expect(await drawer.locator('#name').inputValue()).toBe('改了一半');
      // A dialog (a new staff member): 取消 or × on changes asks; 关闭 discards; untouched, it closes at once.
      await page.goto('/org/staff');
      await page.getByRole('button', { name: '新建人员' }).click();
      const staffDialog = page.locator('.ant-modal').filter({ hasText: '新建人员' }).last();
      await staffDialog.locator('input#name').fill('填了一半');
      await staffDialog.getByRole('button', { name: '取消' }).click();
      const askDialog = page.locator('.ant-modal-confirm').filter({ hasText: '有未保存的修改' });
      await askDialog.waitFor();
      await askDialog.getByRole('button', { name: '继续填写' }).click();
      expect(await staffDialog.locator('input#name').inputValue()).toBe('填了一半');
      await staffDialog.locator('.ant-modal-close').click();
      await page.getByTestId('discard-unsaved').click();
      await expect.poll(() => page.locator('.ant-modal:visible').filter({ hasText: '新建人员' }).count(), WAIT).toBe(0);
      await page.getByRole('button', { name: '新建人员' }).click();
      await staffDialog.getByRole('button', { name: '取消' }).click();
      await expect.poll(() => page.locator('.ant-modal:visible').filter({ hasText: '新建人员' }).count(), WAIT).toBe(0);
      // Closing the tab on a changed form: the browser's own question.
      await page.goto('/cards/new');
      await page.locator('#name').fill('登记了一半');
      const dialog = new Promise<string>((resolve) =>
        page.once('dialog', (d) => {
          resolve(d.type());
          void d.accept();
        }),
      );
      await page.close({ runBeforeUnload: true });
      expect(await dialog).toBe('beforeunload');
    });
  });

  it('fits a 390 px phone without sideways scrolling, and shows document titles at 1440 px', async () => {
    await h.withPage('forms-layout', async (page) => {
      await login(page, 'u01-admin');
      const [card] = (await apiGet<Page_<CardRow>>(page, '/api/cards?pageSize=1')).items;
      await page.setViewportSize({ width: 390, height: 844 });
      for (const path of ['/', '/cards', '/documents', '/inbox', '/documents/new/transfer', `/cards/${card.id}`, `/m/cards/${card.id}`]) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect({ path, width }).toEqual({ path, width: 390 });
      }
      await page.goto('/documents');
      const siderWidth = () => page.locator('.app-sider').evaluate((el) => Math.round(el.getBoundingClientRect().width));
      expect(await siderWidth()).toBe(0);
      // The menu opens over the page from its tab, and folds again once a page is chosen.
      await page.locator('.ant-layout-sider-zero-width-trigger').click();
      await expect.poll(siderWidth, WAIT).toBeGreaterThan(200);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
      await page.locator('.app-sider a[href="/cards"]').click();
      await page.waitForURL(/\/cards$/);
      await expect.poll(siderWidth, WAIT).toBe(0);
      await page.setViewportSize({ width: 1440, height: 900 });
      for (const path of ['/documents', '/inbox']) {
        await page.goto(path);
        const title = page.locator('.ant-table-thead th').filter({ hasText: /^标题$/ });
        await title.waitFor();
        expect((await title.boundingBox())!.width).toBeGreaterThanOrEqual(200);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1440);
      }
    });
  });
});
