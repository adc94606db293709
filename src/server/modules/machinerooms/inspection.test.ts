import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChecklistItemView, InspectionDetail, InspectionView } from '../../../shared/machinerooms.contracts.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { at, ok, omWorld, PNG_BASE64, type OmWorld } from '../../testing/om.world.ts';

// 2027-03-01 is a Monday. The contracts inspect every room daily by 17:00 (the default schedule).
describe('inspections: checklists, scheduled rounds, readings out of range, missed rounds', { timeout: 120_000 }, () => {
  let t: TestApp;
  let o: OmWorld;
  let checklist: ChecklistItemView[];
  const month = async (status?: string) =>
    (await ok(
      o.vendor.get(`/api/inspections?month=2027-03&pageSize=100&sort=dueAt&order=asc${status ? `&status=${status}` : ''}`),
      200,
    )) as unknown as {
      items: InspectionView[];
      total: number;
    };
  const readings = (over: Record<string, { value?: number; ok?: boolean }> = {}) =>
    checklist.map((i) => ({ itemId: i.id, ...(i.kind === 'reading' ? { value: i.minValue ?? 0 } : { ok: true }), ...over[i.label] }));
  const photo = { contentType: 'image/png', dataBase64: PNG_BASE64 };

  beforeAll(async () => {
    t = await createTestApp();
    o = await omWorld(t, at('2027-03-01T08:00'));
    checklist = ((await ok(o.vendor.get(`/api/machine-rooms/${o.roomA}/checklist`), 200)) as unknown as { items: ChecklistItemView[] })
      .items;
  });
  afterAll(async () => {
    o?.restore();
    await t?.close();
  });

  it('gives a new room the usual checklist: temperature, humidity, power, UPS, fire and access, with their ranges', () => {
    expect(checklist.map((i) => [i.category, i.label, i.minValue, i.maxValue])).toEqual([
      ['temperature', '冷通道温度', 18, 27],
      ['humidity', '相对湿度', 40, 60],
      ['power', '市电输入电压', 342, 418],
      ['ups', 'UPS 负载率', 0, 80],
      ['ups', 'UPS 电池后备时间', 15, null],
      ['fire', '消防主机无报警、气体灭火装置压力正常', null, null],
      ['access', '门禁与出入登记一致、监控正常', null, null],
    ]);
  });

  it('schedules one round a day per room from the contract on, due at 17:00, and shows a vendor only its own', async () => {
    const list = await month();
    expect(list.total).toBe(31);
    expect(list.items[0]).toMatchObject({
      dueOn: '2027-03-01',
      dueAt: at('2027-03-01T17:00').toISOString(),
      status: 'due',
      canPerform: true,
    });
    expect(list.items[1]).toMatchObject({ dueOn: '2027-03-02', status: 'upcoming', canPerform: false });
    expect(list.items.every((i) => i.roomName === '机房MRA')).toBe(true);
    // The committee sees both contracts' rounds; the other vendor none of this one's.
    expect((await o.officer.get('/api/inspections?month=2027-03')).json().total).toBe(62);
    expect((await o.vendor2.get(`/api/inspections/${list.items[0].id}`)).statusCode).toBe(404);
    expect((await o.vendor2.post(`/api/inspections/${list.items[0].id}/complete`, { readings: readings(), photo })).statusCode).toBe(404);
  });

  it('records a round with its readings and photo, flagging the temperature above 27 ℃ and the failed access check', async () => {
    const [today, tomorrow] = (await month()).items;
    o.setNow(at('2027-03-01T10:00'));
    expect((await o.vendor.post(`/api/inspections/${tomorrow.id}/complete`, { readings: readings(), photo })).statusCode).toBe(422);
    const missing = await o.vendor.post(`/api/inspections/${today.id}/complete`, { readings: readings().slice(1), photo });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual({ 'readings.0.value': '请填写“冷通道温度”的读数' });
    expect((await o.officer.post(`/api/inspections/${today.id}/complete`, { readings: readings(), photo })).statusCode).toBe(403);
    const done = (await ok(
      o.vendor.post(`/api/inspections/${today.id}/complete`, {
        readings: readings({ 冷通道温度: { value: 28.5 }, 相对湿度: { value: 60 }, '门禁与出入登记一致、监控正常': { ok: false } }),
        photo,
        note: '冷通道 3 号空调回风温度偏高',
      }),
      200,
    )) as unknown as InspectionDetail;
    expect(done).toMatchObject({ status: 'done', anomalies: 2, hasPhoto: true, canPerform: false });
    expect(done.readings.filter((r) => r.outOfRange).map((r) => [r.label, r.value, r.ok])).toEqual([
      ['冷通道温度', 28.5, null],
      ['门禁与出入登记一致、监控正常', null, false],
    ]);
    expect((await o.vendor.post(`/api/inspections/${today.id}/complete`, { readings: readings(), photo })).statusCode).toBe(409);
    const img = await o.officer.get(`/api/inspections/${today.id}/photo`);
    expect([img.statusCode, img.headers['content-type']]).toEqual([200, 'image/png']);
  });

  it('marks a round not done by its due time as missed, and one done after it as done late', async () => {
    o.setNow(at('2027-03-02T17:01'));
    const missed = await month('missed');
    expect(missed.items.map((i) => i.dueOn)).toEqual(['2027-03-02']);
    o.setNow(at('2027-03-02T17:30'));
    const late = (await ok(
      o.vendor.post(`/api/inspections/${missed.items[0].id}/complete`, { readings: readings(), photo }),
      200,
    )) as unknown as InspectionDetail;
    expect([late.status, late.anomalies]).toEqual(['done_late', 0]);
    expect((await month('done')).total).toBe(1);
    expect((await month('done_late')).total).toBe(1);
  });

  it("lets the committee replace a room's checklist, and the vendor only read it", async () => {
    const items = [{ category: 'temperature', label: '热通道温度', kind: 'reading', unit: '℃', minValue: 20, maxValue: 38 }];
    expect((await o.vendor.put(`/api/machine-rooms/${o.roomA}/checklist`, { items })).statusCode).toBe(403);
    const bad = await o.officer.put(`/api/machine-rooms/${o.roomA}/checklist`, { items: [{ ...items[0], minValue: 40 }] });
    expect(bad.statusCode).toBe(400);
    const saved = (await ok(o.officer.put(`/api/machine-rooms/${o.roomA}/checklist`, { items }), 200)) as unknown as {
      items: ChecklistItemView[];
    };
    expect(saved.items.map((i) => [i.position, i.label, i.minValue, i.maxValue])).toEqual([[1, '热通道温度', 20, 38]]);
    // A round already recorded keeps the items it was done against.
    const first = (await month('done')).items[0];
    const detail = (await ok(o.vendor.get(`/api/inspections/${first.id}`), 200)) as unknown as InspectionDetail;
    expect(detail.readings).toHaveLength(7);
  });
});
