import { useEffect, useMemo, useRef, type Key, type ReactNode } from 'react';
import { Input, Space, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { http, type ListItem, type ListPath, ok, type QueryParams } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';
import type { Page } from '../../shared/paging.ts';
import type { ListId } from '../../shared/prefs.contracts.ts';
import { applyColumns, ListSettingsButton, useListSettings } from './ListSettings.tsx';
import { readTableState, sorterToQuery, writeTableState, type TableState } from './tableState.ts';
import { errorText } from './errors.ts';

type Param = string | number | boolean | undefined | null | (string | number)[];

/** The list routes whose rows fit `T` (the server's row is assignable to the page's row type). */
export type ListUrl<T> = { [P in ListPath]: ListItem<P> extends T ? P : never }[ListPath];
/** ServerTable sends these itself (pager, sorter, search box). */
type OwnParams = 'page' | 'pageSize' | 'sort' | 'order' | 'q';
type SortOf<Q> = Q extends { sort?: infer S } ? NonNullable<S> : never;
/** A list route and its filters: only query parameters that route takes. */
type ListSource<T> = {
  [P in ListUrl<T>]: {
    /** A list route answering Page<T>: { items, total, page, pageSize }. */
    url: P;
    /** Extra query params (filters), by the route's own names. Changing them goes back to page 1. */
    filters?: { [K in Exclude<keyof QueryParams<P, 'get'>, OwnParams>]?: Param };
    /** The first sort, one the route offers. */
    defaultSort?: { sort: SortOf<QueryParams<P, 'get'>>; order: 'asc' | 'desc' };
  };
}[ListUrl<T>];

interface TableOptions<T> {
  /** antd columns; `sorter: true` sorts on the server by the column's `key` (else its dataIndex). */
  columns: TableColumnsType<T>;
  rowKey?: TableProps<T>['rowKey'];
  rowSelection?: TableProps<T>['rowSelection'];
  /** Show a search box sent as `q`; pass a string to set its placeholder. */
  search?: boolean | string;
  /** Buttons etc. shown right of the search box. */
  toolbar?: ReactNode;
  /** Prefix for the URL params when a page shows more than one table. */
  paramPrefix?: string;
  defaultPageSize?: number;
  /** Any other antd Table props (onRow, expandable, scroll, summary, size…). */
  tableProps?: Omit<TableProps<T>, 'columns' | 'dataSource' | 'rowKey' | 'rowSelection' | 'pagination' | 'loading' | 'onChange'>;
  /** Called with each loaded page (e.g. to know the ids shown). */
  onLoaded?: (page: Page<T>) => void;
  /**
   * Opts the list in to the user's settings kept on the server under this key: columns (shown, order,
   * width), density and page size, with the 列设置 button in the toolbar. `columns` is its column set.
   */
  listId?: ListId;
}

export type ServerTableProps<T> = TableOptions<T> & ListSource<T>;

/** The query key prefix of a list, to refresh it after a change: `invalidateList(qc, '/api/cards')`. */
export const listKey = (url: ListPath) => ['list', url] as const;
export const invalidateList = (qc: ReturnType<typeof useQueryClient>, url: ListPath) => qc.invalidateQueries({ queryKey: listKey(url) });
/** Hook form of invalidateList. */
export function useInvalidateList() {
  const qc = useQueryClient();
  return (url: ListPath) => invalidateList(qc, url);
}

/** One page of a list route (its type checked at the call, by ListUrl<T>). */
const getPage = <T,>(url: ListPath, query: Record<string, Param>) =>
  ok(http.GET(url as '/api/cards', { params: { query: query as QueryParams<'/api/cards', 'get'> } })) as Promise<unknown> as Promise<
    Page<T>
  >;

/** An antd Table over a paged list route, with page, size, sort and search kept in the URL. */
export function ServerTable<T extends object>(props: ServerTableProps<T>) {
  const { url, filters, paramPrefix = '', defaultSort, listId } = props;
  const { t } = useI18n();
  const prefs = useListSettings(listId);
  const defaultPageSize = prefs.settings.pageSize ?? props.defaultPageSize ?? 20;
  const defaultDensity = (props.tableProps?.size === 'medium' ? 'middle' : props.tableProps?.size) ?? 'small';
  const [params, setParams] = useSearchParams();
  const state = readTableState(params, paramPrefix, { pageSize: defaultPageSize, ...(defaultSort as Partial<TableState> | undefined) });
  const update = (change: Partial<TableState>) => setParams((prev) => writeTableState(prev, change, paramPrefix), { replace: true });

  // New filters mean a new list: start again from page 1.
  const filtersJson = JSON.stringify(filters ?? {});
  const lastFilters = useRef(filtersJson);
  useEffect(() => {
    if (lastFilters.current !== filtersJson) {
      lastFilters.current = filtersJson;
      if (state.page !== 1) update({ page: 1 });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filtersJson]);

  const query = {
    ...(filters ?? {}),
    page: state.page,
    pageSize: state.pageSize,
    sort: state.sort,
    order: state.sort ? state.order : undefined,
    q: state.q,
  };
  const result = useQuery({
    queryKey: [...listKey(url), query],
    queryFn: () => getPage<T>(url, query),
    placeholderData: keepPreviousData,
    // A list with settings waits for them (its page size), so it is fetched once.
    enabled: prefs.loaded,
  });
  const data = result.data;
  useEffect(() => {
    if (data && props.onLoaded) props.onLoaded(data);
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  // Rows deleted elsewhere can leave the URL past the last page: go to the last one that exists.
  useEffect(() => {
    if (data && data.items.length === 0 && data.total > 0 && state.page > 1) {
      update({ page: Math.max(1, Math.ceil(data.total / state.pageSize)) });
    }
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps

  // Sorting is controlled from the URL so the arrow shows after a refresh.
  const shown = useMemo(
    () => (listId ? applyColumns(props.columns, prefs.settings) : props.columns),
    [listId, props.columns, prefs.settings],
  );
  const columns = useMemo(
    () =>
      shown.map((c) => {
        if (!('sorter' in c) || !c.sorter) return c;
        const key = c.key ?? ('dataIndex' in c ? (Array.isArray(c.dataIndex) ? c.dataIndex.join('.') : c.dataIndex) : undefined);
        const sortOrder = key != null && String(key) === state.sort ? (state.order === 'desc' ? 'descend' : 'ascend') : null;
        return { ...c, sortOrder } as typeof c;
      }),
    [shown, state.sort, state.order],
  );

  const onChange: TableProps<T>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = sorterToQuery((Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> as never);
      update({ ...s, page: 1 });
    } else if (extra.action === 'paginate') {
      const size = pagination.pageSize ?? state.pageSize;
      // A list with settings remembers the size chosen in the pager too.
      if (listId && size !== state.pageSize) {
        void prefs.save({ pageSize: size });
        update({ page: 1, pageSize: undefined });
        return;
      }
      update({ page: size !== state.pageSize ? 1 : (pagination.current ?? 1), pageSize: size === defaultPageSize ? undefined : size });
    }
  };

  const settingsButton = listId && (
    <ListSettingsButton
      columns={props.columns}
      settings={prefs.settings}
      save={prefs.save}
      loaded={prefs.loaded}
      defaultDensity={defaultDensity}
      onPageSize={() => update({ page: 1, pageSize: undefined })}
    />
  );
  const showBar = props.search || props.toolbar || settingsButton;
  return (
    <div className="server-table">
      {showBar && (
        <div className="server-table-bar">
          {props.search ? (
            <Input.Search
              key={`${paramPrefix}q:${state.q ?? ''}`}
              defaultValue={state.q}
              allowClear
              placeholder={typeof props.search === 'string' ? props.search : t('搜索', 'Search')}
              onSearch={(v) => update({ q: v.trim() || undefined, page: 1 })}
              style={{ width: 280 }}
            />
          ) : (
            <span />
          )}
          <Space wrap>
            {props.toolbar}
            {settingsButton}
          </Space>
        </div>
      )}
      {result.isError && (
        <Typography.Text type="danger" style={{ display: 'block', marginBottom: 8 }}>
          {errorText(result.error, t('加载失败', 'Failed to load'))}
        </Typography.Text>
      )}
      <Table<T>
        bordered
        {...props.tableProps}
        size={prefs.settings.density ?? defaultDensity}
        rowKey={props.rowKey ?? ((r: T) => String((r as { id?: Key }).id))}
        rowSelection={props.rowSelection}
        columns={columns}
        dataSource={data?.items ?? []}
        loading={result.isFetching}
        onChange={onChange}
        pagination={{
          current: state.page,
          pageSize: state.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100, 200],
          showTotal: (total) => t(`共 ${total} 条`, `${total} in total`),
        }}
      />
    </div>
  );
}

export default ServerTable;
