// The monthly report set (月报, docs/domain.md §7): the asset summary by class (both GB/T 14885
// editions in one row per class), 机构人员情况, vehicles by use and 编制, buildings and land by area and
// use, low-value consumables apart from fixed assets, rental and lending income, disposal and its
// income (reportset.income.ts). Each table
// has the same shape (SetTable): the page, the print and the workbook draw any of them.
import { sql } from 'drizzle-orm';
import { VEHICLE_USES } from '../../../shared/assets.enums.ts';
import type { ReportCover, SetTable } from '../../../shared/reportset.contracts.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import {
  buildingsAndLand,
  lowValueByClass,
  nonFiscalByClass,
  reportUnits,
  staffByUnit,
  vehiclesByUse,
  type UnitFilter,
} from './reportset.queries.ts';
import { disposalIncomeTable, rentalIncomeTable } from './reportset.income.ts';
import { col, type Line, withTotals } from './reportset.rows.ts';
import { assetSummaryWithFunding, monthFirst } from './summary.queries.ts';

/** The class level of the set's rows: 2 (类, e.g. A02010000 信息化设备). */
export const SET_CLASS_LEVEL = 2;

async function assetSummaryTable(q: Queryable, f: UnitFilter, month: string, units: { id: string; name: string }[]): Promise<SetTable> {
  // One pass over the cards gives the figures and, for the units read live, the funding split; the units
  // whose month is closed (figures from the closing snapshot) have theirs from the cards held at the month's end.
  const {
    view,
    nonFiscalFen: nonFiscal,
    closed,
  } = await assetSummaryWithFunding(q, { from: month, to: month, unitId: f.unitId, categoryLevel: SET_CLASS_LEVEL }, f.scope, true);
  if (closed.length)
    for (const r of await nonFiscalByClass(q, { scope: closed }, month, SET_CLASS_LEVEL))
      nonFiscal.set(`${r.unit_id}|${r.cat_code}`, (nonFiscal.get(`${r.unit_id}|${r.cat_code}`) ?? 0) + Number(r.non_fiscal));
  const columns = [
    col('code', '类别编码', 'text'),
    col('name', '资产类别', 'text'),
    col('openN', '数量', 'count', '期初'),
    col('openV', '原值', 'fen', '期初'),
    col('addN', '数量', 'count', '本期增加'),
    col('addV', '原值', 'fen', '本期增加'),
    col('redN', '数量', 'count', '本期减少'),
    col('redV', '原值', 'fen', '本期减少'),
    col('closeN', '数量', 'count', '期末'),
    col('closeV', '原值', 'fen', '期末'),
    col('fiscal', '其中：财政拨款', 'fen', '期末'),
    col('nonFiscal', '非财政拨款', 'fen', '期末'),
    col('closeA', '累计折旧', 'fen', '期末'),
    col('closeNet', '净值', 'fen', '期末'),
  ];
  const lines: Line[] = view.rows.map((r) => {
    const nf = Math.min(nonFiscal.get(`${r.unitId}|${r.categoryCode}`) ?? 0, r.closing.valueFen);
    return {
      unitId: r.unitId!,
      cells: {
        code: r.categoryCode,
        name: r.categoryName,
        openN: r.opening.count,
        openV: r.opening.valueFen,
        addN: r.additions.count,
        addV: r.additions.valueFen + r.valueIncreaseFen,
        redN: r.reductions.count,
        redV: r.reductions.valueFen + r.valueDecreaseFen,
        closeN: r.closing.count,
        closeV: r.closing.valueFen,
        fiscal: r.closing.valueFen - nf,
        nonFiscal: nf,
        closeA: r.closing.accumulatedFen,
        closeNet: r.closing.netFen,
      },
    };
  });
  return {
    key: 'asset_summary',
    code: '月01表',
    title: '资产情况表',
    note: '金额单位：元；数量为实物数量；本期增加、减少的原值含价值变动；不含低值易耗品（见月05表）',
    columns,
    rows: withTotals(units, lines, columns, 'name'),
  };
}

async function staffTable(q: Queryable, f: UnitFilter, units: { id: string; name: string }[]): Promise<SetTable> {
  const columns = [
    col('quota', '编制数', 'count'),
    col('actual', '实有人数', 'count'),
    col('onEst', '编制内', 'count', '其中'),
    col('offEst', '编制外', 'count', '其中'),
    col('vacant', '空编数', 'count'),
  ];
  const lines: Line[] = (await staffByUnit(q, f)).map((r) => ({
    unitId: r.unit_id,
    cells: {
      quota: r.quota ?? 0,
      actual: r.actual,
      onEst: r.on_est,
      offEst: r.actual - r.on_est,
      vacant: Math.max((r.quota ?? 0) - r.on_est, 0),
    },
  }));
  return {
    key: 'staff',
    code: '月02表',
    title: '机构人员情况表',
    note: '人数为报表打印时的在岗人员；编制数为单位登记的核定编制',
    columns,
    rows: withTotals(units, lines, columns, ''),
  };
}

/** 原值 with its funding split (财政拨款 is the rest of the card's own 非财政拨款), as the vehicle and building tables show it. */
const valueColumns = () => [
  col('v', '原值', 'fen', '金额'),
  col('fiscal', '其中：财政拨款', 'fen', '金额'),
  col('nonFiscal', '非财政拨款', 'fen', '金额'),
];
const valueCells = (r: { v: number; nf: number }) => ({ v: r.v, fiscal: r.v - r.nf, nonFiscal: r.nf });

async function vehicleTable(q: Queryable, f: UnitFilter, month: string, units: { id: string; name: string }[]): Promise<SetTable> {
  const columns = [
    col('use', '车辆用途', 'text'),
    col('n', '合计', 'count', '数量（辆）'),
    col('nIn', '编制内', 'count', '数量（辆）'),
    col('nOut', '编制外', 'count', '数量（辆）'),
    ...valueColumns(),
  ];
  const order = Object.keys(VEHICLE_USES);
  const rows = (await vehiclesByUse(q, f, month)).sort((a, b) => (a.use ? order.indexOf(a.use) : 99) - (b.use ? order.indexOf(b.use) : 99));
  const lines: Line[] = rows.map((r) => ({
    unitId: r.unit_id,
    cells: {
      use: r.use ? (VEHICLE_USES[r.use as keyof typeof VEHICLE_USES]?.[0] ?? r.use) : '未填用途',
      n: r.n,
      nIn: r.n_in,
      nOut: r.n_out,
      ...valueCells(r),
    },
  }));
  return {
    key: 'vehicles',
    code: '月03表',
    title: '车辆情况表',
    note: '金额单位：元；月末在账车辆；编制内、编制外按卡片所填，未填者只计入合计',
    columns,
    rows: withTotals(units, lines, columns, 'use'),
  };
}

async function buildingTable(q: Queryable, f: UnitFilter, month: string, units: { id: string; name: string }[]): Promise<SetTable> {
  const columns = [
    col('type', '类别', 'text'),
    col('n', '数量', 'count'),
    col('area', '面积', 'area', '面积（平方米）'),
    col('selfUse', '自用', 'area', '面积（平方米）'),
    col('rented', '出租', 'area', '面积（平方米）'),
    col('lent', '出借', 'area', '面积（平方米）'),
    col('idle', '闲置', 'area', '面积（平方米）'),
    ...valueColumns(),
  ];
  const rows = (await buildingsAndLand(q, f, month)).sort((a, b) => a.kind.localeCompare(b.kind));
  const lines: Line[] = rows.map((r) => ({
    unitId: r.unit_id,
    cells: {
      type: r.kind === 'land' ? '土地' : '房屋',
      n: r.n,
      area: r.area,
      selfUse: r.self_use,
      rented: r.rented,
      lent: r.lent,
      idle: r.idle,
      ...valueCells(r),
    },
  }));
  return {
    key: 'buildings_land',
    code: '月04表',
    title: '房屋土地情况表',
    note: '金额单位：元；面积单位：平方米；按使用情况分列的面积之和等于面积（未分列的部分计入卡片的使用方式）',
    columns,
    rows: withTotals(units, lines, columns, 'type'),
  };
}

async function lowValueTable(q: Queryable, f: UnitFilter, month: string, units: { id: string; name: string }[]): Promise<SetTable> {
  const columns = [
    col('code', '类别编码', 'text'),
    col('name', '类别', 'text'),
    col('openN', '数量', 'count', '期初'),
    col('openV', '金额', 'fen', '期初'),
    col('closeN', '数量', 'count', '期末'),
    col('closeV', '金额', 'fen', '期末'),
  ];
  const rows = (await lowValueByClass(q, f, month, SET_CLASS_LEVEL)).sort((a, b) => a.cat_code.localeCompare(b.cat_code));
  const lines: Line[] = rows.map((r) => ({
    unitId: r.unit_id,
    cells: { code: r.cat_code, name: r.cat_name ?? r.cat_code, openN: r.on, openV: r.ov, closeN: r.cn, closeV: r.cv },
  }));
  return {
    key: 'low_value',
    code: '月05表',
    title: '低值易耗品情况表',
    note: '金额单位：元；低值易耗品登记管理但不计入固定资产，不计提折旧',
    columns,
    rows: withTotals(units, lines, columns, 'name'),
  };
}

const periodOf = (month: string) => `${month.slice(0, 4)}年${month.slice(5, 7)}月`;

/**
 * The cover: 编制单位 is the unit's own name for a unit's report and the committee's for the
 * report of every unit (never "全部单位"); 单位负责人 and 财务负责人 are the unit's (or the committee's).
 */
export async function reportCover(
  q: Queryable,
  unitId: string | undefined,
  month: string,
  preparedBy: string,
  printedOn = businessToday(),
): Promise<ReportCover> {
  const u = await queryOne<{ name: string; leader_name: string | null; finance_head_name: string | null }>(
    q,
    unitId
      ? sql`SELECT name, leader_name, finance_head_name FROM units WHERE id = ${unitId}`
      : sql`SELECT name, leader_name, finance_head_name FROM units WHERE kind = 'committee' ORDER BY sort, code LIMIT 1`,
  );
  return {
    unitName: u?.name ?? '',
    leaderName: u?.leader_name ?? '',
    financeHeadName: u?.finance_head_name ?? '',
    preparedBy,
    month,
    period: periodOf(month),
    printedOn,
  };
}

/** Whether every unit of the report has closed its books through the month (unit_books.closed_through). */
export async function monthClosedFor(q: Queryable, unitIds: string[], month: string): Promise<boolean> {
  if (!unitIds.length) return false;
  const rows = await query<{ n: number }>(
    q,
    sql`SELECT count(*)::int AS n FROM unit_books WHERE closed_through >= ${monthFirst(month)}::date
        AND unit_id IN (${sql.join(
          unitIds.map((u) => sql`${u}::uuid`),
          sql`, `,
        )})`,
  );
  return rows[0].n === unitIds.length;
}

type Units = { id: string; name: string }[];
/** The set's computed tables in order, by key (the benchmark times each on its own). */
export const SET_TABLES: Record<string, (q: Queryable, f: UnitFilter, month: string, units: Units) => Promise<SetTable>> = {
  asset_summary: assetSummaryTable,
  staff: (q, f, _month, units) => staffTable(q, f, units),
  vehicles: vehicleTable,
  buildings_land: buildingTable,
  low_value: lowValueTable,
  rental_income: rentalIncomeTable,
  disposal_income: disposalIncomeTable,
};

/** One table of the set, live, for the units of `f`. */
export async function reportSetTable(q: Queryable, key: string, f: UnitFilter, month: string): Promise<SetTable> {
  return SET_TABLES[key](q, f, month, await reportUnits(q, f));
}

/** The set, live, for the units of `f` (scope checked by the caller). */
export async function buildReportSet(q: Queryable, f: UnitFilter, month: string, preparedBy: string, printedOn?: string) {
  const units = await reportUnits(q, f);
  const tables: SetTable[] = [];
  for (const build of Object.values(SET_TABLES)) tables.push(await build(q, f, month, units));
  const cover = await reportCover(q, f.unitId, month, preparedBy, printedOn);
  return {
    cover,
    tables,
    monthClosed: await monthClosedFor(
      q,
      units.map((u) => u.id),
      month,
    ),
  };
}
