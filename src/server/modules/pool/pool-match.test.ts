import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specTokens } from '../../../shared/pool-match.rules.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { world, type World } from '../../testing/world.ts';
import { checkConfigLines, POOL_MATCH_WALK } from '../workflow/index.ts';
import { offerCards } from './pool.service.ts';

describe('先调剂后购置 by spec: a configuration line is matched on its category, attributes and spec words', () => {
  let t: TestApp;
  let w: World;
  let applicant: string;
  let desks: string;
  let printers: string;
  const cardNo = new Map<string, string>();

  beforeAll(async () => {
    t = await createTestApp();
    w = world(t.database);
    applicant = await w.unit('31001', '市审计局');
    const giver = await w.unit('31002', '市统计局');
    await w.user('giver-admin', 'unit_admin', giver);
    desks = (await w.category({ code: 'P01', name: '台式计算机' })).id;
    printers = (await w.category({ code: 'P02', name: '打印机' })).id;
    // Net values: original − accumulated.
    const made = {
      lenovo8: await w.card({
        unitId: giver,
        categoryId: desks,
        originalValueFen: 500_000,
        accumulatedFen: 300_000,
        name: '台式计算机',
        brand: '联想',
        spec: 'i5-8500 8G 256G',
      }),
      dell: await w.card({
        unitId: giver,
        categoryId: desks,
        originalValueFen: 700_000,
        accumulatedFen: 400_000,
        name: '台式计算机',
        brand: '戴尔',
        spec: 'i7 16G 512G',
      }),
      lenovo16: await w.card({
        unitId: giver,
        categoryId: desks,
        originalValueFen: 400_000,
        accumulatedFen: 300_000,
        name: '台式计算机',
        brand: '联想',
        spec: 'i5 16G',
      }),
      a4: await w.card({
        unitId: giver,
        categoryId: printers,
        originalValueFen: 300_000,
        accumulatedFen: 0,
        name: '激光打印机',
        spec: 'A4 黑白',
      }),
      a3: await w.card({
        unitId: giver,
        categoryId: printers,
        originalValueFen: 900_000,
        accumulatedFen: 0,
        name: '彩色复合机',
        spec: 'A3 彩色',
        attributes: { paperSize: 'A3', colour: true },
      }),
    };
    for (const [k, id] of Object.entries(made)) cardNo.set(id, k);
    await offerCards(t.database.db, await w.actor('giver-admin'), {
      cardIds: Object.values(made),
      mode: 'virtual',
      reason: 'idle',
      condition: 'good',
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const offersFor = async (line: Record<string, unknown>) => {
    const res = await checkConfigLines(t.database.db, applicant, [{ quantity: 1, unitPriceFen: 450_000, reason: '新进人员', ...line }]);
    return res.lines[0].idleOffers.map((o) => ({
      item: cardNo.get(o.cardId),
      specHits: o.specHits,
      reasons: o.reasons,
      netValueFen: o.netValueFen,
    }));
  };

  it('splits a spec into the words it is matched on', () => {
    expect(specTokens('联想 i5/8G，256G SSD')).toEqual(['联想', 'i5', '8g', '256g', 'ssd']);
    expect(specTokens('A4 a4 x')).toEqual(['a4']);
    expect(specTokens(undefined)).toEqual([]);
  });

  it('ranks the listings of the category by the spec words they hold, then by net value, and says why each matched', async () => {
    expect(await offersFor({ categoryId: desks, name: '台式计算机', spec: '联想 i5 8G' })).toEqual([
      { item: 'lenovo8', specHits: 3, netValueFen: 200_000, reasons: ['同分类 P01 台式计算机', '规格相符 3/3：联想、i5、8g'] },
      { item: 'lenovo16', specHits: 2, netValueFen: 100_000, reasons: ['同分类 P01 台式计算机', '规格相符 2/3：联想、i5'] },
      { item: 'dell', specHits: 0, netValueFen: 300_000, reasons: ['同分类 P01 台式计算机', '规格未注明相同项'] },
    ]);
  });

  it('without a spec, offers the category by net value, highest first', async () => {
    expect((await offersFor({ categoryId: desks, name: '台式计算机' })).map((o) => [o.item, o.netValueFen, o.reasons])).toEqual([
      ['dell', 300_000, ['同分类 P01 台式计算机']],
      ['lenovo8', 200_000, ['同分类 P01 台式计算机']],
      ['lenovo16', 100_000, ['同分类 P01 台式计算机']],
    ]);
  });

  it('offers only items with the attributes the line names: an A3 colour line is not offered an A4 black-and-white printer', async () => {
    expect(await offersFor({ categoryId: printers, name: '彩色打印机', attributes: { paperSize: 'A3', colour: true } })).toEqual([
      { item: 'a3', specHits: 0, netValueFen: 900_000, reasons: ['同分类 P02 打印机', '幅面 A3', '彩色'] },
    ]);
    expect(
      (await offersFor({ categoryId: printers, name: '打印机', attributes: { paperSize: 'A4' }, spec: 'A4' })).map((o) => [
        o.item,
        o.reasons,
      ]),
    ).toEqual([['a4', ['同分类 P02 打印机', '幅面 A4', '规格相符 1/1：a4']]]);
  });
});

/**
 * 260 desktops listed by 市统计局, made from i = 259 down to 0 (so a larger i has the smaller card
 * number), net value 400,000 − 1,000·i fen, except i = 248…252, all 150,000 (a tie across the
 * 250th listing, where the match's walk in value order ends). Spec: x86, 4 GB, 256 GB, except
 *   i = 0, 1            no spec recorded
 *   i = 3, 10, 100, 200 16 GB
 *   i = 245, 252, 257, 258, 259 32 GB
 *   i = 5, 20, 30, 40, 249, 251 国产（信创）
 */
describe('先调剂后购置 by 规格参数 in a category of more listings than the match walks: the same five as reading them all', () => {
  let t: TestApp;
  let applicant: string;
  let desks: string;
  const index = new Map<string, number>();

  beforeAll(async () => {
    t = await createTestApp();
    const w = world(t.database);
    applicant = await w.unit('41001', '市审计局');
    const giver = await w.unit('41002', '市统计局');
    await w.user('walk-admin', 'unit_admin', giver);
    desks = (await w.category({ code: '2010104', name: '台式计算机' })).id;
    const spec = (i: number) =>
      i <= 1
        ? undefined
        : {
            cpuType: [5, 20, 30, 40, 249, 251].includes(i) ? 'domestic' : 'x86',
            memoryGb: [3, 10, 100, 200].includes(i) ? 16 : [245, 252, 257, 258, 259].includes(i) ? 32 : 4,
            storageGb: 256,
          };
    const ids: string[] = [];
    for (let i = 259; i >= 0; i--) {
      const id = await w.card({
        unitId: giver,
        categoryId: desks,
        name: '台式计算机',
        originalValueFen: i >= 248 && i <= 252 ? 150_000 : 400_000 - 1_000 * i,
        accumulatedFen: 0,
        attributes: spec(i),
      });
      index.set(id, i);
      ids.push(id);
    }
    const admin = await w.actor('walk-admin');
    for (const part of [ids.slice(0, 130), ids.slice(130)])
      await offerCards(t.database.db, admin, { cardIds: part, mode: 'virtual', reason: 'idle', condition: 'good' });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const offered = async (specAttributes?: Record<string, unknown>) => {
    const res = await checkConfigLines(t.database.db, applicant, [
      { categoryId: desks, name: '台式计算机', quantity: 1, unitPriceFen: 450_000, reason: '新进人员', specAttributes },
    ]);
    return res.lines[0].idleOffers.map((o) => [index.get(o.cardId), o.netValueFen]);
  };

  it('walks the 250 most valuable listings (and those tied with the last) and stops at the fifth that fits', async () => {
    expect(POOL_MATCH_WALK).toBe(250);
    expect(await offered()).toEqual([
      [0, 400_000],
      [1, 399_000],
      [2, 398_000],
      [3, 397_000],
      [4, 396_000],
    ]);
    expect(await offered({ memoryGb: 16 })).toEqual([
      [3, 397_000],
      [10, 390_000],
      [100, 300_000],
      [200, 200_000],
      [245, 155_000],
    ]);
  });

  it('orders listings of the same value by card number, across the end of the walk: 251 before 249', async () => {
    expect(await offered({ cpuType: 'domestic' })).toEqual([
      [5, 395_000],
      [20, 380_000],
      [30, 370_000],
      [40, 360_000],
      [251, 150_000],
    ]);
  });

  it('reads the whole category when fewer than five fit among the listings walked, and offers nothing when none fits', async () => {
    expect(await offered({ memoryGb: 32, cpuType: 'x86' })).toEqual([
      [245, 155_000],
      [252, 150_000],
      [257, 143_000],
      [258, 142_000],
      [259, 141_000],
    ]);
    expect(await offered({ memoryGb: 64 })).toEqual([]);
  });
});
