import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, signIn, startHarness, WAIT } from './harness.ts';

// Entrusted machine rooms as people use them: the committee edits a contract's SLA in its form and
// the first room's rack elevation is drawn; a unit reports a fault on one of its racked cards; the
// vendor of that room accepts, arrives and resolves it, and sees nothing of the other contract.

let ipSeq = 0;
async function login(page: Page, user: string) {
  await page.context().setExtraHTTPHeaders({ 'x-forwarded-for': `10.79.0.${++ipSeq}` });
  await signIn(page, user);
}
const apiGet = <T>(page: Page, url: string) => page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
async function confirm(page: Page) {
  await page.locator('.ant-popconfirm .ant-btn-primary, .ant-popover .ant-btn-primary').last().click();
}

type Contract = {
  id: string;
  contractNo: string;
  vendorName: string;
  sla: Record<string, { responseMinutes: number }>;
  rooms: { id: string; code: string }[];
};
type Room = { id: string; code: string; racksList: { code: string; slots: { cardNo: string | null; ownerUnitName: string | null }[] }[] };

describe('machine rooms in a browser', () => {
  let h: Harness;
  let cardNo = '';
  const title = `端到端报修 ${Date.now()}`;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("the committee edits a contract's SLA in its form, and the room's rack elevation is drawn", () =>
    h.withPage('mrooms-contract', async (page) => {
      await login(page, 'officer');
      const contracts = (await apiGet<{ items: Contract[] }>(page, '/api/om/contracts')).items;
      const c = contracts.find((x) => x.rooms.some((r) => r.code === 'MR01'))!;
      await page.goto('/om/contracts');
      await page.getByRole('button', { name: `edit-${c.contractNo}` }).click();
      await page.getByRole('tab', { name: 'SLA（按级别）' }).click();
      const p3 = page.getByLabel('p3-responseMinutes');
      await p3.fill('45');
      await page.locator('.ant-modal-footer .ant-btn-primary').first().click();
      // Saving an edit asks first.
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await expect.poll(async () => (await apiGet<Contract>(page, `/api/om/contracts/${c.id}`)).sla.p3.responseMinutes, WAIT).toBe(45);

      const roomId = c.rooms.find((r) => r.code === 'MR01')!.id;
      const room = await apiGet<Room>(page, `/api/machine-rooms/${roomId}`);
      const u01Unit = (await apiGet<{ items: { code: string; name: string }[] }>(page, '/api/units?pageSize=500')).items.find(
        (u) => u.code === '11001',
      );
      const slot = room.racksList.flatMap((r) => r.slots).find((s) => s.cardNo && (!u01Unit || s.ownerUnitName === u01Unit.name))!;
      cardNo = slot.cardNo!;
      await page.goto(`/machine-rooms/${roomId}`);
      await page.getByTestId(`rack-${room.racksList[0].code}`).waitFor();
      await page.getByTestId(`rack-${room.racksList[0].code}`).getByText(slot.cardNo!).or(page.getByText(slot.cardNo!)).first().waitFor();
    }));

  it('a unit reports a fault on its racked card', () =>
    h.withPage('mrooms-workorder', async (page) => {
      await login(page, 'u01-admin');
      await page.goto('/work-orders');
      await page.getByRole('button', { name: /^报\s*修$/ }).click();
      const picker = page.locator('.ant-modal .ant-select').first();
      await picker.click();
      await page.keyboard.type(cardNo);
      await page.locator('.ant-select-item-option').filter({ hasText: cardNo }).first().click();
      await page.locator('.ant-modal input#title, .ant-modal input[id$="title"]').first().fill(title);
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      await page.locator('.ant-table-tbody tr').filter({ hasText: title }).waitFor();
    }));

  it('the vendor accepts, arrives and resolves it, and sees nothing of the other contract', () =>
    h.withPage('mrooms-vendor', async (page) => {
      await login(page, 'vendor');
      await page.goto('/work-orders');
      const row = page.locator('.ant-table-tbody tr').filter({ hasText: title });
      for (const step of ['响应接单', '已到场', '已修复']) {
        await row.getByRole('button', { name: step }).click();
        if (step === '已修复') await page.locator('.ant-popover textarea').fill('更换故障电源模块');
        await confirm(page);
        await row.getByRole('button', { name: step }).waitFor({ state: 'detached' });
      }
      await row.filter({ hasText: '已修复待确认' }).waitFor();
      // Nothing of the other vendor's contract.
      const mine = (await apiGet<{ items: Contract[] }>(page, '/api/om/contracts')).items;
      expect(mine.map((c) => c.vendorName)).toEqual([mine[0].vendorName]);
      const orders = (await apiGet<{ items: { contractNo: string }[] }>(page, '/api/work-orders?pageSize=100')).items;
      expect(new Set(orders.map((o) => o.contractNo))).toEqual(new Set(mine.map((c) => c.contractNo)));
      expect((await apiGet<{ items: unknown[] }>(page, '/api/machine-rooms')).items).toHaveLength(1);
    }));
});
