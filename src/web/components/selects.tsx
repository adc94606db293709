import { useEffect, useMemo, useState } from 'react';
import { Select, TreeSelect } from 'antd';
import type { SelectProps, TreeSelectProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ok, http } from '../api/client.ts';
import type { Edition } from '../../shared/catalog.contracts.ts';
import { useI18n } from '../app/i18n.tsx';

// Option lists for the shared reference data. The routes answer either a Page ({ items }) or a
// bare array; both are accepted so a select keeps working whichever way a route settles.

interface Named {
  id: string;
  code?: string | null;
  name: string;
  [k: string]: unknown;
}
const itemsOf = <T,>(data: unknown): T[] =>
  Array.isArray(data) ? (data as T[]) : Array.isArray((data as { items?: unknown })?.items) ? (data as { items: T[] }).items : [];
const nameWithCode = (r: Named) => (r.code ? `${r.code} ${r.name}` : r.name);

type Value = string | string[] | null | undefined;
type BaseProps = Omit<SelectProps<Value>, 'options' | 'loading' | 'filterOption' | 'showSearch' | 'onSearch'>;

/** The text typed into a searchable select, settled after `ms` of quiet. */
function useDebounced(value: string, ms = 300) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

const localFilter = (input: string, option?: { label?: unknown }) =>
  String(option?.label ?? '')
    .toLowerCase()
    .includes(input.toLowerCase());

/** All units (GET /api/units?pageSize=500), as "code name". */
export function UnitSelect(props: BaseProps) {
  const { t } = useI18n();
  const { data, isLoading } = useQuery({
    queryKey: ['select', 'units'],
    queryFn: () => ok(http.GET('/api/units', { params: { query: { pageSize: 500 } } })),
    staleTime: 5 * 60_000,
  });
  const options = useMemo(() => itemsOf<Named>(data).map((u) => ({ value: u.id, label: nameWithCode(u) })), [data]);
  return (
    <Select<Value>
      placeholder={t('选择单位', 'Select a unit')}
      allowClear
      {...props}
      options={options}
      loading={isLoading}
      showSearch={{ filterOption: localFilter }}
    />
  );
}

/** The departments of a unit (GET /api/units/:unitId/departments); empty and disabled without a unit. */
export function DepartmentSelect({ unitId, ...props }: BaseProps & { unitId?: string | null }) {
  const { t } = useI18n();
  const { data, isLoading } = useQuery({
    queryKey: ['select', 'departments', unitId],
    queryFn: () => ok(http.GET('/api/units/{id}/departments', { params: { path: { id: unitId! } } })),
    enabled: !!unitId,
    staleTime: 60_000,
  });
  const options = useMemo(() => itemsOf<Named>(data).map((d) => ({ value: d.id, label: d.name })), [data]);
  return (
    <Select<Value>
      placeholder={t('选择部门', 'Select a department')}
      allowClear
      disabled={!unitId}
      {...props}
      options={options}
      loading={isLoading && !!unitId}
      showSearch={{ filterOption: localFilter }}
    />
  );
}

/**
 * A select that asks the server as the user types (q). The chosen value keeps its label even
 * when a later search no longer returns it; `valueLabel` names a value set from outside.
 */
function RemoteSelect<R extends { id: string }>({
  list,
  extra,
  search,
  toLabel,
  valueLabel,
  placeholder,
  ...props
}: BaseProps & {
  /** The list route searched, naming the cached answers. */
  list: string;
  /** The filters beside the typed text (part of the cache key). */
  extra: Record<string, string | undefined>;
  /** The first 50 matches of the typed text (undefined: none typed). */
  search: (q: string | undefined) => Promise<R[]>;
  toLabel: (r: R) => string;
  valueLabel?: string;
}) {
  const [input, setInput] = useState('');
  const q = useDebounced(input);
  const [known, setKnown] = useState<Record<string, string>>({});
  const { data, isFetching } = useQuery({
    queryKey: ['select', list, q, extra],
    queryFn: () => search(q || undefined),
    staleTime: 30_000,
  });
  const rows = data ?? [];
  useEffect(() => {
    if (rows.length) setKnown((k) => ({ ...k, ...Object.fromEntries(rows.map((r) => [r.id, toLabel(r)])) }));
  }, [data]); // eslint-disable-line react-hooks/exhaustive-deps
  const options = rows.map((r) => ({ value: r.id, label: toLabel(r) }));
  // Keep selected values visible with their names.
  const selected = (Array.isArray(props.value) ? props.value : props.value ? [props.value] : []) as string[];
  for (const id of selected) {
    if (!options.some((o) => o.value === id)) options.push({ value: id, label: known[id] ?? valueLabel ?? id });
  }
  return (
    <Select<Value>
      allowClear
      placeholder={placeholder}
      {...props}
      showSearch={{ filterOption: false, onSearch: setInput }}
      onOpenChange={(open) => {
        if (!open) setInput('');
      }}
      options={options}
      loading={isFetching}
      notFoundContent={isFetching ? '…' : undefined}
    />
  );
}

/** Staff, searched by name or number (GET /api/staff?q=…&unitId=…&departmentId=…). */
export function StaffSelect({
  unitId,
  departmentId,
  ...props
}: BaseProps & { unitId?: string | null; departmentId?: string | null; valueLabel?: string }) {
  const { t } = useI18n();
  const extra = { unitId: unitId ?? undefined, departmentId: departmentId ?? undefined };
  return (
    <RemoteSelect
      placeholder={t('输入姓名搜索人员', 'Type a name to find staff')}
      {...props}
      list="/api/staff"
      extra={extra}
      search={(q) => ok(http.GET('/api/staff', { params: { query: { q, pageSize: 50, ...extra } } })).then((p) => p.items)}
      toLabel={(r) => {
        const no = r.employeeNo;
        const dept = r.departmentName ?? r.unitName ?? '';
        return `${r.name}${no ? `（${no}）` : ''}${dept ? ` · ${dept}` : ''}`;
      }}
    />
  );
}

/** Rooms, searched by number or name (GET /api/rooms?q=…&unitId=…&buildingId=…). */
export function RoomSelect({
  unitId,
  buildingId,
  ...props
}: BaseProps & { valueLabel?: string; unitId?: string | null; buildingId?: string | null }) {
  const { t } = useI18n();
  const extra = { unitId: unitId ?? undefined, buildingId: buildingId ?? undefined };
  return (
    <RemoteSelect
      placeholder={t('输入房间号搜索', 'Type a room number')}
      {...props}
      list="/api/rooms"
      extra={extra}
      search={(q) => ok(http.GET('/api/rooms', { params: { query: { q, pageSize: 50, ...extra } } })).then((p) => p.items)}
      toLabel={(r) => {
        const where = [r.compoundName, r.buildingName].filter(Boolean).join(' ');
        const name = r.name && r.name !== r.code ? `${r.code} ${r.name}` : r.code;
        return where ? `${where} ${name}` : name;
      }}
    />
  );
}

interface CategoryNode {
  id: string;
  code: string;
  name: string;
  children?: CategoryNode[];
}
interface TreeNode {
  value: string;
  title: string;
  children?: TreeNode[];
}
const toTree = (nodes: CategoryNode[]): TreeNode[] =>
  nodes.map((n) => ({ value: n.id, title: `${n.code} ${n.name}`, children: n.children?.length ? toTree(n.children) : undefined }));

/** The asset category tree of an edition (GET /api/categories/tree?edition=…), searchable by code or name. */
export function CategoryTreeSelect({ edition, ...props }: Omit<TreeSelectProps<string>, 'treeData' | 'loading'> & { edition?: string }) {
  const { t } = useI18n();
  const { data, isLoading } = useQuery({
    queryKey: ['select', 'categories', edition],
    queryFn: () => ok(http.GET('/api/categories/tree', { params: { query: { edition: edition as Edition | undefined } } })),
    staleTime: 10 * 60_000,
  });
  const treeData = useMemo(() => toTree(itemsOf<CategoryNode>(data)), [data]);
  return (
    <TreeSelect<string>
      placeholder={t('选择资产分类', 'Select a category')}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      {...props}
      treeData={treeData}
      loading={isLoading}
    />
  );
}
