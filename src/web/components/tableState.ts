// The list state a ServerTable keeps in the URL, so back, refresh and shared links keep it.

export interface TableState {
  page: number;
  pageSize: number;
  sort?: string;
  order?: 'asc' | 'desc';
  q?: string;
}

const positive = (v: string | null, fallback: number) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** Reads the state from search params; `prefix` lets two tables share one page ("t2_page"). */
export function readTableState(params: URLSearchParams, prefix = '', defaults: Partial<TableState> = {}): TableState {
  const get = (k: string) => params.get(prefix + k);
  const order = get('order');
  return {
    page: positive(get('page'), 1),
    pageSize: Math.min(500, positive(get('pageSize'), defaults.pageSize ?? 20)),
    sort: get('sort') || defaults.sort,
    order: order === 'asc' || order === 'desc' ? order : get('sort') ? 'asc' : defaults.order,
    q: get('q') || undefined,
  };
}

/** Writes a change into a copy of the params; defaults are left out to keep URLs short. */
export function writeTableState(params: URLSearchParams, change: Partial<TableState>, prefix = ''): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [k, v] of Object.entries(change)) {
    const key = prefix + k;
    if (v === undefined || v === null || v === '' || (k === 'page' && v === 1)) next.delete(key);
    else next.set(key, String(v));
  }
  return next;
}

/** antd's sorter result → the API's sort/order (column key, else its dataIndex joined by dots). */
export function sorterToQuery(sorter: { columnKey?: unknown; field?: unknown; order?: 'ascend' | 'descend' | null }): {
  sort?: string;
  order?: 'asc' | 'desc';
} {
  if (!sorter.order) return { sort: undefined, order: undefined };
  const key = sorter.columnKey ?? sorter.field;
  const sort = Array.isArray(key) ? key.join('.') : key == null ? undefined : String(key);
  return { sort, order: sorter.order === 'descend' ? 'desc' : 'asc' };
}
