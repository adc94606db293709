// Excel files the finance bureau receives: title, unit and period rows, merged two-level headers,
// amounts in yuan with thousands separators, a totals row. Written with ExcelJS's streaming writer
// so a list of a million cards never sits in memory.
import ExcelJS from 'exceljs';
import { ACQUISITION_METHODS, ADDITION_KINDS, CARD_STATUSES, DISPOSAL_METHODS } from '../../../shared/assets.enums.ts';
import {
  LIST_KINDS,
  type ListKind,
  type ListRow,
  type PackView,
  type ReportFilter,
  type SummaryRow,
  type SummaryView,
} from '../../../shared/reports.contracts.ts';
import { fenToYuan } from '../../../shared/money.ts';

const MONEY = '#,##0.00';
const COUNT = '#,##0';
const yuan = (fen: number) => fen / 100;
const thin = { style: 'thin' } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };

type Col = { header: string; group?: string; width?: number; money?: boolean; count?: boolean; value: (r: SummaryRow) => number | string };

function summaryColumns(view: SummaryView): Col[] {
  const amounts = (
    group: string,
    pick: (r: SummaryRow) => { count: number; valueFen: number; accumulatedFen: number; netFen: number },
  ): Col[] => [
    { group, header: '数量', count: true, value: (r) => pick(r).count },
    { group, header: '原值', money: true, value: (r) => yuan(pick(r).valueFen) },
    { group, header: '累计折旧', money: true, value: (r) => yuan(pick(r).accumulatedFen) },
    { group, header: '净值', money: true, value: (r) => yuan(pick(r).netFen) },
  ];
  const addMethods = Object.keys(ADDITION_KINDS).filter((m) => view.total.additions.byMethod[m]);
  const redMethods = Object.keys(DISPOSAL_METHODS).filter((m) => view.total.reductions.byMethod[m]);
  return [
    { header: '单位', width: 22, value: (r) => r.unitName },
    { header: '资产类别', width: 22, value: (r) => (r.categoryCode ? `${r.categoryCode} ${r.categoryName}` : r.categoryName) },
    ...amounts('期初', (r) => r.opening),
    { group: '本期增加', header: '数量', count: true, value: (r) => r.additions.count },
    { group: '本期增加', header: '原值', money: true, value: (r) => yuan(r.additions.valueFen) },
    ...addMethods.map(
      (m): Col => ({
        group: '本期增加',
        header: `其中：${ADDITION_KINDS[m as keyof typeof ADDITION_KINDS][0]}`,
        money: true,
        value: (r) => yuan(r.additions.byMethod[m]?.valueFen ?? 0),
      }),
    ),
    { group: '本期增加', header: '价值增加', money: true, value: (r) => yuan(r.valueIncreaseFen) },
    { group: '本期增加', header: '计提折旧', money: true, value: (r) => yuan(r.depreciationFen) },
    { group: '本期减少', header: '数量', count: true, value: (r) => r.reductions.count },
    { group: '本期减少', header: '原值', money: true, value: (r) => yuan(r.reductions.valueFen) },
    ...redMethods.map(
      (m): Col => ({
        group: '本期减少',
        header: `其中：${DISPOSAL_METHODS[m as keyof typeof DISPOSAL_METHODS][0]}`,
        money: true,
        value: (r) => yuan(r.reductions.byMethod[m]?.valueFen ?? 0),
      }),
    ),
    { group: '本期减少', header: '价值减少', money: true, value: (r) => yuan(r.valueDecreaseFen) },
    { group: '本期减少', header: '减少累计折旧', money: true, value: (r) => yuan(r.reductions.accumulatedFen) },
    ...amounts('期末', (r) => r.closing),
  ];
}

/** Title, 编制单位 and the period (or date) line with the measure at its right. */
export function titleRows(
  ws: ExcelJS.Worksheet,
  title: string,
  unit: string,
  period: string,
  width: number,
  line3 = { label: '报表期间', measure: '单位：元' },
): void {
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, width);
  const t = ws.getCell(1, 1);
  t.font = { bold: true, size: 16 };
  t.alignment = { horizontal: 'center' };
  ws.addRow([`编制单位：${unit}`]);
  ws.mergeCells(2, 1, 2, width);
  ws.addRow([`${line3.label}：${period}`, ...Array(Math.max(0, width - 2)).fill(''), line3.measure]);
  ws.mergeCells(3, 1, 3, Math.max(1, width - 1));
}

/** Two header rows; a group's cells are merged across its columns, ungrouped columns down both rows. */
export function headerRows(ws: ExcelJS.Worksheet, cols: { header: string; group?: string }[], top: number): void {
  ws.addRow(cols.map((c) => c.group ?? c.header));
  ws.addRow(cols.map((c) => c.header));
  let i = 0;
  while (i < cols.length) {
    const g = cols[i].group;
    if (!g) {
      ws.mergeCells(top, i + 1, top + 1, i + 1);
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < cols.length && cols[j + 1].group === g) j++;
    if (j > i) ws.mergeCells(top, i + 1, top, j + 1);
    i = j + 1;
  }
  for (const r of [top, top + 1]) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    for (let c = 1; c <= cols.length; c++) row.getCell(c).border = border;
  }
}

export function dataRow(
  ws: ExcelJS.Worksheet,
  cols: { money?: boolean; count?: boolean }[],
  values: (number | string | null)[],
  bold = false,
): void {
  const row = ws.addRow(values);
  cols.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c.money) cell.numFmt = MONEY;
    if (c.count) cell.numFmt = COUNT;
    cell.border = border;
  });
  if (bold) row.font = { bold: true };
}

export const periodText = (f: { from: string; to: string }) =>
  f.from === f.to ? f.from.replace('-', '年') + '月' : `${f.from.replace('-', '年')}月至${f.to.replace('-', '年')}月`;

export async function writeSummaryXlsx(file: string, view: SummaryView, title = '资产情况表', pack?: PackView): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const ws = wb.addWorksheet(title);
  const cols = summaryColumns(view);
  ws.columns = cols.map((c) => ({ width: c.width ?? 14 }));
  titleRows(ws, title, view.unitName, periodText(view), cols.length);
  headerRows(ws, cols, 4);
  for (const r of view.rows)
    dataRow(
      ws,
      cols,
      cols.map((c) => c.value(r)),
    );
  dataRow(
    ws,
    cols,
    cols.map((c, i) => (i === 0 ? '合计' : i === 1 ? '' : c.value(view.total))),
    true,
  );
  if (view.cover) {
    const c = view.cover;
    ws.addRow([]);
    ws.addRow([
      `单位负责人：${c.leaderName}`,
      `财务负责人：${c.financeHeadName}`,
      '',
      `制表人：${c.preparedBy}`,
      '',
      `打印日期：${c.printedOn}`,
    ]);
  }
  if (pack) {
    ws.addRow([]);
    ws.addRow(['月度变动说明（与上月相比变动超过 20%）']).font = { bold: true };
    for (const u of pack.units.filter((x) => x.needsExplanation)) {
      ws.addRow([
        u.unitName,
        `上月末原值 ${fenToYuan(u.previousClosingFen)} 元，本月末 ${fenToYuan(u.closingFen)} 元，变动 ${u.change === null ? '—' : (u.change * 100).toFixed(1) + '%'}`,
        u.explanation ?? '（未填写说明）',
      ]);
    }
  }
  ws.commit();
  await wb.commit();
}

type ListCol = { header: string; width?: number; money?: boolean; value: (r: ListRow) => number | string | null };
const listColumns = (kind: ListKind): ListCol[] => [
  { header: '卡片编号', width: 22, value: (r) => r.cardNo },
  { header: '资产名称', width: 24, value: (r) => r.name },
  { header: '单位', width: 20, value: (r) => r.unitName },
  { header: '资产类别', width: 18, value: (r) => r.categoryName },
  { header: '状态', value: (r) => CARD_STATUSES[r.status as keyof typeof CARD_STATUSES]?.[0] ?? r.status },
  { header: '入账日期', width: 12, value: (r) => r.postedOn },
  ...(kind === 'disposals'
    ? [
        { header: '处置日期', width: 12, value: (r: ListRow) => r.disposedOn },
        { header: '处置方式', value: (r: ListRow) => DISPOSAL_METHODS[r.method as keyof typeof DISPOSAL_METHODS]?.[0] ?? r.method },
      ]
    : []),
  ...(kind === 'additions'
    ? [{ header: '取得方式', value: (r: ListRow) => ACQUISITION_METHODS[r.method as keyof typeof ACQUISITION_METHODS]?.[0] ?? r.method }]
    : []),
  ...(kind === 'rented_lent' ? [{ header: '对方单位', width: 20, value: (r: ListRow) => r.counterparty }] : []),
  ...(kind === 'vehicles' ? [{ header: '车牌号', value: (r: ListRow) => r.plate }] : []),
  ...(kind === 'buildings_land' ? [{ header: '面积(㎡)', value: (r: ListRow) => r.area }] : []),
  ...(kind === 'past_min_life' ? [{ header: '使用年限(月)', value: (r: ListRow) => r.usefulLifeMonths }] : []),
  { header: '原值', money: true, value: (r) => yuan(r.originalValueFen) },
  { header: '累计折旧', money: true, value: (r) => yuan(r.accumulatedFen) },
  { header: '净值', money: true, value: (r) => yuan(r.netFen) },
  ...(kind === 'depreciation' ? [{ header: '本期折旧', money: true, value: (r: ListRow) => yuan(r.periodFen ?? 0) }] : []),
];

/** `pages` yields the rows page by page, so the file streams however long the list is. */
export async function writeListXlsx(
  file: string,
  kind: ListKind,
  f: ReportFilter,
  unitName: string,
  pages: AsyncIterable<ListRow[]>,
  totals: { originalValueFen: number; accumulatedFen: number; netFen: number; periodFen: number },
  onRows: (n: number) => void,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const title = LIST_KINDS[kind][0];
  const ws = wb.addWorksheet(title);
  const cols = listColumns(kind);
  ws.columns = cols.map((c) => ({ width: c.width ?? 14 }));
  titleRows(ws, title, unitName, periodText(f), cols.length);
  headerRows(
    ws,
    cols.map((c) => ({ header: c.header })),
    4,
  );
  let n = 0;
  for await (const page of pages) {
    for (const r of page)
      dataRow(
        ws,
        cols,
        cols.map((c) => c.value(r)),
      );
    n += page.length;
    onRows(n);
  }
  const sums: Record<string, number> = {
    原值: totals.originalValueFen,
    累计折旧: totals.accumulatedFen,
    净值: totals.netFen,
    本期折旧: totals.periodFen,
  };
  dataRow(
    ws,
    cols,
    cols.map((c, i) => (i === 0 ? `合计（${n} 项）` : c.header in sums ? yuan(sums[c.header]) : '')),
    true,
  );
  ws.commit();
  await wb.commit();
}
