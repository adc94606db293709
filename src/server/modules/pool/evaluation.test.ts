import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { businessToday, setBusinessToday } from '../../platform/clock.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { createWorkflowWorld, idleCard, inUseCard, type WorkflowWorld } from '../../testing/world.ts';
import { ratioOf, round2, scoreUnit } from './evaluation.rules.ts';

/**
 * A hand-built world scored by the shipped indicator system (migrations/post/230), every figure
 * worked out from the rules in docs/domain.md §11:
 *
 * 市发展改革委 (3 staff on the establishment) holds 8 cards: six in use at ¥5,000 (the desktop cap,
 * not over it), one in use at ¥6,000 (over), one idle at ¥4,000 — ¥40,000 in all — and gave the pool
 * an idle desktop (net ¥2,400) that 市财政局 took today.
 *   value per head 4 ÷ 3 = 1.33 (万元): |1.33 − 5| = 3.67 of a tolerance of 5 → 0.266 × 10 = 2.66
 *   idle rate 1/8 = 12.50 %: (12.5 − 20) ÷ (2 − 20) = 0.41667 × 15 = 6.25
 *   over standard 1: (1 − 10) ÷ (0 − 10) = 0.9 × 10 = 9.00
 *   count match: no closed count → does not apply (weight 20)
 *   overdue disposals 0 → 5.00; shared use 0 h per head → 0.00 of 5
 *   given 0.24 万元 → 0.24 ÷ 5 × 10 = 0.48; taken 0 → 0.00; days in pool 0 (≤ 30) → 5.00
 *   violations 0 → 10.00
 *   points 38.39 of the 80 that apply → 38.39 × 100 ÷ 80 = 47.99
 * 市财政局 (1 staff) holds its own desktop in use at ¥5,000 and the taken one (original ¥4,500), idle;
 * one violation recorded this year.
 *   value per head 0.95: |0.95 − 5| = 4.05 → 0.19 × 10 = 1.90; idle 50 % → 0.00; over 0 → 10.00
 *   count match n/a; overdue 0 → 5.00; shared 0 → 0.00; given 0 → 0.00; taken 0.24 → 0.48
 *   days in pool: gave nothing → n/a (weight 5); violations 1: (1 − 3) ÷ (0 − 3) × 10 = 6.67
 *   points 24.046667 of 75 → 32.06
 */
describe('the utilisation evaluation: indicators, scores to the point, ranking, review and accountability', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let u01: Client, u02: Client, officer: Client, officer2: Client;
  const year = Number(businessToday().slice(0, 4));

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [u01, u02, officer, officer2] = await Promise.all(['u01-admin', 'u02-admin', 'officer', 'officer2'].map((u) => t.as(u)));
    for (let i = 0; i < 6; i++) await inUseCard(t.database, w, { originalValueFen: 500_000 });
    await inUseCard(t.database, w, { originalValueFen: 600_000 });
    await idleCard(t.database, w, { originalValueFen: 400_000 });
    const given = await idleCard(t.database, w, { originalValueFen: 450_000, accumulatedDepreciationFen: 210_000 });
    await inUseCard(t.database, w, {
      unitId: w.u02,
      originalValueFen: 500_000,
      usingDepartmentId: w.u02Dept,
      custodianId: null,
      roomId: w.u02Room,
    });
    const listing = (
      await u01.post('/api/pool/listings', { cardIds: [given.id], mode: 'virtual', reason: 'idle', condition: 'good' })
    ).json().ids[0];
    const req = (await u02.post(`/api/pool/listings/${listing}/requests`, { purpose: '新进人员' })).json().id;
    expect((await officer.post(`/api/pool/requests/${req}/decide`, { approve: true })).statusCode).toBe(200);
    const v = await officer.post('/api/accountability', {
      unitId: w.u02,
      personName: '王芳',
      kind: 'other',
      rule: '资产应登记入账',
      evidence: '打印机一台未登记',
      occurredOn: businessToday(),
    });
    expect(v.statusCode, v.body).toBe(201);
  });
  afterEach(() => setBusinessToday(null));
  afterAll(async () => {
    await t?.close();
  });

  it('the score rules by hand: one-sided between worst and best, two-sided against a standard, inapplicable rescaled', () => {
    const rule = { code: 'x', name: 'x', weight: 10, best: null, worst: null, target: null, tolerance: null };
    expect(ratioOf({ ...rule, direction: 'lower', best: 2, worst: 20 }, 12.5)).toBeCloseTo(0.416667, 6);
    expect(ratioOf({ ...rule, direction: 'higher', best: 100, worst: 90 }, 95)).toBe(0.5);
    expect(ratioOf({ ...rule, direction: 'higher', best: 100, worst: 90 }, 80)).toBe(0);
    expect(ratioOf({ ...rule, direction: 'target', target: 5, tolerance: 5 }, 7.5)).toBe(0.5);
    expect(ratioOf({ ...rule, direction: 'target', target: 5, tolerance: 5 }, 11)).toBe(0);
    const rules = [
      { ...rule, code: 'a', direction: 'higher', weight: 60, best: 100, worst: 90 },
      { ...rule, code: 'b', direction: 'lower', weight: 30, best: 0, worst: 3 },
      { ...rule, code: 'c', direction: 'lower', weight: 10, best: 0, worst: 3 },
    ];
    // a: 95 → 30 of 60; b: 1 → 20 of 30; c n/a → 50 of 90 → 55.56.
    const s = scoreUnit(
      rules,
      new Map<string, number | { na: string }>([
        ['a', 95],
        ['b', 1],
        ['c', { na: '无数据' }],
      ]),
    );
    expect({ total: s.total, applicable: s.applicableWeight }).toEqual({ total: 55.56, applicable: 90 });
    expect(s.items.map((i) => [i.code, i.score, i.weighted])).toEqual([
      ['a', 30, 33.33],
      ['b', 20, 22.22],
      ['c', 0, 0],
    ]);
    expect(round2(49.6625)).toBe(49.66);
    expect(round2(0.125)).toBe(0.13);
  });

  it('scores every unit of the year to the point, with an explanation per indicator, and ranks them', async () => {
    const res = await officer.get(`/api/evaluation?year=${year}`);
    expect(res.statusCode, res.body).toBe(200);
    const byCode = Object.fromEntries(res.json().items.map((u: { unitCode: string }) => [u.unitCode, u]));
    const scores = (u: { items: { code: string; value: number | null; score: number; applicable: boolean }[] }) =>
      Object.fromEntries(u.items.map((i) => [i.code, i.applicable ? [i.value, i.score] : 'n/a']));
    expect(scores(byCode['11001'])).toEqual({
      value_per_head: [1.33, 2.66],
      idle_rate: [12.5, 6.25],
      over_standard: [1, 9],
      count_match: 'n/a',
      overdue_disposal: [0, 5],
      shared_use: [0, 0],
      pool_given: [0.24, 0.48],
      pool_taken: [0, 0],
      pool_time: [0, 5],
      violations: [0, 10],
    });
    expect(byCode['11001']).toMatchObject({ total: 47.99, applicableWeight: 80, rank: 1 });
    expect(scores(byCode['11002'])).toEqual({
      value_per_head: [0.95, 1.9],
      idle_rate: [50, 0],
      over_standard: [0, 10],
      count_match: 'n/a',
      overdue_disposal: [0, 5],
      shared_use: [0, 0],
      pool_given: [0, 0],
      pool_taken: [0.24, 0.48],
      pool_time: 'n/a',
      violations: [1, 6.67],
    });
    expect(byCode['11002']).toMatchObject({ total: 32.06, applicableWeight: 75, rank: 2 });
    const idle = byCode['11001'].items.find((i: { code: string }) => i.code === 'idle_rate');
    expect(idle).toMatchObject({
      weighted: 7.81,
      explanation: '实际 12.5，越低越好：不高于 2 满分，不低于 20 得 0 分；得 6.25 分（权重 15）',
    });
    expect(byCode['11002'].items.find((i: { code: string }) => i.code === 'count_match').explanation).toBe(
      '不适用（年内无已结束的清查盘点）：其权重 20 由其余指标按比例分摊',
    );
    // A unit sees its own row, ranked among all.
    const mine = (await u02.get(`/api/evaluation?year=${year}`)).json();
    expect(mine.items.map((u: { unitCode: string; rank: number }) => [u.unitCode, u.rank])).toEqual([['11002', 2]]);
    expect((await u02.get(`/api/evaluation?year=${year + 1}`)).statusCode).toBe(400);
  });

  it('exports the ranking and the explanations to Excel', async () => {
    const res = await officer.get(`/api/evaluation/export.xlsx?year=${year}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ranking = wb.getWorksheet('排名')!;
    expect([ranking.getRow(4).getCell(1).value, ranking.getRow(4).getCell(3).value, ranking.getRow(4).getCell(4).value]).toEqual([
      1,
      '市发展改革委',
      47.99,
    ]);
    expect(wb.getWorksheet('指标说明')!.rowCount).toBe(1 + 2 * 10);
  });

  it('self-evaluation by the unit, review by the committee (never by who submitted), final once reviewed', async () => {
    expect((await u01.post(`/api/evaluation/units/${w.u02}/self`, { year })).statusCode).toBe(404);
    const self = await u02.post(`/api/evaluation/units/${w.u02}/self`, { year, comment: '闲置资产已入仓' });
    expect(self.json()).toEqual({ score: 32.06 });
    expect((await u02.post(`/api/evaluation/units/${w.u02}/review`, { year, comment: '同意' })).statusCode).toBe(403);
    const review = await officer.post(`/api/evaluation/units/${w.u02}/review`, { year, score: 35, comment: '入仓及时，酌情加分' });
    expect(review.json()).toEqual({ score: 35 });
    const row = (await officer.get(`/api/evaluation?year=${year}`)).json().items.find((u: { unitCode: string }) => u.unitCode === '11002');
    expect(row).toMatchObject({ status: 'reviewed', selfScore: 32.06, reviewScore: 35, reviewComment: '入仓及时，酌情加分' });
    expect((await u02.post(`/api/evaluation/units/${w.u02}/self`, { year })).statusCode).toBe(409);
    expect((await officer2.post(`/api/evaluation/units/${w.u01}/review`, { year, comment: '未自评' })).statusCode).toBe(409);
  });

  it('indicators are data with history: a change from a year on leaves the years before as they were scored', async () => {
    const before = (await officer.get(`/api/evaluation/indicators?year=${year}`)).json();
    expect(before.map((i: { weight: number }) => i.weight).reduce((a: number, b: number) => a + b, 0)).toBe(100);
    const body = {
      code: 'shared_use',
      name: '共享设施使用（小时/人）',
      source: 'shared_use',
      direction: 'higher',
      weight: 0,
      best: 10,
      worst: 0,
      fromYear: year,
    };
    const retire = await officer.post('/api/evaluation/indicators', body);
    expect(retire.statusCode, retire.body).toBe(201);
    expect((await u01.post('/api/evaluation/indicators', body)).statusCode).toBe(403);
    const bad = await officer.post('/api/evaluation/indicators', {
      code: 'x_y',
      name: '对标',
      source: 'idle_rate',
      direction: 'target',
      weight: 5,
      fromYear: year,
    });
    expect(Object.keys(bad.json().fields).sort()).toEqual(['target', 'tolerance']);
    const prior = (await officer.get(`/api/evaluation/indicators?year=${year - 1}`)).json();
    expect(prior.find((i: { code: string }) => i.code === 'shared_use').weight).toBe(5);
    const history = (await officer.get('/api/evaluation/indicators/history')).json();
    expect(history.filter((i: { code: string }) => i.code === 'shared_use').map((i: { fromYear: number }) => i.fromYear)).toEqual([
      year,
      2000,
    ]);
    // 市发展改革委 without shared use (it scored 0 of 5): 38.39 of 75 → 51.19.
    const row = (await officer.get(`/api/evaluation?year=${year}`)).json().items.find((u: { unitCode: string }) => u.unitCode === '11001');
    expect(row).toMatchObject({ total: 51.19, applicableWeight: 75 });
    expect(row.items.map((i: { code: string }) => i.code)).not.toContain('shared_use');
  });
  it('accountability: the auditor enters a violation against a person and a unit; a unit user may not', async () => {
    const auditor = await t.as('auditor');
    const input = {
      unitId: w.u02,
      personName: '李明',
      kind: 'other',
      rule: '新购资产应在验收后 15 日内登记入账',
      evidence: '审计抽查：投影仪一台验收后 40 日未入账',
      occurredOn: businessToday(),
    };
    const made = await auditor.post('/api/accountability', input);
    expect(made.statusCode, made.body).toBe(201);
    expect((await u02.post('/api/accountability', input)).statusCode).toBe(403);
    const seen = (await u02.get('/api/accountability')).json().find((v: { id: string }) => v.id === made.json().id);
    expect(seen).toMatchObject({ personName: '李明', source: 'manual', status: 'open', unitId: w.u02 });
    // Handling stays with the committee: the auditor only records.
    expect((await auditor.post(`/api/accountability/${made.json().id}/close`, { handling: '约谈', outcome: '补登' })).statusCode).toBe(403);
    await officer.post(`/api/accountability/${made.json().id}/close`, { handling: '约谈经办人', outcome: '已补登入账' });
  });

  it('accountability: the system finds an overdue pool loan once, the committee records the handling', async () => {
    const card = await idleCard(t.database, w, { name: '摄像机', originalValueFen: 300_000 });
    const listing = (
      await u01.post('/api/pool/listings', { cardIds: [card.id], mode: 'virtual', reason: 'idle', condition: 'good' })
    ).json().ids[0];
    const today = businessToday();
    const due = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
    const req = (await u02.post(`/api/pool/listings/${listing}/requests`, { purpose: '宣传拍摄', kind: 'loan', dueOn: due })).json().id;
    expect((await officer.post(`/api/pool/requests/${req}/decide`, { approve: true })).statusCode).toBe(200);
    expect((await officer.post('/api/accountability/detect')).json()).toEqual({ found: 0 });
    const later = new Date(Date.parse(due) + 86_400_000).toISOString().slice(0, 10);
    setBusinessToday(later);
    expect((await officer.post('/api/accountability/detect')).json()).toEqual({ found: 1 });
    expect((await officer.post('/api/accountability/detect')).json()).toEqual({ found: 0 });
    const list = (await u02.get('/api/accountability?status=open')).json();
    const found = list.find((v: { kind: string }) => v.kind === 'pool_overdue');
    expect(found).toMatchObject({
      unitName: '市财政局',
      personName: 'u02-admin（测试）',
      source: 'system',
      cardNo: card.cardNo,
      occurredOn: later,
      evidence: `借用 ${card.cardNo} 摄像机，应还日期 ${due}，至 ${later} 未归还`,
    });
    expect(found.docNo).toMatch(/^JC/);
    expect((await u01.get('/api/accountability')).json()).toEqual([]);
    expect((await u02.post(`/api/accountability/${found.id}/close`, { handling: '约谈', outcome: '已归还' })).statusCode).toBe(403);
    const closed = await officer.post(`/api/accountability/${found.id}/close`, { handling: '约谈经办人', outcome: '资产已归还，通报批评' });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await officer.post(`/api/accountability/${found.id}/close`, { handling: '再次', outcome: '再次' })).statusCode).toBe(409);
  });
});
