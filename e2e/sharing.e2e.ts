import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, signIn, startHarness, type Harness } from './harness.ts';

const WAIT = { timeout: 15_000, interval: 200 };
const HOUR_PX = 56; // CalendarPage's hour width; rooms open from 08:00, so the ruler starts there

// A unit's staff member books a meeting room on the calendar; a colleague of another unit sees the
// slot taken, is told before saving which booking is in the way, and the database refuses the save
// with the same booking named, the form keeping what was typed.
describe('shared facilities in a browser', () => {
  let h: Harness;
  const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD');
  beforeAll(async () => {
    h = await startHarness();
    // The asset office registers a room open every day 08:00–20:00 (through the API, as a script would).
    const login = await fetch(`${h.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: DEMO_PASSWORD }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const res = await fetch(`${h.baseUrl}/api/sharing/resources`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({
        code: 'E2E1',
        name: '第一会议室（测试）',
        kind: 'room',
        capacity: 30,
        openFrom: '08:00',
        openTo: '20:00',
        openDays: [1, 2, 3, 4, 5, 6, 7],
      }),
    });
    expect(res.status).toBe(201);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Opens the booking form by clicking the room's lane at `hour` (local) on tomorrow's grid. */
  const clickSlot = async (page: Page, hour: number) => {
    await page.goto(`/sharing?date=${tomorrow}&kind=room`);
    const lane = page.getByTestId('calendar-lane-E2E1');
    await lane.waitFor(WAIT);
    await lane.click({ position: { x: (hour - 8) * HOUR_PX + 5, y: 44 } });
    await page.locator('.ant-modal').waitFor();
  };

  let bookingNo = '';

  it('books a room by clicking a free slot and shows the booking on the grid', () =>
    h.withPage('sharing-book', async (page) => {
      await signIn(page, 'u01-staff');
      await clickSlot(page, 10);
      await page.getByTestId('booking-title').fill('项目周例会');
      await page.getByTestId('booking-check').click();
      await expect.poll(() => page.getByTestId('booking-check-result').innerText(), WAIT).toContain('1 次均可预订');
      await page.getByTestId('booking-save').click();
      await page.locator('.ant-modal').waitFor({ state: 'detached', timeout: 15_000 });
      const block = page.getByTestId('calendar-lane-E2E1').getByTestId('calendar-block');
      await expect.poll(() => block.innerText(), WAIT).toContain('10:00 项目周例会');
      await page.goto('/sharing/bookings');
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '项目周例会' });
      await row.waitFor(WAIT);
      bookingNo = /YD\d{10}/.exec(await row.innerText())![0];
      expect(await row.innerText()).toContain(`${tomorrow} 10:00–10:30`);
    }));

  it('shows another unit the slot as taken, and refuses an overlapping booking naming the one in the way', () =>
    h.withPage('sharing-clash', async (page) => {
      expect(bookingNo).not.toBe('');
      await signIn(page, 'u02-staff');
      await clickSlot(page, 9.5);
      const block = page.getByTestId('calendar-lane-E2E1').getByTestId('calendar-block');
      expect(await block.innerText()).toContain('已占用 · 市发展改革委');
      expect(await block.innerText()).not.toContain('项目周例会');
      await page.getByTestId('booking-title').fill('科室学习');
      // 09:30–10:30 runs into the 10:00 booking.
      await page.getByTestId('booking-to').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="10:30"]').click();
      await page.getByTestId('booking-check').click();
      const check = page.getByTestId('booking-check-result');
      await expect.poll(() => check.innerText(), WAIT).toContain('1 次中有 1 次冲突');
      expect(await check.innerText()).toContain(bookingNo);
      await page.getByTestId('booking-save').click();
      const refusal = page.getByTestId('booking-refusal');
      await expect.poll(() => refusal.innerText(), WAIT).toContain('该时段已被预订');
      expect(await refusal.innerText()).toContain(`${bookingNo}（市发展改革委，${tomorrow} 10:00–10:30）`);
      // Nothing typed is lost: the form is still open with the subject.
      expect(await page.getByTestId('booking-title').inputValue()).toBe('科室学习');
    }));
});
