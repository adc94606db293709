import { useEffect, useState, type ReactNode } from 'react';
import { App, Button, Card, Checkbox, Col, Input, Popover, Radio, Row, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, FilterOutlined, SettingOutlined, StarOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { ListId, ListSettings } from '../../shared/prefs.contracts.ts';
import { http, ok } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from './errors.ts';

// Lists people shape: each user's columns (order, visibility, width), density, page size and filter
// panel, and saved filters, kept on the server (GET/PUT /api/list-settings/:listId, /api/saved-filters).

type ColumnLike = { key?: React.Key; dataIndex?: unknown; title?: React.ReactNode; width?: number | string };
const keyOf = (c: ColumnLike) => String(c.key ?? c.dataIndex ?? '');

const settingsKey = (listId?: ListId) => ['list-settings', listId ?? ''] as const;

/**
 * The user's settings of a list and a function to change some of them (saved at once). Without a
 * list key (a list that has not opted in) nothing is fetched and nothing saved.
 */
export function useListSettings(listId: ListId | undefined) {
  const qc = useQueryClient();
  const key = settingsKey(listId);
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => ok(http.GET('/api/list-settings/{listId}', { params: { path: { listId: listId! } } })),
    staleTime: 60_000,
    enabled: !!listId,
  });
  // A change shows at once: the query cache tells its observers a tick later, after a click's
  // controlled checkbox has already been put back, so the change is held here until the cache has it.
  const [changed, setChanged] = useState<ListSettings>();
  useEffect(() => setChanged(undefined), [data]);
  const settings: ListSettings = changed ?? data ?? {};
  const save = async (change: Partial<ListSettings>) => {
    if (!listId) return;
    const next = { ...settings, ...change };
    setChanged(next);
    qc.setQueryData(key, next);
    await ok(http.PUT('/api/list-settings/{listId}', { params: { path: { listId } }, body: next }));
  };
  return { settings, save, loaded: !listId || data !== undefined };
}

/** The columns in the user's order, without the hidden ones, with their widths. */
export function applyColumns<T>(columns: TableColumnsType<T>, settings: ListSettings): TableColumnsType<T> {
  if (!settings.columns?.length) return columns;
  const byKey = new Map(columns.map((c) => [keyOf(c as ColumnLike), c]));
  const named = settings.columns.filter((s) => byKey.has(s.key));
  const rest = columns.filter((c) => !named.some((s) => s.key === keyOf(c as ColumnLike)));
  return [
    ...named.filter((s) => s.visible).map((s) => ({ ...byKey.get(s.key)!, ...(s.width ? { width: s.width } : {}) })),
    ...rest,
  ] as TableColumnsType<T>;
}

/** 列设置: columns (show, order, width), density and page size. */
export function ListSettingsButton<T>({
  columns,
  settings,
  save,
  onPageSize,
  loaded = true,
  defaultDensity = 'middle',
}: {
  /** The density the list has when the user chose none. */
  defaultDensity?: NonNullable<ListSettings['density']>;
  /** False until the user's settings arrived (a change before would be overwritten by them). */
  loaded?: boolean;
  columns: TableColumnsType<T>;
  settings: ListSettings;
  save: (change: Partial<ListSettings>) => Promise<void>;
  onPageSize?: (n: number) => void;
}) {
  const { t } = useI18n();
  const all = columns.map((c) => ({ key: keyOf(c as ColumnLike), title: (c as ColumnLike).title, width: (c as ColumnLike).width }));
  const current = (settings.columns?.length ? settings.columns : []).filter((s) => all.some((a) => a.key === s.key));
  const list = [
    ...current,
    ...all.filter((a) => !current.some((s) => s.key === a.key)).map((a) => ({ key: a.key, visible: true, width: undefined })),
  ];
  const set = (next: typeof list) =>
    void save({ columns: next.map((c) => ({ key: c.key, visible: c.visible, ...(c.width ? { width: c.width } : {}) })) });
  const move = (i: number, d: -1 | 1) => {
    const next = [...list];
    const [c] = next.splice(i, 1);
    next.splice(i + d, 0, c);
    set(next);
  };
  const content = (
    <div style={{ width: 320 }} data-testid="list-settings">
      <Typography.Text strong>{t('列', 'Columns')}</Typography.Text>
      <div style={{ maxHeight: 300, overflowY: 'auto', margin: '4px 0 8px' }}>
        {list.map((c, i) => {
          const col = all.find((a) => a.key === c.key)!;
          return (
            <div key={c.key} style={{ display: 'flex', alignItems: 'center', gap: 4, padding: '2px 0' }}>
              <Checkbox
                checked={c.visible}
                onChange={(e) => set(list.map((x) => (x.key === c.key ? { ...x, visible: e.target.checked } : x)))}
                style={{ flex: 1 }}
              >
                {col.title}
              </Checkbox>
              <Input
                size="small"
                style={{ width: 64 }}
                placeholder={String(col.width ?? '')}
                defaultValue={c.width}
                suffix="px"
                onBlur={(e) => {
                  const w = Number(e.target.value);
                  set(list.map((x) => (x.key === c.key ? { ...x, width: w >= 40 && w <= 800 ? w : undefined } : x)));
                }}
              />
              <Button size="small" type="text" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => move(i, -1)} />
              <Button size="small" type="text" icon={<ArrowDownOutlined />} disabled={i === list.length - 1} onClick={() => move(i, 1)} />
            </div>
          );
        })}
      </div>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <span>{t('密度', 'Density')}</span>
          <Radio.Group
            size="small"
            value={settings.density ?? defaultDensity}
            onChange={(e) => void save({ density: e.target.value })}
            options={[
              { value: 'small', label: t('紧凑', 'Compact') },
              { value: 'middle', label: t('标准', 'Standard') },
              { value: 'large', label: t('宽松', 'Loose') },
            ]}
            optionType="button"
          />
        </Space>
        <Space>
          <span>{t('每页条数', 'Page size')}</span>
          <Select
            size="small"
            style={{ width: 100 }}
            value={settings.pageSize ?? 20}
            options={[10, 20, 50, 100, 200].map((n) => ({ value: n, label: `${n}` }))}
            onChange={(n) => {
              void save({ pageSize: n });
              onPageSize?.(n);
            }}
          />
        </Space>
        <Button size="small" onClick={() => void save({ columns: undefined, density: undefined, pageSize: undefined })}>
          {t('恢复默认', 'Reset')}
        </Button>
      </Space>
    </div>
  );
  return (
    <Popover trigger="click" content={content} placement="bottomRight">
      <Button icon={<SettingOutlined />} data-testid="list-settings-button" disabled={!loaded}>
        {t('列设置', 'Columns')}
      </Button>
    </Popover>
  );
}

/** 常用筛选: apply a saved one (an invalid one says why and cannot be applied), save the current filter. */
export function SavedFilters({
  listId,
  current,
  onApply,
}: {
  listId: ListId;
  current: Record<string, unknown>;
  onApply: (filter: Record<string, unknown>) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const key = ['saved-filters', listId];
  const { data } = useQuery({ queryKey: key, queryFn: () => ok(http.GET('/api/saved-filters', { params: { query: { listId } } })) });
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const items = data?.items ?? [];
  const saveCurrent = async () => {
    try {
      await ok(http.POST('/api/saved-filters', { body: { listId, name, filter: current as Record<string, string>, shared } }));
      setName('');
      message.success(t('已保存', 'Saved'));
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const remove = async (id: string) => {
    try {
      await ok(http.DELETE('/api/saved-filters/{id}', { params: { path: { id } } }));
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  return (
    <Space wrap>
      <Select
        style={{ width: 200 }}
        placeholder={t('常用筛选', 'Saved filters')}
        data-testid="saved-filters"
        value={null}
        onChange={(id) => {
          const f = items.find((x) => x.id === id);
          if (f && !f.invalid) onApply(f.filter);
        }}
        options={items.map((f) => ({
          value: f.id,
          disabled: !!f.invalid,
          label: (
            <Tooltip title={f.invalid ? t(`已失效：${f.invalid}`, `No longer valid: ${f.invalid}`) : undefined}>
              <span style={{ color: f.invalid ? '#999' : undefined }}>
                {f.name}
                {f.shared ? t('（本单位）', ' (unit)') : ''}
                {f.invalid ? t(`（已失效：${f.invalid}）`, ` (invalid: ${f.invalid})`) : ''}
              </span>
              {f.mine && (
                <a
                  style={{ float: 'right' }}
                  onClick={(e) => {
                    e.stopPropagation();
                    void remove(f.id);
                  }}
                >
                  {t('删除', 'Delete')}
                </a>
              )}
            </Tooltip>
          ),
        }))}
      />
      <Popover
        trigger="click"
        content={
          <Space direction="vertical">
            <Input placeholder={t('名称', 'Name')} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
            <Space>
              <Switch size="small" checked={shared} onChange={setShared} />
              {t('与本单位共享', 'Share with my unit')}
            </Space>
            <Button type="primary" size="small" disabled={!name.trim()} onClick={() => void saveCurrent()}>
              {t('保存当前筛选', 'Save the current filter')}
            </Button>
          </Space>
        }
      >
        <Button icon={<StarOutlined />} data-testid="save-filter">
          {t('保存筛选', 'Save filter')}
        </Button>
      </Popover>
    </Space>
  );
}

/** One filter of a list, kept in the URL under its key (and in saved filters under the same key). */
export interface ListFilterField {
  key: string;
  /** Its name, on the panel and on its tag. */
  label: string;
  /** The panel's control for it; a filter without one (a workspace link's) shows only as a tag. */
  control?: (value: string | undefined, set: (value?: string) => void) => ReactNode;
  /** How an active value reads on its tag (default: the value). */
  text?: (value: string) => ReactNode;
}

/**
 * A list's filter panel, generic over a list key: 展开/收起 remembered on the server, the active
 * filters as closable tags (shown whether the panel is open or not), saved filters (personal or shared
 * with the unit; an invalid one says why), and 清除. The filters live in the URL, so a link opens a
 * filtered list and the table (ServerTable) reads them from there.
 */
export function ListFilterBar({ listId, fields, extra }: { listId: ListId; fields: ListFilterField[]; extra?: ReactNode }) {
  const { t } = useI18n();
  const { settings, save, loaded } = useListSettings(listId);
  const [params, setParams] = useSearchParams();
  const open = settings.filtersOpen !== false;
  const values: Record<string, string> = {};
  for (const f of fields) {
    const v = params.get(f.key);
    if (v) values[f.key] = v;
  }
  const replace = (change: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(change)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  const set = (key: string) => (value?: string) => replace({ [key]: value });
  const apply = (filter: Record<string, unknown>) =>
    replace(Object.fromEntries(fields.map((f) => [f.key, typeof filter[f.key] === 'string' ? (filter[f.key] as string) : undefined])));
  const active = fields.filter((f) => values[f.key]);
  const controls = fields.filter((f) => f.control);
  return (
    <div style={{ marginBottom: 12 }} data-testid={`filters-${listId}`}>
      <Space wrap style={{ marginBottom: open ? 8 : 0 }}>
        <Button icon={<FilterOutlined />} data-testid="filters-toggle" disabled={!loaded} onClick={() => void save({ filtersOpen: !open })}>
          {open ? t('收起筛选', 'Hide filters') : t('展开筛选', 'Show filters')}
          {active.length ? `（${active.length}）` : ''}
        </Button>
        {active.map((f) => (
          <Tag key={f.key} color="blue" closable onClose={() => set(f.key)()} data-testid={`filter-tag-${f.key}`}>
            {f.label}：{f.text ? f.text(values[f.key]) : values[f.key]}
          </Tag>
        ))}
        {active.length > 1 && (
          <Button type="link" size="small" onClick={() => apply({})}>
            {t('清除筛选', 'Clear filters')}
          </Button>
        )}
        <SavedFilters listId={listId} current={values} onApply={apply} />
        {extra}
      </Space>
      {open && controls.length > 0 && (
        <Card size="small">
          <Row gutter={[16, 8]}>
            {controls.map((f) => (
              <Col key={f.key} xs={24} sm={12} lg={6}>
                <div style={{ marginBottom: 2, color: 'rgba(0,0,0,0.65)' }}>{f.label}</div>
                {f.control!(values[f.key], set(f.key))}
              </Col>
            ))}
          </Row>
        </Card>
      )}
    </div>
  );
}
