import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { multipart, readSheet } from '../../testing/sheets.ts';
import { createCardWorld } from '../../testing/world.ts';
import { parseCalendarSheet } from './calendar.service.ts';
import { DEMO_SLA } from './machinerooms.seed.ts';
import { addClockMinutes, clockMinutes, hoursWith } from './sla.rules.ts';
import { workOrderClock } from './workorder.service.ts';

// A National Day week as the State Council announces one: 2027-10-01 (Friday) to 10-07 off, with
// Sunday 09-26 and Saturday 10-09 worked instead (调休). Business hours 09:00–18:00.
const at = (s: string) => new Date(`${s}+08:00`);
const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
const DAYS = [
  ...['01', '04', '05', '06', '07'].map((d) => ({ day: `2027-10-${d}`, kind: 'holiday' as const, name: '国庆节' })),
  { day: '2027-09-26', kind: 'workday' as const, name: '国庆节调休' },
  { day: '2027-10-09', kind: 'workday' as const, name: '国庆节调休' },
];
const h = hoursWith(new Map(DAYS.map((d) => [d.day, d.kind])));

describe('business-hours SLA clocks skip public holidays and count adjusted working days', () => {
  it('runs from the eve of the holiday to the first working day after it, to the minute', () => {
    // Thursday 09-30 17:00–18:00 counts 60; 10-01 to 10-07 are off; Friday 10-08 from 09:00 the other 180.
    expect(local(addClockMinutes(at('2027-09-30T17:00'), 240, 'business', h))).toBe('2027-10-08 12:00');
    expect(clockMinutes(at('2027-09-30T17:00'), at('2027-10-08T12:00'), 'business', h)).toBe(240);
    expect(clockMinutes(at('2027-09-30T17:00'), at('2027-10-08T12:01'), 'business', h)).toBe(241);
    // A holiday on a weekday counts nothing at all.
    expect(clockMinutes(at('2027-10-04T00:00'), at('2027-10-08T00:00'), 'business', h)).toBe(0);
  });

  it('counts a weekend day worked instead (调休) as a working day', () => {
    // Friday 09-24 17:30 + 120: 30 that evening, Saturday off, Sunday 09-26 worked: 09:00 + 90.
    expect(local(addClockMinutes(at('2027-09-24T17:30'), 120, 'business', h))).toBe('2027-09-26 10:30');
    // Friday 10-08 17:00 + 120: 60 that evening, Saturday 10-09 worked: 09:00 + 60.
    expect(local(addClockMinutes(at('2027-10-08T17:00'), 120, 'business', h))).toBe('2027-10-09 10:00');
    expect(clockMinutes(at('2027-10-08T17:00'), at('2027-10-11T09:00'), 'business', h)).toBe(600);
  });

  it('reads a year’s list from a sheet (日期, 类型, 名称)', () => {
    expect(
      parseCalendarSheet([
        ['日期', '类型', '名称'],
        ['2027-10-01', '节假日', '国庆节'],
        ['2027/9/26', '调休上班', ''],
      ]),
    ).toEqual([
      { day: '2027-10-01', kind: 'holiday', name: '国庆节' },
      { day: '2027-09-26', kind: 'workday', name: '调休上班' },
    ]);
    expect(() =>
      parseCalendarSheet([
        ['日期', '类型'],
        ['2027-10-01', '放几天'],
      ]),
    ).toThrow(/第 2 行/);
  });
});

describe('the committee’s calendar sets the deadlines of work orders reported before a holiday', { timeout: 120_000 }, () => {
  let t: TestApp;
  let officer: Client, vendor: Client;
  let rackId: string;
  const realNow = workOrderClock.now;

  beforeAll(async () => {
    t = await createTestApp();
    await createCardWorld(t.database);
    [officer, vendor] = await Promise.all(['officer', 'vendor'].map((u) => t.as(u)));
    const room = (await officer.post('/api/machine-rooms', { code: 'MRC', name: '机房', areaM2: 300, grade: 'B' })).json();
    const row = (await officer.post(`/api/machine-rooms/${room.id}/rows`, { code: 'A', name: 'A 列' })).json();
    rackId = (await officer.post(`/api/machine-rooms/${room.id}/racks`, { rowId: row.id, code: 'A01', name: 'A01' })).json().id;
    const v = (await officer.post('/api/om/vendors', { name: '丙运维公司' })).json();
    const c = await officer.post('/api/om/contracts', {
      contractNo: 'HT-CAL',
      name: '日历测试合同',
      vendorId: v.id,
      startsOn: '2027-01-01',
      endsOn: '2027-12-31',
      amountFen: 1_000_000,
      machineRoomIds: [room.id],
      sla: DEMO_SLA,
    });
    expect(c.statusCode, c.body).toBe(201);
  });
  afterAll(async () => {
    workOrderClock.now = realNow;
    await t?.close();
  });

  it('keeps the year’s list, refuses it to the vendor, and dates a P3 response after the holiday', async () => {
    expect((await vendor.put('/api/om/calendar/2027', { days: DAYS })).statusCode).toBe(403);
    const put = await officer.put('/api/om/calendar/2027', { days: DAYS });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().days.map((d: { day: string }) => d.day)).toEqual([
      '2027-09-26',
      '2027-10-01',
      '2027-10-04',
      '2027-10-05',
      '2027-10-06',
      '2027-10-07',
      '2027-10-09',
    ]);
    const bad = await officer.put('/api/om/calendar/2027', { days: [{ day: '2028-01-01', kind: 'holiday', name: '元旦' }] });
    expect(bad.statusCode).toBe(400);

    // P3: 60 business minutes to respond. Thursday 09-30 17:30: 30 that day, the other 30 on Friday 10-08.
    workOrderClock.now = () => at('2027-09-30T17:30');
    const wo = await officer.post('/api/work-orders', { rackId, priority: 'p3', title: '空调告警' });
    expect(wo.statusCode, wo.body).toBe(201);
    workOrderClock.now = () => at('2027-10-08T09:20');
    const view = (await officer.get(`/api/work-orders/${wo.json().id}`)).json();
    expect(local(new Date(view.response.due))).toBe('2027-10-08 09:30');
    expect(view.response).toMatchObject({ minutes: 50, breached: false });
  });

  it('exports the year to Excel in the columns its import reads back, and the import replaces the year', async () => {
    const xlsx = (await officer.get('/api/om/calendar/2027/export.xlsx')).rawPayload;
    const rows = await readSheet(xlsx, '2027 年节假日');
    expect(rows[0]).toEqual({ 日期: '2027-09-26', 类型: '调休上班', 名称: '国庆节调休' });
    expect(rows.filter((r) => r['类型'] === '节假日')).toHaveLength(5);
    await officer.put('/api/om/calendar/2027', { days: [] });
    const file = multipart(xlsx, '2027.xlsx');
    const back = await officer.request('POST', '/api/om/calendar/2027/import', file.body, file.headers);
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().days).toHaveLength(7);
  });
});
