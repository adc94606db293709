import { describe, expect, it } from 'vitest';
import type { SetTable } from '../../../shared/reportset.contracts.ts';
import { arranged, mergeChange, tableSettings } from './reportTableSettings.ts';

const table = (key: string, cols: string[]): SetTable => ({
  key,
  code: key,
  title: key,
  columns: cols.map((c) => ({ key: c, label: c, kind: 'count' as const })),
  rows: [],
});
const vehicles = table('vehicles', ['use', 'n', 'nIn', 'nOut']);
const staff = table('staff', ['quota', 'actual']);

describe('the column settings of the report tables', () => {
  it("keeps every table's columns apart in the one list of settings", () => {
    const settings = { columns: [{ key: 'staff.actual', visible: false }], density: 'large' as const };
    const change = mergeChange(vehicles, settings, { columns: [{ key: 'vehicles.nOut', visible: false }] });
    expect(change).toEqual({
      columns: [
        { key: 'staff.actual', visible: false },
        { key: 'vehicles.nOut', visible: false },
      ],
    });
    expect(tableSettings(vehicles, { ...settings, ...change }).columns).toEqual([{ key: 'vehicles.nOut', visible: false }]);
    expect(mergeChange(vehicles, settings, { density: 'small' })).toEqual({ density: 'small' });
  });

  it('shows the columns in the order chosen, without the hidden ones; a table without settings is as served', () => {
    const settings = {
      columns: [
        { key: 'vehicles.nIn', visible: true },
        { key: 'vehicles.use', visible: true },
        { key: 'vehicles.n', visible: false },
      ],
    };
    expect(arranged(vehicles, settings).columns.map((c) => c.key)).toEqual(['nIn', 'use', 'nOut']);
    expect(arranged(staff, settings)).toBe(staff);
  });
});
