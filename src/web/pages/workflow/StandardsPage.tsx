import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { formatYuan } from '../../../shared/money.ts';
import type { Standard } from '../../../shared/workflow.contracts.ts';
import { api } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Money, YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { formatDateTime } from '../../components/dateTime.ts';

interface HistoryEntry {
  id: number;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  effectiveFrom: string;
  changedByName: string | null;
  changedAt: string;
}
interface EditValues {
  name: string;
  capFen: number | null;
  minLifeMonths: number | null;
  ratio?: number | null;
  classifiedRatio?: number | null;
  categoryKeywords: string[];
  effectiveFrom: Dayjs;
  note?: string;
}

const FIELD_LABELS: Record<string, [string, string]> = {
  name: ['名称', 'Name'],
  capFen: ['价格上限', 'Price cap'],
  minLifeMonths: ['最低使用年限（月）', 'Minimum life (months)'],
  quota: ['数量标准', 'Quota'],
  categoryKeywords: ['适用分类', 'Categories'],
};
const show = (field: string, v: unknown) =>
  v === null || v === undefined
    ? '—'
    : field === 'capFen'
      ? `¥${formatYuan(Number(v))}`
      : typeof v === 'object'
        ? JSON.stringify(v)
        : String(v);

/** 配置标准: the central defaults or this jurisdiction's edits, with the history of every change. */
export default function StandardsPage() {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const { can } = useSession();
  const { data, refetch } = useQuery({ queryKey: ['standards'], queryFn: () => api.get<{ items: Standard[] }>('/api/standards') });
  const [editing, setEditing] = useState<Standard | null>(null);
  const [historyOf, setHistoryOf] = useState<Standard | null>(null);
  const history = useQuery({
    queryKey: ['standard-history', historyOf?.code],
    enabled: !!historyOf,
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/api/standards/${historyOf!.code}/history`),
  });
  const [form] = Form.useForm<EditValues>();
  const showError = useFormErrors(form);
  const open = (s: Standard) => {
    setEditing(s);
    form.setFieldsValue({
      name: s.name,
      capFen: s.capFen,
      minLifeMonths: s.minLifeMonths,
      ratio: s.quota.ratio ?? null,
      classifiedRatio: s.quota.classifiedRatio ?? null,
      categoryKeywords: s.categoryKeywords,
      effectiveFrom: dayjs(),
      note: s.note ?? undefined,
    });
  };
  const save = async () => {
    const v = await form.validateFields();
    const quota =
      v.ratio === null || v.ratio === undefined
        ? { kind: 'none' as const }
        : {
            ...editing!.quota,
            kind: 'per_staff' as const,
            ratio: v.ratio,
            ...(v.classifiedRatio !== null && v.classifiedRatio !== undefined ? { classifiedRatio: v.classifiedRatio } : {}),
          };
    try {
      await api.put(`/api/standards/${editing!.code}`, {
        name: v.name,
        capFen: v.capFen,
        minLifeMonths: v.minLifeMonths,
        quota,
        categoryKeywords: v.categoryKeywords,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        note: v.note,
      });
      message.success(t('已保存，修改已记入历史', 'Saved; the change is in the history'));
      setEditing(null);
      await refetch();
    } catch (err) {
      showError(err);
    }
  };
  return (
    <>
      <PageHeader
        title={t('配置标准', 'Allocation standards')}
        subTitle={t(
          '财资〔2016〕27号 中央默认值，可按本地标准修改（记录历史）',
          'Central defaults (财资〔2016〕27号), editable locally with history',
        )}
      />
      <Table<Standard>
        rowKey="code"
        size="small"
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('品目', 'Item'), dataIndex: 'name', width: 150 },
          {
            title: t('适用分类', 'Categories'),
            dataIndex: 'categoryKeywords',
            render: (v: string[]) => v.map((k) => <Tag key={k}>{k}</Tag>),
          },
          { title: t('价格上限', 'Price cap'), dataIndex: 'capFen', width: 120, align: 'right', render: (v) => <Money fen={v} /> },
          {
            title: t('最低年限', 'Min life'),
            dataIndex: 'minLifeMonths',
            width: 90,
            render: (v) => (v ? `${v / 12} ${t('年', 'y')}` : '—'),
          },
          {
            title: t('数量标准', 'Quota'),
            dataIndex: 'quota',
            width: 170,
            render: (q: Standard['quota']) =>
              q.kind === 'per_staff'
                ? `${t('编制人数', 'staff')} × ${Math.round((q.ratio ?? 0) * 100)}%${q.classifiedRatio ? `（${t('涉密', 'classified')} ${Math.round(q.classifiedRatio * 100)}%）` : ''}`
                : '—',
          },
          {
            title: t('口径', 'Jurisdiction'),
            dataIndex: 'jurisdiction',
            width: 90,
            render: (v) => (v === 'central' ? <Tag>{t('中央默认', 'Central')}</Tag> : <Tag color="blue">{t('本地', 'Local')}</Tag>),
          },
          { title: t('生效日期', 'Effective'), dataIndex: 'effectiveFrom', width: 110 },
          { title: t('说明', 'Note'), dataIndex: 'note', ellipsis: true },
          {
            key: 'a',
            width: 140,
            render: (_, s) => (
              <>
                {can('standard.write') && (
                  <Button type="link" size="small" onClick={() => open(s)}>
                    {t('修改', 'Edit')}
                  </Button>
                )}
                <Button type="link" size="small" onClick={() => setHistoryOf(s)}>
                  {t('历史', 'History')}
                </Button>
              </>
            ),
          },
        ]}
      />
      <Modal
        open={!!editing}
        title={`${t('修改配置标准', 'Edit standard')}：${editing?.name ?? ''}`}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText={t('保存', 'Save')}
        cancelText={t('取消', 'Cancel')}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="categoryKeywords" label={t('适用分类（名称关键字或代码前缀）', 'Categories (name keyword or code prefix)')}>
            <Select mode="tags" />
          </Form.Item>
          <Form.Item name="capFen" label={t('价格上限（元）', 'Price cap (yuan)')}>
            <YuanInput min={0} />
          </Form.Item>
          <Form.Item name="minLifeMonths" label={t('最低使用年限（月）', 'Minimum life (months)')}>
            <InputNumber min={0} max={1200} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ratio" label={t('数量上限：编制人数的比例（空为不限）', 'Quota: share of establishment staff (empty: none)')}>
            <InputNumber min={0} max={10} step={0.05} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="classifiedRatio" label={t('涉密单位比例', 'Ratio for classified units')}>
            <InputNumber min={0} max={10} step={0.05} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label={t('生效日期', 'Effective from')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('依据/说明', 'Basis / note')}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
      <Drawer
        open={!!historyOf}
        width={640}
        title={`${t('修改历史', 'History')}：${historyOf?.name ?? ''}`}
        onClose={() => setHistoryOf(null)}
      >
        {history.data?.items.length === 0 && (
          <Typography.Text type="secondary">{t('未修改过，使用中央默认值', 'Never edited: the central default applies')}</Typography.Text>
        )}
        <Table<HistoryEntry>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={history.data?.items ?? []}
          columns={[
            {
              title: t('时间', 'When'),
              dataIndex: 'changedAt',
              width: 150,
              render: (v: string) => formatDateTime(v),
            },
            { title: t('修改人', 'Who'), dataIndex: 'changedByName', width: 100 },
            {
              title: t('项目', 'Field'),
              dataIndex: 'field',
              width: 110,
              render: (f: string) => (FIELD_LABELS[f] ? (locale === 'en' ? FIELD_LABELS[f][1] : FIELD_LABELS[f][0]) : f),
            },
            {
              title: t('原值 → 新值', 'Old → new'),
              key: 'v',
              render: (_, h) => `${show(h.field, h.oldValue)} → ${show(h.field, h.newValue)}`,
            },
            { title: t('生效', 'Effective'), dataIndex: 'effectiveFrom', width: 100 },
          ]}
        />
      </Drawer>
    </>
  );
}
