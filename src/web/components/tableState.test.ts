import { describe, expect, it } from 'vitest';
import { readTableState, sorterToQuery, writeTableState } from './tableState.ts';

describe('table state in the URL', () => {
  it('reads page, size, sort and search, falling back to defaults on junk', () => {
    const s = readTableState(new URLSearchParams('page=3&pageSize=50&sort=code&order=desc&q=椅子'));
    expect(s).toEqual({ page: 3, pageSize: 50, sort: 'code', order: 'desc', q: '椅子' });
    expect(readTableState(new URLSearchParams('page=-1&pageSize=abc'))).toEqual({
      page: 1,
      pageSize: 20,
      sort: undefined,
      order: undefined,
      q: undefined,
    });
    expect(readTableState(new URLSearchParams('pageSize=9999')).pageSize).toBe(500);
  });

  it('writes changes under a prefix and keeps other params', () => {
    const next = writeTableState(new URLSearchParams('tab=2&b_page=4'), { page: 1, q: '电脑' }, 'b_');
    expect(next.get('tab')).toBe('2');
    expect(next.has('b_page')).toBe(false);
    expect(next.get('b_q')).toBe('电脑');
  });

  it('maps antd sorters to sort and order', () => {
    expect(sorterToQuery({ columnKey: 'originalValue', order: 'descend' })).toEqual({ sort: 'originalValue', order: 'desc' });
    expect(sorterToQuery({ field: ['unit', 'name'], order: 'ascend' })).toEqual({ sort: 'unit.name', order: 'asc' });
    expect(sorterToQuery({ columnKey: 'code', order: null })).toEqual({ sort: undefined, order: undefined });
  });
});
