import { sql } from 'drizzle-orm';
import { CARD_IMPORT_COLUMNS } from '../../../shared/card-io.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { XlsxStreamWriter, type XlsxColumn } from './xlsx-stream.writer.ts';

// Common office assets: [name, 2022 category code, brand, spec, price in yuan, useful life in months].
const ITEMS: [string, string, string, string, number, number][] = [
  ['台式计算机', 'A02010104', '联想', 'ThinkCentre M920t', 4980, 72],
  ['便携式计算机', 'A02010105', '华为', 'MateBook 14', 6899, 72],
  ['激光打印机', 'A02010601', '惠普', 'LaserJet Pro M404dn', 1199, 72],
  ['办公桌', 'A05010201', '震旦', '1600×800', 2800, 180],
  ['办公椅', 'A05010301', '震旦', '网布', 760, 180],
  ['文件柜', 'A05010502', '美时', '四门', 980, 240],
];

/**
 * A valid import file of `rows` cards for a unit, naming its own departments, staff and rooms:
 * for trying the import and for timing it at scale. Serial numbers carry `tag` so repeated files
 * do not collide.
 */
export async function writeSampleImportFile(
  q: Queryable,
  file: string,
  unitId: string,
  rows: number,
  tag = Date.now().toString(36),
): Promise<void> {
  const cats = new Set((await query<{ code: string }>(q, sql`SELECT code FROM categories`)).map((c) => c.code));
  const items = ITEMS.filter((i) => cats.has(i[1]));
  if (!items.length) throw new Error('no sample categories in the catalogue');
  const depts = (await query<{ name: string }>(q, sql`SELECT name FROM departments WHERE unit_id = ${unitId} ORDER BY name`)).map(
    (d) => d.name,
  );
  const staff = (
    await query<{ employee_no: string }>(
      q,
      sql`SELECT employee_no FROM staff WHERE unit_id = ${unitId} AND employee_no IS NOT NULL ORDER BY employee_no`,
    )
  ).map((s) => s.employee_no);
  const rooms = (
    await query<{ place: string }>(
      q,
      sql`
    SELECT c.code || '/' || b.code || '/' || r.code AS place FROM rooms r JOIN buildings b ON b.id = r.building_id
    JOIN compounds c ON c.id = r.compound_id WHERE r.unit_id = ${unitId} OR r.unit_id IS NULL ORDER BY 1 LIMIT 200`,
    )
  ).map((r) => r.place);
  const columns: XlsxColumn[] = CARD_IMPORT_COLUMNS.map((c) => ({
    header: c.zh,
    width: c.width,
    style: c.kind === 'money' ? 'money' : c.kind === 'date' ? 'date' : c.kind === 'int' ? 'number' : 'text',
  }));
  const at = Object.fromEntries(CARD_IMPORT_COLUMNS.map((c, i) => [c.key, i]));
  const w = await XlsxStreamWriter.create(file, '资产卡片', columns);
  for (let i = 0; i < rows; i++) {
    const [name, code, brand, spec, price, life] = items[i % items.length];
    const year = 2015 + (i % 10);
    const months = (2025 - year) * 12;
    const cells: unknown[] = new Array(columns.length).fill(null);
    cells[at.name] = name;
    cells[at.categoryCode] = code;
    cells[at.brand] = brand;
    cells[at.spec] = spec;
    cells[at.serialNo] = `S${tag}-${i}`;
    cells[at.originalValue] = price;
    cells[at.accumulatedDepreciation] = Math.round(((price * Math.min(months, life)) / life) * 100) / 100;
    cells[at.fundingSource] = '财政拨款';
    cells[at.acquisitionMethod] = '购置';
    cells[at.acquiredOn] = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    cells[at.status] = i % 17 === 0 ? '闲置' : '在用';
    if (depts.length) cells[at.department] = depts[i % depts.length];
    if (staff.length) cells[at.custodianNo] = staff[i % staff.length];
    if (rooms.length) cells[at.location] = rooms[i % rooms.length];
    await w.addRow(cells);
  }
  await w.close();
}
