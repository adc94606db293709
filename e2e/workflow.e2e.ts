import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, signIn, startHarness, WAIT } from './harness.ts';

// The document lifecycle as people do it: a configuration request over the price cap (warning,
// reason, idle offers declined), approvals by the chain's people, procurement, acceptance, posting;
// then a disposal above the unit's threshold reaching the committee's inbox.
// Pages load lazily on a busy machine: give polled expectations room.

// Seven people signing in within a minute from one address, each page load fetching the app's
// chunks, would meet the server's per-address rate limit (which also counts static files); a real
// person never does. Each signed-in page therefore comes from its own address (the server trusts
// X-Forwarded-For behind its proxy).
let ipSeq = 0;
async function login(page: Page, user: string) {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': `10.77.0.${++ipSeq}` });
  await signIn(page, user);
}

describe('lifecycle documents in a browser', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
  const statusOf = async (page: Page, id: string) => (await apiGet<{ status: string }>(page, `/api/documents/${id}`)).status;
  /** Saves and submits the document form, and returns the id of the document page it opens. */
  async function saveAndSubmit(page: Page): Promise<string> {
    await page.getByTestId('save-submit').click();
    await page.waitForURL(/\/documents\/[0-9a-f-]{36}$/);
    return /\/documents\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  }
  /** Executes a document from its page once it is approved, confirming the prompt. */
  async function executeApproved(page: Page, id: string) {
    await expect.poll(() => statusOf(page, id), WAIT).toBe('approved');
    await confirmClick(page, 'execute');
    await expect.poll(() => statusOf(page, id), WAIT).toBe('executed');
  }

  /** Opens an antd select/tree-select inside `scope`, types, and picks the first matching option. */
  async function choose(page: Page, scope: ReturnType<Page['locator']>, text: string) {
    await scope.click();
    await page.keyboard.type(text);
    const dropdown = page.locator('.ant-select-dropdown:visible');
    const option = dropdown.locator('.ant-select-item-option, .ant-select-tree-treenode').filter({ hasText: text }).first();
    // A tree shows the matching branch collapsed: open it level by level until the leaf is there.
    for (let i = 0; i < 6 && !(await option.isVisible()); i++) {
      const closed = dropdown.locator('.ant-select-tree-switcher_close').first();
      if (await closed.isVisible()) await closed.click();
      else await page.waitForTimeout(300);
    }
    await option.waitFor();
    await option.locator('.ant-select-tree-node-content-wrapper').or(option.locator('.ant-select-item-option-content')).first().click();
  }

  async function approveAs(user: string, id: string) {
    await h.withPage(`approve-${user}`, async (page) => {
      await login(page, user);
      await page.goto('/inbox');
      await page
        .locator('.ant-table-tbody tr.ant-table-row')
        .filter({ has: page.locator(`a[href="/documents/${id}"]`) })
        .waitFor();
      await page.goto(`/documents/${id}`);
      await page.getByTestId('approve').click();
      await page.getByTestId('decision-comment').fill(`${user} 同意`);
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await expect.poll(() => page.getByTestId('steps').innerText(), WAIT).toContain(`${user} 同意`);
    });
  }

  async function confirmClick(page: Page, testId: string) {
    await page.getByTestId(testId).click();
    await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').last().click();
  }

  it('lets the committee read the chains and edit a standard, with its history shown', () =>
    h.withPage('chains-standards', async (page) => {
      await login(page, 'officer');
      await page.goto('/approval-chains');
      const labels = () => page.locator('.ant-card input').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
      await expect.poll(labels, WAIT).toContain('管委会审批（单价≥10万元或批量≥20万元）');
      await page.goto('/standards');
      const row = page.locator('.ant-table-tbody tr').filter({ hasText: '台式计算机' }).first();
      await row.getByRole('button', { name: /修\s*改/ }).click();
      const modal = page.locator('.ant-modal').filter({ hasText: '修改配置标准' });
      const cap = modal.locator('.ant-form-item').filter({ hasText: '价格上限' }).locator('input');
      await cap.fill('6000');
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      await modal.waitFor({ state: 'hidden' });
      await row.getByRole('button', { name: /历\s*史/ }).click();
      const drawer = page.locator('.ant-drawer');
      await expect.poll(() => drawer.innerText(), WAIT).toContain('¥5,000.00 → ¥6,000.00');
    }));

  let requestId = '';
  it('submits a configuration request over the price cap with a reason, the idle offers declined', () =>
    h.withPage('config-request', async (page) => {
      await login(page, 'u01-admin');
      await page.goto('/documents/new/config_request');
      const line = page.locator('.ant-card').filter({ hasText: '明细 1' }).first();
      await choose(page, line.locator('.ant-select').first(), '台式');
      await page.getByTestId('line-0-name').fill('台式计算机');
      await page.getByTestId('line-0-qty').fill('1');
      await page.getByTestId('line-0-price').fill('8000');
      await page.getByTestId('finding-0-price_cap').waitFor();
      expect(await page.getByTestId('finding-0-price_cap').innerText()).toContain('价格上限');
      await page.getByTestId('line-0-reason').fill('制图岗位需要高性能配置');
      // 先调剂后购置: every idle card offered needs a reason to buy instead.
      const declines = page.getByPlaceholder('如：配置不满足岗位需要');
      for (let i = 0; i < (await declines.count()); i++) await declines.nth(i).fill('配置不满足制图需要');
      requestId = await saveAndSubmit(page);
      await expect.poll(() => statusOf(page, requestId), WAIT).toBe('submitted');
      await expect.poll(() => page.getByTestId('steps').innerText(), WAIT).toContain('特别审批');
    }));

  it('is approved by the unit leader, the committee and (over standard) the finance bureau', async () => {
    expect(requestId).not.toBe('');
    for (const user of ['u01-leader', 'officer', 'finance']) await approveAs(user, requestId);
    await h.withPage('request-approved', async (page) => {
      await login(page, 'u01-admin');
      expect(await statusOf(page, requestId)).toBe('approved');
    });
  });

  let orderId = '';
  it('is bundled into a procurement order by the committee', () =>
    h.withPage('procurement', async (page) => {
      await login(page, 'officer');
      const request = await apiGet<{ docNo: string }>(page, `/api/documents/${requestId}`);
      await page.goto('/documents/new/procurement');
      await page.getByTestId('supplier').fill('某某科技有限公司');
      await page.getByTestId('import-request-lines').click();
      const modal = page.locator('.ant-modal').filter({ hasText: '已批准的配置申请明细' });
      await modal.locator('tr').filter({ hasText: request.docNo }).locator('input[type="checkbox"]').first().check();
      await modal.locator('.ant-modal-footer .ant-btn-primary').click();
      orderId = await saveAndSubmit(page);
      await executeApproved(page, orderId);
    }));

  let acceptanceId = '';
  it('accepts the delivery into cards pending posting', () =>
    h.withPage('acceptance', async (page) => {
      await login(page, 'officer');
      const request = await apiGet<{ unitName: string }>(page, `/api/documents/${requestId}`);
      const order = await apiGet<{ docNo: string }>(page, `/api/documents/${orderId}`);
      await page.goto('/documents/new/acceptance');
      await choose(page, page.locator('.ant-form-item').filter({ hasText: '申请单位' }).locator('.ant-select'), request.unitName);
      await choose(page, page.getByTestId('order-select'), order.docNo);
      await page.getByTestId('import-order-lines').click();
      // The desktop is over its standard's cap (approved as such): acceptance asks for the acknowledgement.
      await page.locator('[id$="lines_0_standardAck_reason"]').fill('经特别审批同意超标准配置');
      acceptanceId = await saveAndSubmit(page);
      await executeApproved(page, acceptanceId);
    }));

  it('is posted by the unit finance officer; the new card shows its whole timeline', () =>
    h.withPage('posting', async (page) => {
      await login(page, 'u01-finance');
      await page.goto(`/documents/${acceptanceId}`);
      await page.getByTestId('post').click();
      // The voucher number is asked for; Enter in the field does not post.
      await page.getByTestId('voucher-no').fill('记-2026-0301');
      await page.getByTestId('voucher-no').press('Enter');
      await page.getByTestId('post-confirm').click();
      await expect
        .poll(
          async () =>
            (await apiGet<{ payload: { postedOn?: string; voucherNo?: string } }>(page, `/api/documents/${acceptanceId}`)).payload
              .voucherNo ?? null,
          WAIT,
        )
        .toBe('记-2026-0301');
      const detail = await apiGet<{ docNo: string; lines: { details: { cardIds: string[] } }[] }>(page, `/api/documents/${acceptanceId}`);
      const cardId = detail.lines[0].details.cardIds[0];
      const timeline = await apiGet<{ items: { type: string; documentId?: string | null; note?: string | null }[] }>(
        page,
        `/api/cards/${cardId}/timeline`,
      );
      expect(timeline.items.map((e) => e.type)).toEqual(expect.arrayContaining(['created', 'posted']));
      await page.goto(`/cards/${cardId}`);
      await expect.poll(() => page.locator('body').innerText(), WAIT).toContain('入账');
      await expect.poll(() => page.locator('body').innerText(), WAIT).toContain('新增登记');
    }));

  it('sends a disposal above the unit threshold to the committee', () =>
    h.withPage('disposal', async (page) => {
      await login(page, 'u01-admin');
      const me = await apiGet<{ unitId: string }>(page, '/api/auth/me');
      const cards = await apiGet<{ items: { cardNo: string; originalValueFen: number }[] }>(
        page,
        `/api/cards?unitId=${me.unitId}&status=in_use&sort=originalValueFen&order=desc&pageSize=50`,
      );
      // Enough cards to pass ¥200,000 per batch or ¥100,000 per item.
      const picked: string[] = [];
      let total = 0;
      for (const c of cards.items) {
        if (total >= 20_000_000 || (picked.length === 1 && total >= 10_000_000)) break;
        picked.push(c.cardNo);
        total += c.originalValueFen;
      }
      expect(total).toBeGreaterThanOrEqual(10_000_000);
      await page.goto('/documents/new/disposal');
      await choose(page, page.locator('.ant-form-item').filter({ hasText: '处置方式' }).locator('.ant-select'), '出售');
      // A sale names its buyer, price and pricing basis, and the ground for selling before the minimum life.
      await page.locator('.ant-form-item').filter({ hasText: '受让方' }).locator('input').fill('某再生资源回收有限公司');
      await page.locator('.ant-form-item').filter({ hasText: '成交价格' }).locator('input').fill('100');
      await choose(page, page.locator('.ant-form-item').filter({ hasText: '定价方式' }).locator('.ant-select'), '公开交易');
      await page.locator('.ant-form-item').filter({ hasText: '提前处置理由' }).locator('input').fill('设备老化，维修费用高于残值');
      const scan = page.getByPlaceholder('扫码或输入卡片编号后回车');
      for (const no of picked) {
        await scan.fill(no);
        await scan.press('Enter');
        await page.locator('.ant-table-tbody tr').filter({ hasText: no }).first().waitFor();
      }
      const id = await saveAndSubmit(page);
      await expect.poll(() => statusOf(page, id), WAIT).toBe('submitted');
      await approveAs('u01-leader', id);
      // The approval sheet (审批表) shows what the approver decides on: each card's net value.
      await page.goto(`/documents/${id}/sheet`);
      await page.getByTestId('approval-sheet').getByText('净值（元）').waitFor();
      await h.withPage('disposal-committee-inbox', async (p) => {
        await login(p, 'officer');
        await p.goto('/inbox');
        await p.locator(`a[href="/documents/${id}"]`).waitFor();
      });
    }));
});
