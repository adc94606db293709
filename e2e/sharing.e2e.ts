import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readQr } from './fixtures-qr.ts';
import { apiSession, type Harness, signIn, startHarness, WAIT } from './harness.ts';

const HOUR_PX = 56; // CalendarPage's hour width; rooms open from 08:00, so the ruler starts there

// A unit's staff member books a meeting room on the calendar; a colleague of another unit sees the
// slot taken, is told before saving which booking is in the way, and the database refuses the save
// with the same booking named, the form keeping what was typed.
/** Signs `username` in through the API and returns a poster for JSON bodies (as a script would). */
async function apiAs(baseUrl: string, username: string) {
  const request = await apiSession(baseUrl, username);
  return (url: string, body: unknown) => request('POST', url, body);
}

describe('shared facilities in a browser', () => {
  let h: Harness;
  const tomorrow = dayjs().add(1, 'day').format('YYYY-MM-DD');
  beforeAll(async () => {
    h = await startHarness();
    // The asset office registers a room open every day 08:00–20:00 (through the API, as a script would).
    const post = await apiAs(h.baseUrl, 'officer');
    const res = await post('/api/sharing/resources', {
      code: 'E2E1',
      name: '第一会议室（测试）',
      kind: 'room',
      capacity: 30,
      openFrom: '08:00',
      openTo: '20:00',
      openDays: [1, 2, 3, 4, 5, 6, 7],
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
      await page.locator('.ant-modal').waitFor({ state: 'detached', timeout: WAIT.timeout });
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

// A room that needs approval and a check-in: u01-staff books a weekly meeting starting at the next
// five-minute slot today; the third week collides with a tentative hold of another unit, listed
// before saving; shortened, every week is free and saved as tentative holds; the asset office
// approves today's, prints the room's QR code, and the phone that reads it checks the meeting in.
describe('a recurring meeting in a browser: collision, approval, check-in by QR', () => {
  let h: Harness;
  let roomId = '';
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  let today = '';
  let openFrom = 0;
  let heldNo = '';
  beforeAll(async () => {
    h = await startHarness();
    // The business zone is UTC+8 whatever the machine's zone; the room opens at the first five-minute
    // slot at least five minutes ahead (its check-in opens 15 minutes before: already open). Not run
    // in the last few minutes before midnight in Beijing.
    const bj = dayjs()
      .add(8, 'hour')
      .add(dayjs().utcOffset() * -1, 'minute');
    today = bj.format('YYYY-MM-DD');
    openFrom = Math.ceil((bj.hour() * 60 + bj.minute() + 5) / 5) * 5;
    const plus = (days: number, m: number) => `${bj.add(days, 'day').format('YYYY-MM-DD')}T${hm(m)}:00+08:00`;
    const office = await apiAs(h.baseUrl, 'officer');
    const res = await office('/api/sharing/resources', {
      code: 'E2E2',
      name: '第二会议室（测试）',
      kind: 'room',
      capacity: 12,
      openFrom: hm(openFrom),
      openTo: hm(Math.min(openFrom + 120, 1440)),
      openDays: [1, 2, 3, 4, 5, 6, 7],
      slotMinutes: 5,
      needsApproval: true,
      checkinGraceMinutes: 15,
    });
    expect(res.status).toBe(201);
    roomId = ((await res.json()) as { id: string }).id;
    // Another unit's tentative hold in the third week, from 30 to 60 minutes after opening.
    const u02 = await apiAs(h.baseUrl, 'u02-staff');
    const held = await u02('/api/bookings', {
      resourceId: roomId,
      startsAt: plus(14, openFrom + 30),
      endsAt: plus(14, openFrom + 60),
      title: '党支部学习',
    });
    expect(held.status).toBe(201);
    heldNo = ((await held.json()) as { items: { bookingNo: string }[] }).items[0].bookingNo;
  });
  afterAll(async () => {
    await h?.close();
  });

  let todayNo = '';
  let qrUrl = '';

  it('lists the colliding week before saving, then books every week as tentative holds', () =>
    h.withPage('sharing-series', async (page) => {
      await signIn(page, 'u01-staff');
      await page.goto(`/sharing?date=${today}&kind=room`);
      const lane = page.getByTestId('calendar-lane-E2E2');
      await lane.waitFor(WAIT);
      // The ruler starts at the earliest opening of the rooms shown (08:00 or this room's).
      await lane.click({ position: { x: ((openFrom - Math.min(openFrom, 480)) / 60) * HOUR_PX + 2, y: 44 } });
      await page.locator('.ant-modal').waitFor();
      await page.getByTestId('booking-title').fill('项目组周例会');
      await page.getByTestId('booking-to').click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${hm(openFrom + 60)}"]`).click();
      await page.locator('#repeatWeeks').fill('3');
      await page.getByTestId('booking-check').click();
      const check = page.getByTestId('booking-check-result');
      await expect.poll(() => check.innerText(), WAIT).toContain('4 次中有 1 次冲突');
      expect(await check.innerText()).toContain(heldNo);
      // Half an hour instead of an hour: every week is free.
      await page.getByTestId('booking-to').click();
      await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${hm(openFrom + 30)}"]`).click();
      await page.getByTestId('booking-check').click();
      await expect.poll(() => check.innerText(), WAIT).toContain('4 次均可预订');
      await page.getByTestId('booking-save').click();
      await page.locator('.ant-modal').waitFor({ state: 'detached', timeout: WAIT.timeout });
      // Held while waiting for approval: the grid marks it pending.
      const block = lane.getByTestId('calendar-block');
      await expect.poll(() => block.innerText(), WAIT).toContain('项目组周例会');
      expect(await block.innerText()).toContain('待审批');
      await page.goto('/sharing/bookings');
      const rows = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '项目组周例会' });
      await expect.poll(() => rows.count(), WAIT).toBe(4);
      const first = rows.filter({ hasText: `${today} ${hm(openFrom)}` });
      todayNo = /YD\d{10}/.exec(await first.innerText())![0];
      expect(await first.innerText()).toContain('待审批');
    }));

  it('is approved by the asset office, who prints the QR code for the room', () =>
    h.withPage('sharing-approve', async (page) => {
      expect(todayNo).not.toBe('');
      await signIn(page, 'officer');
      await page.goto('/sharing/bookings');
      await page.getByTestId(`approve-${todayNo}`).click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: todayNo });
      await expect.poll(() => row.innerText(), WAIT).toContain('已确认');
      await page.goto(`/sharing/resources/${roomId}/qr`);
      qrUrl = await readQr(page.getByTestId('checkin-qr'));
      expect(qrUrl).toBe(`${h.baseUrl}/m/checkin/${roomId}`);
    }));

  it('checks the meeting in on the phone that reads the QR code', () =>
    h.withPage('sharing-checkin', async (page) => {
      expect(qrUrl).not.toBe('');
      await signIn(page, 'u01-staff');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(new URL(qrUrl).pathname);
      await expect.poll(() => page.locator('body').innerText(), WAIT).toContain(todayNo);
      await page.getByRole('button', { name: /签\s*到/ }).click();
      await expect.poll(() => page.locator('body').innerText(), WAIT).toContain('签到成功');
      const mine = (await (await page.request.get('/api/bookings?mine=true&pageSize=50')).json()) as {
        items: { bookingNo: string; checkedInAt: string | null }[];
      };
      expect(mine.items.find((b) => b.bookingNo === todayNo)?.checkedInAt).toBeTruthy();
    }));
});
