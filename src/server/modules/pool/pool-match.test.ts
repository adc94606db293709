import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specTokens } from '../../../shared/pool-match.rules.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { world, type World } from '../../testing/world.ts';
import { checkConfigLines } from '../workflow/index.ts';
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
