import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { CARD_IMPORT_COLUMNS, type CardColumn } from '../../../shared/card-io.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';

const colLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : colLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

const KIND_TEXT: Record<CardColumn['kind'], string> = {
  text: '文本',
  int: '整数',
  decimal: '数字',
  money: '金额（元，两位小数）',
  date: '日期（YYYY-MM-DD）',
  enum: '下拉选择',
};

/** Rows the drop-downs cover: more than a unit ever types by hand; longer files validate on import anyway. */
const VALIDATED_ROWS = 5000;

interface DataValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}

function allowedValues(c: CardColumn): string {
  if (c.vocabulary)
    return Object.values(c.vocabulary)
      .map(([zh]) => zh)
      .join('、');
  return '';
}

/**
 * The import template: 资产卡片 (headers, drop-downs, formats), 填写说明 (every column: required,
 * format, allowed values), 分类代码 (both editions) and, for a unit, its departments, staff and rooms.
 */
export async function buildTemplate(q: Queryable, unitId: string | null): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongwu';
  const ws = wb.addWorksheet('资产卡片', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = CARD_IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.width ?? 14 }));
  const header = ws.getRow(1);
  header.height = 22;
  CARD_IMPORT_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.attributeSet ? 'FFEFF5E6' : 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = `${c.required ? '必填。' : ''}${c.note || KIND_TEXT[c.kind]}`;
  });
  const dv = (ws as unknown as { dataValidations: DataValidations }).dataValidations;
  CARD_IMPORT_COLUMNS.forEach((c, i) => {
    const col = colLetter(i + 1);
    const range = `${col}2:${col}${VALIDATED_ROWS + 1}`;
    const column = ws.getColumn(i + 1);
    const list = allowedValues(c);
    if (c.kind === 'enum') {
      dv.add(range, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${list.split('、').join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.zh,
        error: `请从下拉列表选择：${list}`,
      });
    } else if (c.kind === 'date') {
      column.numFmt = 'yyyy-mm-dd';
      dv.add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1900, 0, 1))],
        showErrorMessage: true,
        errorTitle: c.zh,
        error: '请输入日期，如 2024-03-15',
      });
    } else if (c.kind === 'money') {
      column.numFmt = '#,##0.00';
      dv.add(range, {
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        allowBlank: !c.required,
        formulae: [0],
        showErrorMessage: true,
        errorTitle: c.zh,
        error: '金额不小于 0，最多两位小数',
      });
    } else if (c.kind === 'int') {
      dv.add(range, {
        type: 'whole',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [1],
        showErrorMessage: true,
        errorTitle: c.zh,
        error: '请输入正整数',
      });
    } else if (c.kind === 'text') {
      column.numFmt = '@';
    }
  });

  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列名', key: 'zh', width: 22 },
    { header: '英文', key: 'en', width: 28 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '格式', key: 'kind', width: 20 },
    { header: '可选值', key: 'allowed', width: 50 },
    { header: '说明', key: 'note', width: 60 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of CARD_IMPORT_COLUMNS) {
    help.addRow({
      zh: c.zh,
      en: c.en,
      required: c.required ? '必填' : '选填',
      kind: KIND_TEXT[c.kind],
      allowed: allowedValues(c),
      note: c.note,
    });
  }
  help.addRow({});
  for (const line of [
    '导入规则：整个文件要么全部导入，要么全部不导入。任何一行有错误，系统都不写入任何数据，并给出错误报告（行号、列、值、原因），修改后重新上传即可。',
    '导入的卡片记为“期初登记”，卡片编号由系统按“单位代码-年份-序号”自动分配。',
    '公式单元格按其计算结果导入；日期可填写为 Excel 日期或 2024-03-15、2024/3/15、2024年3月15日。',
    '金额以元为单位，最多两位小数；累计折旧不得大于原值。',
    '序列号在本单位内不得重复（文件内和系统中已有的卡片都不可重复）。',
    '使用部门、保管人、存放地点须为本单位已登记的处室、人员和房间，参见“本单位参考”工作表。',
    '建筑结构、面积、车牌号、IP、MAC 为分类属性列，只填写相应类别资产的值。',
  ])
    help.addRow({ zh: line }).getCell(1).alignment = { wrapText: false };

  const cats = wb.addWorksheet('分类代码');
  cats.columns = [
    { header: '版本', key: 'edition', width: 8 },
    { header: '分类代码', key: 'code', width: 16 },
    { header: '分类名称', key: 'name', width: 36 },
    { header: '使用年限(月)', key: 'life', width: 12 },
  ];
  cats.getRow(1).font = { bold: true };
  for (const c of await query<{ edition: string; code: string; name: string; useful_life_months: number | null }>(
    q,
    sql`
    SELECT edition, code, name, useful_life_months FROM categories WHERE active ORDER BY edition DESC, path`,
  )) {
    cats.addRow({ edition: c.edition, code: c.code, name: c.name, life: c.useful_life_months });
  }

  if (unitId) {
    const ref = wb.addWorksheet('本单位参考');
    ref.columns = [
      { header: '处室', key: 'dept', width: 20 },
      { header: '人员工号', key: 'no', width: 12 },
      { header: '人员姓名', key: 'name', width: 12 },
      { header: '存放地点(办公区/楼宇/房间号)', key: 'room', width: 26 },
    ];
    ref.getRow(1).font = { bold: true };
    const depts = await query<{ name: string }>(
      q,
      sql`SELECT name FROM departments WHERE unit_id = ${unitId} AND active ORDER BY sort, name`,
    );
    const people = await query<{ employee_no: string | null; name: string }>(
      q,
      sql`SELECT employee_no, name FROM staff WHERE unit_id = ${unitId} AND active ORDER BY employee_no NULLS LAST, name`,
    );
    const rooms = await query<{ place: string }>(
      q,
      sql`
      SELECT c.code || '/' || b.code || '/' || r.code AS place FROM rooms r JOIN buildings b ON b.id = r.building_id
      JOIN compounds c ON c.id = r.compound_id WHERE r.unit_id = ${unitId} ORDER BY 1`,
    );
    const n = Math.max(depts.length, people.length, rooms.length);
    for (let i = 0; i < n; i++) {
      ref.addRow({ dept: depts[i]?.name, no: people[i]?.employee_no, name: people[i]?.name, room: rooms[i]?.place });
    }
    // Suggestions, not a fence: the importer also takes department codes and rooms written another way.
    const suggest = (key: string, refCol: string, count: number) => {
      const i = CARD_IMPORT_COLUMNS.findIndex((c) => c.key === key);
      if (i < 0 || count === 0) return;
      const col = colLetter(i + 1);
      dv.add(`${col}2:${col}${VALIDATED_ROWS + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`'本单位参考'!$${refCol}$2:$${refCol}$${count + 1}`],
        showErrorMessage: false,
      });
    };
    suggest('department', 'A', depts.length);
    suggest('custodianNo', 'B', people.length);
    suggest('location', 'D', rooms.length);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
