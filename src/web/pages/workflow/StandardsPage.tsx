import { useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { formatYuan } from '../../../shared/money.ts';
import type { AreaCapTier, Standard } from '../../../shared/standards.contracts.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Money, YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { businessDay, formatDateTime } from '../../lib/dates.ts';
import { saveStandard, useStandardHistory, useStandards } from './api.ts';

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
  seniorRatio?: number | null;
  seniorCapFen?: number | null;
  areaCaps: AreaCapTier[];
  categoryCodes: string[];
  effectiveFrom: Dayjs;
  note?: string;
}

const FIELD_LABELS: Record<string, [string, string]> = {
  name: ['名称', 'Name'],
  capFen: ['价格上限', 'Price cap'],
  minLifeMonths: ['最低使用年限（月）', 'Minimum life (months)'],
  quota: ['数量标准', 'Quota'],
  categoryCodes: ['适用分类代码', 'Category codes'],
  matchAttributes: ['适用属性', 'Attributes'],
  rankCaps: ['按职级上限', 'Caps by rank'],
  areaCaps: ['按会议室面积上限', 'Caps by room area'],
  minLifeCopies: ['最低复印张数', 'Minimum copies'],
};
/** 司局级 and above (27号's higher tier); 局级以下 takes the general cap. */
const SENIOR = ['municipal_head', 'municipal_deputy', 'bureau_head', 'bureau_deputy'] as const;
const attrText = (a: Standard['matchAttributes']) =>
  [a.paperSize, a.colour === undefined ? undefined : a.colour ? '彩色' : '黑白'].filter(Boolean).join(' ');
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
  const { data, refetch } = useStandards();
  const [editing, setEditing] = useState<Standard | null>(null);
  const [historyOf, setHistoryOf] = useState<Standard | null>(null);
  const history = useStandardHistory(historyOf?.code);
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
      seniorRatio: s.quota.rankRatios?.bureau_head ?? null,
      seniorCapFen: s.rankCaps.bureau_head ?? null,
      areaCaps: s.areaCaps,
      categoryCodes: s.categoryCodes,
      effectiveFrom: businessDay(),
      note: s.note ?? undefined,
    });
  };
  const save = async () => {
    const v = await form.validateFields();
    const given = (x: number | null | undefined): x is number => x !== null && x !== undefined;
    const { seniorRatio, seniorCapFen } = v;
    const quota =
      editing!.quota.kind === 'copier'
        ? editing!.quota
        : !given(v.ratio)
          ? { kind: 'none' as const }
          : {
              ...editing!.quota,
              kind: 'per_staff' as const,
              ratio: v.ratio,
              ...(given(v.classifiedRatio) ? { classifiedRatio: v.classifiedRatio } : {}),
              ...(given(seniorRatio) ? { rankRatios: Object.fromEntries(SENIOR.map((r) => [r, seniorRatio])) } : {}),
            };
    const rankCaps = given(seniorCapFen) ? Object.fromEntries(SENIOR.map((r) => [r, seniorCapFen])) : {};
    try {
      await saveStandard(editing!.code, {
        name: v.name,
        capFen: v.capFen,
        minLifeMonths: v.minLifeMonths,
        quota,
        rankCaps,
        ...(editing!.areaCaps.length ? { areaCaps: v.areaCaps } : {}),
        categoryCodes: v.categoryCodes,
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
            key: 'codes',
            render: (_, s) => (
              <>
                {s.categoryCodes.map((k) => (
                  <Tag key={k}>{k}</Tag>
                ))}
                {attrText(s.matchAttributes) && <Tag color="purple">{attrText(s.matchAttributes)}</Tag>}
              </>
            ),
          },
          {
            title: t('价格上限', 'Price cap'),
            key: 'cap',
            width: 200,
            align: 'right',
            render: (_, s) =>
              s.areaCaps.length ? (
                s.areaCaps.map((a) => (
                  <div key={String(a.maxM2)}>
                    {a.maxM2 === null ? t('其余', 'above') : `≤${a.maxM2} m²`}：<Money fen={a.fenPerM2} />
                    /m²
                  </div>
                ))
              ) : s.rankCaps.bureau_head !== undefined ? (
                <>
                  <div>
                    {t('局级', 'Bureau')}：<Money fen={s.rankCaps.bureau_head} />
                  </div>
                  <div>
                    {t('局级以下', 'Below')}：<Money fen={s.capFen} />
                  </div>
                </>
              ) : (
                <Money fen={s.capFen} />
              ),
          },
          {
            title: t('最低年限', 'Min life'),
            dataIndex: 'minLifeMonths',
            width: 90,
            render: (v, s) =>
              v
                ? `${v / 12} ${t('年', 'y')}${s.minLifeCopies ? ` ${t('或', 'or')} ${s.minLifeCopies.toLocaleString()} ${t('张', 'copies')}` : ''}`
                : '—',
          },
          {
            title: t('数量标准', 'Quota'),
            dataIndex: 'quota',
            width: 170,
            render: (q: Standard['quota']) =>
              q.kind === 'copier'
                ? t(
                    `${q.firstStaff} 人以内每 ${q.perFirst} 人 1 台，以上每 ${q.perAbove} 人 1 台`,
                    `1 per ${q.perFirst} up to ${q.firstStaff}, then 1 per ${q.perAbove}`,
                  )
                : q.kind === 'per_staff'
                  ? `${t('编制人数', 'staff')} × ${Math.round((q.ratio ?? 0) * 100)}%${q.classifiedRatio ? `（${t('涉密', 'classified')} ${Math.round(q.classifiedRatio * 100)}%）` : ''}${q.rankRatios?.bureau_head ? `（${t('局级', 'bureau')} ×${q.rankRatios.bureau_head}）` : ''}`
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
          <Form.Item
            name="categoryCodes"
            label={t('适用分类代码（GB/T 14885 两版代码前缀）', 'Category codes (GB/T 14885 prefixes, either edition)')}
            rules={[{ required: true }]}
          >
            <Select mode="tags" />
          </Form.Item>
          {editing && editing.areaCaps.length > 0 ? (
            <Form.List name="areaCaps">
              {(fields) =>
                fields.map((f, i) => (
                  <Form.Item
                    key={f.key}
                    name={[f.name, 'fenPerM2']}
                    label={
                      editing.areaCaps[i]?.maxM2 === null
                        ? t('其余面积：每平方米上限（元）', 'Larger rooms: cap per m² (yuan)')
                        : `${t('会议室面积', 'Room area')} ≤ ${editing.areaCaps[i]?.maxM2} m²：${t('每平方米上限（元）', 'cap per m² (yuan)')}`
                    }
                  >
                    <YuanInput min={0} />
                  </Form.Item>
                ))
              }
            </Form.List>
          ) : (
            <>
              <Form.Item name="capFen" label={t('价格上限（元；按职级时为局级以下）', 'Price cap (yuan; below bureau when by rank)')}>
                <YuanInput min={0} />
              </Form.Item>
              {Object.keys(editing?.rankCaps ?? {}).length > 0 && (
                <Form.Item
                  name="seniorCapFen"
                  label={t('局级及以上价格上限（元，空为不分职级）', 'Cap for bureau level and above (empty: one cap)')}
                >
                  <YuanInput min={0} />
                </Form.Item>
              )}
            </>
          )}
          <Form.Item name="minLifeMonths" label={t('最低使用年限（月）', 'Minimum life (months)')}>
            <InputNumber min={0} max={1200} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="ratio" label={t('数量上限：编制人数的比例（空为不限）', 'Quota: share of establishment staff (empty: none)')}>
            <InputNumber min={0} max={10} step={0.05} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="classifiedRatio" label={t('涉密单位比例', 'Ratio for classified units')}>
            <InputNumber min={0} max={10} step={0.05} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="seniorRatio" label={t('局级及以上每人数量（空为同上）', 'Per bureau-level person (empty: same)')}>
            <InputNumber min={0} max={10} step={1} style={{ width: '100%' }} />
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
