import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, signInThroughPage, startHarness, type Harness } from './harness.ts';

// The flows of the foundation, as a person does them: sign in, read units, add a room, switch the
// language (remembered), sign out.
describe('the foundation in a browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  // The one test that signs in through the login page; the others sign in through the API (harness.ts).
  it('signs in as admin and shows the units table', () =>
    h.withPage('units-table', async (page) => {
      await signInThroughPage(page, 'admin');
      await page.goto('/org/units');
      const rows = page.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor();
      // The committee and the three units of the small demo.
      expect(await rows.count()).toBeGreaterThanOrEqual(4);
      await expect.poll(() => page.locator('.ant-table-thead').innerText()).toContain('单位名称');
    }));

  it('refuses a wrong password with a message on the login page', () =>
    h.withPage('login-refused', async (page) => {
      await page.goto('/login');
      await page.locator('#username').fill('admin');
      await page.locator('#password').fill('not-the-password-1');
      await page.locator('form button[type="submit"]').click();
      await page.getByRole('alert').waitFor();
      expect(page.url()).toContain('/login');
    }));

  it('creates a room on the places page', () =>
    h.withPage('create-room', async (page) => {
      await signIn(page, 'admin');
      await page.goto('/org/places');
      await page
        .getByRole('button', { name: /新建房间/ })
        .first()
        .click();
      const dialog = page
        .locator('.ant-modal, .ant-drawer')
        .filter({ has: page.getByLabel('房间号') })
        .last();
      // The floor is preset from the tree; pick the first floor if it is not.
      const floor = dialog.locator('.ant-form-item').filter({ hasText: '楼层' }).first();
      if ((await floor.locator('.ant-select-selection-item').count()) === 0) {
        await floor.locator('.ant-select').click();
        await page
          .locator(
            '.ant-select-dropdown:visible .ant-select-tree-treenode:has(.ant-select-tree-switcher-noop) .ant-select-tree-node-content-wrapper',
          )
          .first()
          .click();
      }
      const code = `E2E-${Date.now() % 100000}`;
      await dialog.getByLabel('房间号').fill(code);
      await dialog.getByLabel('使用面积').fill('21.5');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      await dialog.waitFor({ state: 'hidden' });
      // Find it through the list's search box (the list is paged and sorted by code).
      const search = page.getByPlaceholder('房间号或名称');
      await search.fill(code);
      await search.press('Enter');
      await page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: code }).first().waitFor();
      // The room is in the database too, not only on the screen.
      const found = await page.evaluate(async (c) => {
        const res = await fetch(`/api/rooms?q=${encodeURIComponent(c)}`);
        return res.ok ? (await res.text()).includes(c) : false;
      }, code);
      expect(found).toBe(true);
    }));

  it('switches the interface to English and remembers it after a reload', () =>
    h.withPage('language', async (page) => {
      await signIn(page, 'admin');
      await page.goto('/org/units');
      const menu = page.getByRole('menu', { name: /主菜单|Main menu/ });
      await expect.poll(() => menu.innerText()).toContain('单位');
      await page.locator('.app-header').getByRole('button', { name: 'English' }).click();
      await expect.poll(() => menu.innerText()).toContain('Units');
      await page.reload();
      await page.locator('.app-layout').waitFor();
      await expect.poll(() => page.getByRole('menu', { name: 'Main menu' }).innerText()).toContain('Units');
      expect(
        await page
          .locator('.app-header')
          .getByRole('button', { name: /Sign out/ })
          .count(),
      ).toBe(1);
      // Back to Chinese, so the choice does not leak into other specs through the account.
      await page.locator('.app-header').getByRole('button', { name: '中文' }).click();
      await expect.poll(() => page.getByRole('menu', { name: '主菜单' }).innerText()).toContain('单位');
    }));

  it('signs out and then needs to sign in again', () =>
    h.withPage('sign-out', async (page) => {
      await signIn(page, 'admin');
      await page.goto('/');
      await page.locator('.app-layout').waitFor();
      await page
        .locator('.app-header')
        .getByRole('button', { name: /退出登录/ })
        .click();
      await page.waitForURL(/\/login/);
      await page.goto('/org/units');
      await page.waitForURL(/\/login/);
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(me).toBe(401);
    }));
});
