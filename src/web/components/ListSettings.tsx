import { useState } from 'react';
import { App, Button, Checkbox, Input, Popover, Radio, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, SettingOutlined, StarOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListId, ListSettings, SavedFilter } from '../../shared/prefs.contracts.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../app/i18n.tsx';
import { errorText } from './errors.ts';

// Lists people shape: each user's columns (order, visibility, width), density, page size and filter
// panel, and saved filters, kept on the server (GET/PUT /api/list-settings/:listId, /api/saved-filters).

type Col = { key?: React.Key; dataIndex?: unknown; title?: React.ReactNode; width?: number | string };
const keyOf = (c: Col) => String(c.key ?? c.dataIndex ?? '');

/** The user's settings of a list and a function to change some of them (saved at once). */
export function useListSettings(listId: ListId) {
  const qc = useQueryClient();
  const key = ['list-settings', listId];
  const { data } = useQuery({ queryKey: key, queryFn: () => api.get<ListSettings>(`/api/list-settings/${listId}`), staleTime: 60_000 });
  const settings = data ?? {};
  const save = async (change: Partial<ListSettings>) => {
    const next = { ...settings, ...change };
    qc.setQueryData(key, next);
    await api.put(`/api/list-settings/${listId}`, next);
  };
  return { settings, save, loaded: data !== undefined };
}

/** The columns in the user's order, without the hidden ones, with their widths. */
export function applyColumns<T>(columns: TableColumnsType<T>, settings: ListSettings): TableColumnsType<T> {
  if (!settings.columns?.length) return columns;
  const byKey = new Map(columns.map((c) => [keyOf(c as Col), c]));
  const named = settings.columns.filter((s) => byKey.has(s.key));
  const rest = columns.filter((c) => !named.some((s) => s.key === keyOf(c as Col)));
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
}: {
  /** False until the user's settings arrived (a change before would be overwritten by them). */
  loaded?: boolean;
  columns: TableColumnsType<T>;
  settings: ListSettings;
  save: (change: Partial<ListSettings>) => Promise<void>;
  onPageSize?: (n: number) => void;
}) {
  const { t } = useI18n();
  const all = columns.map((c) => ({ key: keyOf(c as Col), title: (c as Col).title, width: (c as Col).width }));
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
            value={settings.density ?? 'middle'}
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
  const { data } = useQuery({ queryKey: key, queryFn: () => api.get<{ items: SavedFilter[] }>('/api/saved-filters', { listId }) });
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const items = data?.items ?? [];
  const saveCurrent = async () => {
    try {
      await api.post('/api/saved-filters', { listId, name, filter: current, shared });
      setName('');
      message.success(t('已保存', 'Saved'));
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      message.error(errorText(err));
    }
  };
  const remove = async (id: string) => {
    try {
      await api.delete(`/api/saved-filters/${id}`);
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
        <Button icon={<StarOutlined />}>{t('保存筛选', 'Save filter')}</Button>
      </Popover>
    </Space>
  );
}
