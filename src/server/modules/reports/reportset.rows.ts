// The rows and columns every table of the monthly set shares (docs/domain.md §7): a unit's lines
// together, its 小计, one 合计; the builders in reportset.service.ts and reportset.income.ts use them.
import type { SetColumn, SetRow } from '../../../shared/reportset.contracts.ts';

type Cells = SetRow['cells'];
export interface Line {
  unitId: string;
  cells: Cells;
}

/**
 * The rows of a table, Chinese style: each unit's lines together (the web and the workbook merge its
 * name down them), a 小计 after a unit with more than one line when the report has several units,
 * and one 合计 at the end whose unit column alone reads 合计.
 */
export function withTotals(units: { id: string; name: string }[], lines: Line[], columns: SetColumn[], labelKey: string): SetRow[] {
  const sums = columns.filter((c) => c.kind !== 'text').map((c) => c.key);
  const add = (into: Cells, from: Cells) => {
    for (const k of sums) into[k] = round2(Number(into[k] ?? 0) + Number(from[k] ?? 0), columns.find((c) => c.key === k)!.kind);
  };
  const blank = (label: string): Cells => {
    const c: Cells = {};
    for (const col of columns) c[col.key] = col.kind === 'text' ? '' : 0;
    if (label) c[labelKey] = label;
    return c;
  };
  const rows: SetRow[] = [];
  const total = blank('');
  const many = new Set(lines.map((l) => l.unitId)).size > 1;
  for (const u of units) {
    const mine = lines.filter((l) => l.unitId === u.id);
    if (!mine.length) continue;
    const sub = blank('小计');
    for (const l of mine) {
      rows.push({ kind: 'row', unitId: u.id, unitName: u.name, cells: l.cells });
      add(sub, l.cells);
      add(total, l.cells);
    }
    if (many && mine.length > 1) rows.push({ kind: 'subtotal', unitId: u.id, unitName: u.name, cells: sub });
  }
  rows.push({ kind: 'total', unitId: null, unitName: '合计', cells: total });
  return rows;
}

const round2 = (x: number, kind: SetColumn['kind']) => (kind === 'area' ? Math.round(x * 100) / 100 : x);
export const col = (key: string, label: string, kind: SetColumn['kind'], group?: string): SetColumn => ({
  key,
  label,
  kind,
  ...(group ? { group } : {}),
});
