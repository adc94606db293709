import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { previewCharges } from '../finance/index.ts';
import { createCardWorld, desktopInput, type CardWorld } from '../../testing/world.ts';
import { changeCard } from './card.service.ts';

// The card's books (docs/domain.md §3, §6): the Ministry's fields, the funding split, lives and exemptions,
// intangible assets and the low-value threshold. Every refusal writes nothing.
describe('card books', () => {
  let t: TestApp;
  let w: CardWorld;
  let u01: Client;
  const cat: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
    u01 = await t.as('u01-admin');
    const add = async (
      key: string,
      code: string,
      name: string,
      level: number,
      path: string,
      o: { life?: number | null; depreciable?: boolean; threshold?: number; kind?: string; batch?: boolean; set?: string } = {},
    ) => {
      const [r] = await query<{ id: string }>(
        t.database.db,
        sql`INSERT INTO categories (edition, code, name, level, path, useful_life_months, depreciable,
        capitalization_threshold_fen, asset_kind, batch_fixed, attribute_set)
        VALUES ('2010', ${code}, ${name}, ${level}, ${path}, ${o.life === undefined ? 72 : o.life}, ${o.depreciable ?? true}, ${o.threshold ?? 100000},
          ${o.kind ?? 'fixed'}, ${o.batch ?? false}, ${o.set ?? 'none'}) RETURNING id`,
      );
      cat[key] = r.id;
    };
    await add('software', '7010200', '应用软件', 2, '/7000000/7010200/', { life: 60, kind: 'intangible' });
    await add('chair', '6010301', '办公椅', 3, '/6000000/6010000/6010301/', { life: 180, batch: true });
    await add('medical', '3200100', '诊断设备', 2, '/3000000/3200100/', { life: 60, threshold: 150000 });
    await add('relic', '4010100', '书画', 2, '/4000000/4010100/', { life: null, depreciable: false, threshold: 0 });
    await add('landBuildings', '1000000', '土地、房屋及构筑物', 1, '/1000000/', { life: null });
    await add('dorm', '1020400', '宿舍', 2, '/1000000/1020400/', { life: 360, set: 'building' });
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async () => (await query<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM cards`))[0].n;
  const post = async (over: Record<string, unknown>) => u01.post('/api/cards', { ...desktopInput(w), serialNo: null, ...over });
  const refused = async (over: Record<string, unknown>, field: string, message: string) => {
    const before = await count();
    const res = await post(over);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().fields[field]).toBe(message);
    expect(await count()).toBe(before);
  };
  const detail = async (id: string) => (await u01.get(`/api/cards/${id}`)).json();

  describe("the Ministry's card", () => {
    it('keeps every field of the card and shows them on the card page', async () => {
      const res = await post({
        valueType: 'appraised',
        fiscalFundingFen: 300000,
        nonFiscalFundingFen: 180000,
        procurementForm: 'government_central',
        assetUse: 'self_use',
        manufacturer: '联想（北京）有限公司',
        originCountry: '中国/北京',
        manufacturedOn: '2023-01-10',
        contractNo: 'HT-2023-015',
        invoiceNo: '04400012',
        voucherNo: '记-2023-0311',
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(await detail(res.json().id)).toMatchObject({
        valueType: 'appraised',
        fiscalFundingFen: 300000,
        nonFiscalFundingFen: 180000,
        procurementForm: 'government_central',
        assetUse: 'self_use',
        manufacturer: '联想（北京）有限公司',
        originCountry: '中国/北京',
        manufacturedOn: '2023-01-10',
        contractNo: 'HT-2023-015',
        invoiceNo: '04400012',
        voucherNo: '记-2023-0311',
        assetKind: 'fixed',
        depreciationStatus: 'charging',
        depreciatedMonths: 0,
        monthlyDepreciationFen: null,
        lifeFloorMonths: 72,
      });
    });

    it('splits the funding: all 财政拨款 by default, all 非财政拨款 for such a source, the rest when one amount is given', async () => {
      const a = (await post({})).json();
      expect(await detail(a.id)).toMatchObject({ fiscalFundingFen: 480000, nonFiscalFundingFen: 0 });
      const b = (await post({ fundingSource: 'non_fiscal' })).json();
      expect(await detail(b.id)).toMatchObject({ fiscalFundingFen: 0, nonFiscalFundingFen: 480000 });
      const c = (await post({ nonFiscalFundingFen: 80000 })).json();
      expect(await detail(c.id)).toMatchObject({ fiscalFundingFen: 400000, nonFiscalFundingFen: 80000 });
    });

    it('refuses funding amounts that do not add up to the original value', async () => {
      await refused(
        { fiscalFundingFen: 300000, nonFiscalFundingFen: 100000 },
        'fiscalFundingFen',
        '财政拨款（¥3,000.00）与非财政拨款（¥1,000.00）之和应等于原值（¥4,800.00）',
      );
      await refused({ fiscalFundingFen: 500000 }, 'fiscalFundingFen', '财政拨款（¥5,000.00）不能大于原值（¥4,800.00）');
    });

    it('moves the funding split by a revaluation, and refuses an edit that breaks it', async () => {
      const card = (await post({ fiscalFundingFen: 400000, nonFiscalFundingFen: 80000 })).json();
      await withTx(t.database.db, (tx) => changeCard(tx, null, card.id, { set: { originalValueFen: 500000 }, eventType: 'revalued' }));
      const d = await detail(card.id);
      expect(d).toMatchObject({ originalValueFen: 500000, fiscalFundingFen: 420000, nonFiscalFundingFen: 80000 });
      const res = await u01.patch(`/api/cards/${card.id}`, {
        expectVersion: d.version,
        fiscalFundingFen: 100000,
        nonFiscalFundingFen: 100000,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields.fiscalFundingFen).toBe('财政拨款（¥1,000.00）与非财政拨款（¥1,000.00）之和应等于原值（¥5,000.00）');
      const ok = await u01.patch(`/api/cards/${card.id}`, { expectVersion: d.version, nonFiscalFundingFen: 100000, invoiceNo: 'FP-1' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(await detail(card.id)).toMatchObject({ fiscalFundingFen: 400000, nonFiscalFundingFen: 100000, invoiceNo: 'FP-1' });
    });

    it('filters the library by value type, procurement form, asset use and a 财政拨款 range', async () => {
      const a = (
        await post({ valueType: 'replacement', procurementForm: 'decentralized', assetUse: 'guarantee', fiscalFundingFen: 123400 })
      ).json();
      const list = async (qs: string) => (await u01.get(`/api/cards?${qs}`)).json().items.map((c: { id: string }) => c.id);
      expect(await list('valueType=replacement')).toEqual([a.id]);
      expect(await list('procurementForm=decentralized&assetUse=guarantee')).toEqual([a.id]);
      expect(await list('fiscalMin=123400&fiscalMax=123400')).toEqual([a.id]);
      expect(await list('fiscalMin=123401&fiscalMax=130000')).toEqual([]);
    });

    it('checks building and vehicle fields by the category, with the areas by use within the area', async () => {
      await refused(
        {
          categoryId: cat.dorm,
          name: '宿舍楼',
          attributes: { structure: 'brick_concrete', area: 1000, areaSelfUse: 800, areaRented: 300 },
        },
        'attributes.areaSelfUse',
        '自用、出租、出借、闲置面积之和（1100 平方米）不能大于面积（1000 平方米）',
      );
      await refused({ attributes: { plateNo: '京A12345' } }, 'attributes.plateNo', '本分类的卡片没有这一项');
      await refused(
        { categoryId: w.cat.vehicle, name: '轿车', attributes: { plateNo: '京A12345', vin: 'LSVAB123' } },
        'attributes.vin',
        '车架号应为 17 位字母数字（不含 I、O、Q）',
      );
      const car = await post({
        categoryId: w.cat.vehicle,
        name: '轿车',
        usefulLifeMonths: 96,
        attributes: {
          plateNo: '京A12345',
          vin: 'LSVNV4188N2012345',
          engineNo: 'EA211',
          seats: 5,
          displacement: 1.4,
          vehicleUse: 'general_official',
          establishment: 'in_quota',
          vehicleOrigin: 'domestic',
        },
      });
      expect(car.statusCode, car.body).toBe(201);
    });
  });

  describe('lives and exemptions', () => {
    it('refuses a life below the category floor, naming it, and allows a longer one', async () => {
      await refused(
        { usefulLifeMonths: 60 },
        'usefulLifeMonths',
        '使用年限不得低于 72 个月（6 年）（分类“台式机”的最低折旧年限），填写的是 60 个月（5 年）',
      );
      expect((await post({ usefulLifeMonths: 96 })).statusCode).toBe(201);
    });

    it('gives a building the floor of its structure whatever its use', async () => {
      const building = { categoryId: cat.dorm, name: '宿舍楼', quantity: 1 };
      // A steel dormitory: 50 years, though the dormitory category says 30.
      await refused(
        { ...building, usefulLifeMonths: 360, attributes: { structure: 'steel', area: 900 } },
        'usefulLifeMonths',
        '使用年限不得低于 600 个月（50 年）（钢结构房屋的最低折旧年限），填写的是 360 个月（30 年）',
      );
      const simple = (await post({ ...building, attributes: { structure: 'simple', area: 120 } })).json();
      expect(await detail(simple.id)).toMatchObject({ usefulLifeMonths: 96, lifeFloorMonths: 96 });
      const brick = (await post({ ...building, attributes: { structure: 'brick_concrete', area: 900 } })).json();
      expect(await detail(brick.id)).toMatchObject({ usefulLifeMonths: 360 });
    });

    it('lets only the exempt kinds be not depreciated', async () => {
      await refused(
        { depreciationMethod: 'none' },
        'depreciationMethod',
        '“台式机”须计提折旧：只有单独计价入账的土地、文物和陈列品、图书和档案、特种动植物及以名义金额计量的资产可以不计提折旧',
      );
      const relic = (await post({ categoryId: cat.relic, name: '山水画', usefulLifeMonths: null })).json();
      expect(await detail(relic.id)).toMatchObject({ depreciationMethod: 'none', depreciationStatus: 'not_charged', assetKind: 'fixed' });
      await refused(
        { categoryId: cat.relic, name: '山水画', depreciationMethod: 'straight_line' },
        'depreciationMethod',
        '“书画”属于不计提折旧的资产（土地、文物和陈列品、图书和档案、特种动植物等），折旧方法应为“不计提折旧”',
      );
      // The fifth kind: an asset at nominal value (¥1), on any category.
      await refused(
        { valueType: 'nominal', originalValueFen: 5000, depreciationMethod: 'none' },
        'originalValueFen',
        '以名义金额计量的资产，原值应为 1 元',
      );
      const nominal = (await post({ valueType: 'nominal', originalValueFen: 100 })).json();
      expect(await detail(nominal.id)).toMatchObject({ depreciationMethod: 'none', assetKind: 'fixed', depreciationStatus: 'not_charged' });
    });

    it('refuses a card on a top-level category without a life', async () => {
      await refused(
        { categoryId: cat.landBuildings, name: '综合楼' },
        'categoryId',
        '一级分类“土地、房屋及构筑物”没有使用年限，不能直接登记卡片，请选择其下级分类',
      );
    });

    it('refuses a life change below the floor from any writer, and writes nothing', async () => {
      const card = (await post({})).json();
      const change = withTx(t.database.db, (tx) =>
        changeCard(tx, null, card.id, { set: { usefulLifeMonths: 48 }, eventType: 'life_changed' }),
      );
      await expect(change).rejects.toMatchObject({
        fields: { usefulLifeMonths: '使用年限不得低于 72 个月（6 年）（分类“台式机”的最低折旧年限），填写的是 48 个月（4 年）' },
      });
      expect(await detail(card.id)).toMatchObject({ usefulLifeMonths: 72, version: 1 });
    });
  });

  describe('intangible assets', () => {
    it('registers software as an intangible asset, amortised by the monthly run', async () => {
      const sw = (
        await post({
          categoryId: cat.software,
          name: '公文处理软件',
          originalValueFen: 600000,
          postedOn: '2024-01-10',
          acquiredOn: '2024-01-05',
        })
      ).json();
      expect(await detail(sw.id)).toMatchObject({
        assetKind: 'intangible',
        usefulLifeMonths: 60,
        depreciationMethod: 'straight_line',
        depreciationStatus: 'charging',
      });
      const charges = await previewCharges(t.database.db, w.u01, '2024-01-01');
      // ¥6,000 over 60 months: ¥100.00 a month.
      expect(charges.find((c) => c.card_id === sw.id)).toMatchObject({ amount_fen: 10000, monthly_fen: 10000, months: 1 });
    });
  });

  describe('the threshold', () => {
    it('makes an item under ¥1,000 a low-value item, never depreciated; ¥1,000 is a fixed asset', async () => {
      const low = (await post({ originalValueFen: 99999, postedOn: '2024-02-01', acquiredOn: '2024-02-01' })).json();
      const fixed = (await post({ originalValueFen: 100000, postedOn: '2024-02-01', acquiredOn: '2024-02-01' })).json();
      expect(await detail(low.id)).toMatchObject({ assetKind: 'low_value', depreciationMethod: 'none', depreciationStatus: 'not_charged' });
      expect(await detail(fixed.id)).toMatchObject({ assetKind: 'fixed', depreciationMethod: 'straight_line' });
      // Even set to straight line behind the service's back, a low-value item is not charged.
      await t.database.db.execute(sql`UPDATE cards SET depreciation_method = 'straight_line' WHERE id = ${low.id}`);
      const charges = await previewCharges(t.database.db, w.u01, '2024-02-01');
      expect(charges.map((c) => c.card_id)).not.toContain(low.id);
      // ¥1,000 over 72 months: round(100000 / 72) = 1389 fen.
      expect(charges.find((c) => c.card_id === fixed.id)).toMatchObject({ amount_fen: 1389 });
    });

    it('puts special equipment under ¥1,500 below the threshold', async () => {
      const a = (await post({ categoryId: cat.medical, name: '血压计', originalValueFen: 149999 })).json();
      const b = (await post({ categoryId: cat.medical, name: '心电图机', originalValueFen: 150000 })).json();
      expect((await detail(a.id)).assetKind).toBe('low_value');
      expect((await detail(b.id)).assetKind).toBe('fixed');
    });

    it('shows low-value items on their own line of the asset summary, in items and original value', async () => {
      const before = (await u01.get(`/api/reports/summary?from=2025-01&to=2025-01&unitId=${w.u01}`)).json().lowValue;
      await post({ name: '订书机', originalValueFen: 8000, quantity: 1, acquiredOn: '2025-01-10', postedOn: '2025-01-10' });
      await post({ name: '计算器', originalValueFen: 24000, quantity: 3, acquiredOn: '2025-01-20', postedOn: '2025-01-20' });
      const res = await u01.get(`/api/reports/summary?from=2025-01&to=2025-01&unitId=${w.u01}`);
      expect(res.statusCode, res.body).toBe(200);
      const line = res.json().lowValue;
      expect(line.opening).toEqual(before.opening);
      expect(line.closing).toEqual({ count: before.closing.count + 4, valueFen: before.closing.valueFen + 32000 });
    });

    it('counts a batch of furniture as a fixed asset though each item is under the threshold', async () => {
      const batch = (await post({ categoryId: cat.chair, name: '办公椅', quantity: 20, originalValueFen: 600000 })).json();
      const single = (await post({ categoryId: cat.chair, name: '办公椅', quantity: 1, originalValueFen: 30000 })).json();
      expect(await detail(batch.id)).toMatchObject({ assetKind: 'fixed', usefulLifeMonths: 180 });
      expect((await detail(single.id)).assetKind).toBe('low_value');
      const list = (await u01.get('/api/cards?assetKind=low_value&pageSize=100')).json().items;
      expect(list.map((c: { id: string }) => c.id)).toContain(single.id);
      expect(list.map((c: { id: string }) => c.id)).not.toContain(batch.id);
    });
  });
});
