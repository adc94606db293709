import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChecklistItemView,
  DEFAULT_SCORECARD_RULES,
  type InspectionView,
  type MonthlyOmReport,
  type PaymentView,
  type ScorecardView,
  type StatementView,
} from '../../../shared/machinerooms.contracts.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { at, ok, omWorld, PNG_BASE64, type OmWorld } from '../../testing/om.world.ts';

// The rules of the hand-built months: 0.5 point and ¥500 per late response, 2 points and ¥1,000 per late
// arrival, 3 points and ¥2,000 per late resolution, 2 points and ¥1,000 per missed inspection, 5 points
// and ¥3,000 for a late monthly report, 2 points and ¥1,000 per resolution reopened; 100 points, pass 90.
// Payment: the year's mean ≥ 95 → 100 %, ≥ 90 → 95 %, ≥ 80 → 90 %, else 80 %.
const RULES = {
  ...DEFAULT_SCORECARD_RULES,
  items: { ...DEFAULT_SCORECARD_RULES.items, late_response: { points: 0.5, penaltyFen: 50_000 } },
};

describe('the monthly scorecard, its statement and the year payment', { timeout: 180_000 }, () => {
  let t: TestApp;
  let o: OmWorld;
  const orders: Record<string, string> = {};
  let march: ScorecardView;

  beforeAll(async () => {
    t = await createTestApp();
    // Contracts written on Sunday 2027-02-28 at 18:00; rounds every Monday by 17:00 (1, 8, 15, 22, 29 March).
    o = await omWorld(t, at('2027-02-28T18:00'), {
      inspectionSchedule: { frequency: 'weekly', weekday: 1, dueBy: '17:00' },
      scorecardRules: RULES,
    });
    const report = async (key: string, when: string, priority: string) => {
      o.setNow(at(when));
      const r = await ok(o.u01staff.post('/api/work-orders', { cardId: o.cards[0], priority, title: `故障 ${key}` }));
      orders[key] = r.id;
      orders[`${key}.no`] = r.orderNo as string;
    };
    const step = async (key: string, when: string, s: string, body: object = {}) => {
      o.setNow(at(when));
      const client = s === 'confirm' || s === 'reopen' ? o.u01staff : o.vendor;
      await ok(client.post(`/api/work-orders/${orders[key]}/${s}`, body), 200);
    };
    // February: one P2 (24×7: response 30 min), accepted after 60 min → one late response.
    await report('feb', '2027-02-28T19:00', 'p2');
    await step('feb', '2027-02-28T20:00', 'accept');
    await step('feb', '2027-02-28T20:30', 'arrive');
    await step('feb', '2027-02-28T22:00', 'resolve', { resolution: '更换光模块' });
    o.setNow(at('2027-03-02T09:00'));
    await ok(o.vendor.post('/api/om/monthly-reports', { contractId: o.contractA, month: '2027-02', summary: '二月运维月报' }));
    // March, WO1: P1 (24×7: 15 / 60 / 240 min) at 10:00 on the 3rd — accepted at 10:20 (late), on site at 10:50,
    // resolved at 15:00 (late: due 14:00), reopened by the reporter, resolved again at 16:00, confirmed.
    await report('wo1', '2027-03-03T10:00', 'p1');
    await step('wo1', '2027-03-03T10:20', 'accept');
    await step('wo1', '2027-03-03T10:50', 'arrive');
    await step('wo1', '2027-03-03T15:00', 'resolve', { resolution: '重启' });
    await step('wo1', '2027-03-03T15:30', 'reopen', { reason: '故障依旧' });
    await step('wo1', '2027-03-03T16:00', 'resolve', { resolution: '更换主板' });
    await step('wo1', '2027-03-03T16:30', 'confirm');
    // WO2: P3 (business hours: 60 / 240 / 960 min) on Friday the 5th at 17:30 — response due Monday 09:30,
    // accepted 09:45 (late); on site 11:00 and resolved 16:00 on Monday, both in time.
    await report('wo2', '2027-03-05T17:30', 'p3');
    await step('wo2', '2027-03-08T09:45', 'accept');
    await step('wo2', '2027-03-08T11:00', 'arrive');
    await step('wo2', '2027-03-08T16:00', 'resolve', { resolution: '更换电源' });
    // WO3: P2 on the 10th, never answered: response, arrival and resolution all late at the computation.
    await report('wo3', '2027-03-10T08:00', 'p2');
    // Rounds: the 1st, 8th and 15th on time, the 22nd after 17:00, the 29th never → 2 missed.
    const rounds = (
      (await ok(o.vendor.get('/api/inspections?month=2027-03&sort=dueAt&order=asc&pageSize=50'), 200)) as unknown as {
        items: InspectionView[];
      }
    ).items;
    expect(rounds.map((r) => r.dueOn)).toEqual(['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29']);
    const list = ((await ok(o.vendor.get(`/api/machine-rooms/${o.roomA}/checklist`), 200)) as unknown as { items: ChecklistItemView[] })
      .items;
    const readings = list.map((i) => ({ itemId: i.id, ...(i.kind === 'reading' ? { value: i.minValue ?? 0 } : { ok: true }) }));
    for (const [n, when] of [
      [0, '2027-03-01T10:00'],
      [1, '2027-03-08T10:00'],
      [2, '2027-03-15T10:00'],
      [3, '2027-03-22T18:00'],
    ] as const) {
      o.setNow(at(when));
      await ok(
        o.vendor.post(`/api/inspections/${rounds[n].id}/complete`, {
          readings,
          photo: { contentType: 'image/png', dataBase64: PNG_BASE64 },
        }),
        200,
      );
    }
    // The March report, due by 5 April, submitted on the 6th → late.
    o.setNow(at('2027-04-06T09:00'));
    await ok(o.vendor.post('/api/om/monthly-reports', { contractId: o.contractA, month: '2027-03' }));
    o.setNow(at('2027-04-06T10:00'));
  });
  afterAll(async () => {
    o?.restore();
    await t?.close();
  });

  it('scores the hand-built March to the point: 100 − 1.5 − 2 − 6 − 4 − 5 − 2 = 79.5, failed, ¥12,500 of penalties', async () => {
    expect((await o.vendor.post('/api/om/scorecards', { contractId: o.contractA, month: '2027-03' })).statusCode).toBe(403);
    march = (await ok(
      o.officer.post('/api/om/scorecards', { contractId: o.contractA, month: '2027-03' }),
      200,
    )) as unknown as ScorecardView;
    expect(march.lines.map((l) => [l.item, l.count, l.points, l.penaltyFen])).toEqual([
      ['late_response', 3, 1.5, 150_000],
      ['late_arrival', 1, 2, 100_000],
      ['late_resolution', 2, 6, 400_000],
      ['missed_inspection', 2, 4, 200_000],
      ['late_report', 1, 5, 300_000],
      ['false_report', 1, 2, 100_000],
    ]);
    expect([march.score, march.passed, march.penaltyFen, march.status]).toEqual([79.5, false, 1_250_000, 'draft']);
    expect(march.lines[0].refs).toEqual([orders['wo1.no'], orders['wo2.no'], orders['wo3.no']]);
    expect(march.lines[2].refs).toEqual([orders['wo1.no'], orders['wo3.no']]);
    expect(march.lines[3].refs).toEqual(['MRA 2027-03-22', 'MRA 2027-03-29']);
    // The vendor reads its own; the other vendor does not.
    expect(((await ok(o.vendor.get(`/api/om/scorecards/${march.id}`), 200)) as unknown as ScorecardView).score).toBe(79.5);
    expect((await o.vendor2.get(`/api/om/scorecards/${march.id}`)).statusCode).toBe(404);
    expect((await o.vendor2.get('/api/om/scorecards')).json().items).toEqual([]);
  });

  it('reports the hand-built March: incidents, mean handling minutes per SLA clock, SLA rate, availability, rounds', async () => {
    const r = (await ok(o.vendor.get(`/api/om/contracts/${o.contractA}/monthly-report?month=2027-03`), 200)) as unknown as MonthlyOmReport;
    expect(r.incidents).toEqual({
      total: 3,
      byPriority: [
        { priority: 'p1', count: 1, breached: 1 },
        { priority: 'p2', count: 1, breached: 1 },
        { priority: 'p3', count: 1, breached: 1 },
        { priority: 'p4', count: 0, breached: 0 },
      ],
      openAtMonthEnd: 1,
      reopened: 1,
    });
    // WO1 (24×7): 20, 50, 360 min; WO2 (business hours from Friday 17:30): 30 + 45 = 75, 30 + 120 = 150, 30 + 420 = 450.
    expect(r.handling).toEqual({ responseMinutes: 47.5, onsiteMinutes: 100, resolveMinutes: 405 });
    // WO1's outage 10:00–16:00 = 360 of March's 44,640 minutes → 99.19 %.
    expect([r.slaRateBp, r.outageMinutes, r.availabilityBp, r.availabilityTargetBp]).toEqual([0, 360, 9919, 9990]);
    expect(r.inspections).toEqual({ scheduled: 5, done: 3, doneLate: 1, missed: 1, anomalies: 0 });
    expect(r.submission?.submittedAt).toBe(at('2027-04-06T09:00').toISOString());
    expect((await o.vendor2.get(`/api/om/contracts/${o.contractA}/monthly-report?month=2027-03`)).statusCode).toBe(404);
    const xlsx = await o.officer.get(`/api/om/contracts/${o.contractA}/monthly-report.xlsx?month=2027-03`);
    expect([xlsx.statusCode, xlsx.headers['content-type']]).toEqual([
      200,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('is reviewed, then locked by the committee, and locking writes the fee and the penalty lines onto the statement', async () => {
    expect((await o.officer.post(`/api/om/scorecards/${march.id}/lock`)).statusCode).toBe(409);
    const reviewed = (await ok(
      o.officer.post(`/api/om/scorecards/${march.id}/review`, { note: '与工单记录核对无误' }),
      200,
    )) as unknown as ScorecardView;
    expect([reviewed.status, reviewed.reviewNote]).toEqual(['reviewed', '与工单记录核对无误']);
    expect((await o.officer.post('/api/om/scorecards', { contractId: o.contractA, month: '2027-03' })).statusCode).toBe(409);
    expect(((await ok(o.officer.post(`/api/om/scorecards/${march.id}/lock`), 200)) as unknown as ScorecardView).status).toBe('locked');
    const st = (await ok(o.vendor.get(`/api/om/contracts/${o.contractA}/statement?month=2027-03`), 200)) as unknown as StatementView;
    // The fee: ¥1,200,000 over the contract's 12 months.
    expect(st.lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ['fee', 10_000_000],
      ['penalty', -150_000],
      ['penalty', -100_000],
      ['penalty', -400_000],
      ['penalty', -200_000],
      ['penalty', -300_000],
      ['penalty', -100_000],
    ]);
    expect(st.lines[1].description).toBe('考核扣款：响应超时（每单） 3 次 × 500.00 元');
    expect(st.totalFen).toBe(8_750_000);
  });

  it('exports the scorecard to Excel with a row per item', async () => {
    const res = await o.officer.get(`/api/om/scorecards/${march.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考核表')!;
    expect(ws.getRow(6).values).toEqual([
      undefined,
      '响应超时（每单）',
      3,
      0.5,
      1.5,
      500,
      1500,
      `${orders['wo1.no']}、${orders['wo2.no']}、${orders['wo3.no']}`,
    ]);
    expect(ws.getRow(12).getCell(6).value).toBe(12500);
  });

  it("sets the year's payment from the mean of the locked months: (99.5 + 79.5) / 2 = 89.5 → 90 % of ¥1,200,000", async () => {
    const feb = (await ok(
      o.officer.post('/api/om/scorecards', { contractId: o.contractA, month: '2027-02' }),
      200,
    )) as unknown as ScorecardView;
    expect([feb.score, feb.passed, feb.penaltyFen]).toEqual([99.5, true, 50_000]);
    let pay = (await ok(o.officer.get(`/api/om/contracts/${o.contractA}/payment?year=2027`), 200)) as unknown as PaymentView;
    expect([pay.meanScore, pay.percent]).toEqual([79.5, 80]);
    await ok(o.officer.post(`/api/om/scorecards/${feb.id}/review`, {}), 200);
    await ok(o.officer.post(`/api/om/scorecards/${feb.id}/lock`), 200);
    pay = (await ok(o.vendor.get(`/api/om/contracts/${o.contractA}/payment?year=2027`), 200)) as unknown as PaymentView;
    expect(pay).toMatchObject({ meanScore: 89.5, percent: 90, amountFen: 120_000_000, paymentFen: 108_000_000, penaltiesFen: 1_300_000 });
    expect(pay.months.map((m) => [m.month, m.score, m.passed])).toEqual([
      ['2027-02', 99.5, true],
      ['2027-03', 79.5, false],
    ]);
    // A month not yet over cannot be locked.
    const apr = (await ok(
      o.officer.post('/api/om/scorecards', { contractId: o.contractA, month: '2027-04' }),
      200,
    )) as unknown as ScorecardView;
    await ok(o.officer.post(`/api/om/scorecards/${apr.id}/review`, {}), 200);
    expect((await o.officer.post(`/api/om/scorecards/${apr.id}/lock`)).statusCode).toBe(422);
  });
});
