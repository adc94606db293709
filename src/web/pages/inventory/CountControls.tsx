import { useState } from 'react';
import { App, Button, Card, Checkbox, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { VALUE_BASES, type CountDetail, type ResultLine, type ValueBasis } from '../../../shared/inventory.contracts.ts';
import { countProgress, createRecount, listRecounts, listUsers, registerSurplus, setAssignments } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { YuanInput } from '../../components/Money.tsx';
import { CategoryTreeSelect, UnitSelect } from '../../components/selects.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';

/**
 * 分工: the count's rooms with their expected and counted cards and a counter per room; saving
 * replaces the split (each counter then downloads only their rooms). Progress per counter above it.
 */
export function AssignmentsCard({ count }: { count: CountDetail }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const progress = useQuery({
    queryKey: ['count', count.id, 'progress'],
    queryFn: () => countProgress(count.id),
    enabled: count.status !== 'planned',
    refetchInterval: 10_000,
  });
  const [edits, setEdits] = useState<Record<string, string | undefined>>({});
  const [saving, setSaving] = useState(false);
  if (count.status === 'planned' || !progress.data) return null;
  const rooms = progress.data.byRoom.filter((r) => r.roomId);
  const counterOf = (roomId: string, current: string | null) => (roomId in edits ? edits[roomId] : (current ?? undefined));
  const save = async () => {
    const byUser = new Map<string, string[]>();
    for (const r of rooms) {
      const u = counterOf(r.roomId!, r.counterId);
      if (u) byUser.set(u, [...(byUser.get(u) ?? []), r.roomId!]);
    }
    setSaving(true);
    try {
      const res = await setAssignments(count.id, {
        assignments: [...byUser].map(([userId, roomIds]) => ({ userId, roomIds })),
      });
      message.success(t(`已分配 ${res.rooms} 个房间`, `${res.rooms} rooms assigned`));
      setEdits({});
      await qc.invalidateQueries({ queryKey: ['count', count.id] });
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card
      size="small"
      title={t('分工与进度', 'Split and progress')}
      style={{ margin: '12px 0' }}
      extra={
        count.can.plan && (
          <Button type="primary" size="small" loading={saving} onClick={save} data-testid="assignments-save">
            {t('保存分工', 'Save the split')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        {progress.data.byCounter.map((c) => (
          <Tag key={c.userId}>
            {c.name}
            {c.lead ? t('（组长）', ' (lead)') : ''}：{c.counted}/{c.expected}，{t(`${c.rooms} 个房间`, `${c.rooms} rooms`)}
          </Tag>
        ))}
      </Space>
      <Table
        rowKey={(r) => r.roomId ?? 'none'}
        size="small"
        pagination={{ pageSize: 20 }}
        dataSource={rooms}
        data-testid="assignments"
        columns={[
          { title: t('房间', 'Room'), dataIndex: 'roomName' },
          { title: t('账面数', 'Expected'), dataIndex: 'expected', align: 'right' },
          { title: t('已盘', 'Counted'), dataIndex: 'counted', align: 'right' },
          {
            title: t('盘点人', 'Counter'),
            key: 'counter',
            width: 220,
            render: (_, r) =>
              count.can.plan ? (
                <Select
                  allowClear
                  size="small"
                  style={{ width: 200 }}
                  placeholder={t('未分配', 'Unassigned')}
                  value={counterOf(r.roomId!, r.counterId)}
                  onChange={(v) => setEdits((e) => ({ ...e, [r.roomId!]: v }))}
                  options={count.counters.map((c) => ({ value: c.userId, label: c.name }))}
                  data-testid={`assign-${r.roomName}`}
                />
              ) : (
                (r.counterName ?? '—')
              ),
          },
        ]}
      />
    </Card>
  );
}

/** 复盘: the recounts ordered, and a new one of the current discrepancies by another person (blind by default). */
export function RecountCard({ count }: { count: CountDetail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [counterId, setCounterId] = useState<string>();
  const [blind, setBlind] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const recounts = useQuery({
    queryKey: ['count', count.id, 'recounts'],
    queryFn: () => listRecounts(count.id),
    enabled: count.status !== 'planned',
  });
  const users = useQuery({
    queryKey: ['select', 'users'],
    queryFn: () => listUsers(),
    enabled: count.can.plan,
  });
  if (count.status === 'planned') return null;
  return (
    <Card size="small" title={t('复盘', 'Recount')} style={{ margin: '12px 0' }}>
      {count.can.plan && (
        <Space wrap style={{ marginBottom: 8 }}>
          <Select
            showSearch
            optionFilterProp="label"
            style={{ width: 260 }}
            placeholder={t('复盘人（初盘以外的人员）', 'Recounter (not a first counter)')}
            value={counterId}
            onChange={(v) => {
              setCounterId(v);
              setProblem(null);
            }}
            loading={users.isLoading}
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
            data-testid="recount-counter"
          />
          <Checkbox checked={blind} onChange={(e) => setBlind(e.target.checked)} data-testid="recount-blind">
            {t('盲盘（复盘人看不到账面地点）', 'Blind (no book room shown)')}
          </Checkbox>
          <ConfirmButton
            disabled={!counterId}
            confirm={t('将当前盘亏与异位的资产交由该人员复盘？', 'Hand the current discrepancies to this person?')}
            onConfirm={async () => {
              try {
                if (counterId) await createRecount(count.id, { counterId, blind });
                setProblem(null);
                await qc.invalidateQueries({ queryKey: ['count', count.id] });
              } catch (e) {
                setProblem((e as Error).message);
                throw e;
              }
            }}
            successMessage={t('已安排复盘', 'Recount ordered')}
            data-testid="recount-create"
          >
            {t('安排复盘', 'Order a recount')}
          </ConfirmButton>
          {problem && <span style={{ color: '#cf1322' }}>{problem}</span>}
        </Space>
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={recounts.data?.items ?? []}
        data-testid="recounts"
        columns={[
          { title: t('复盘人', 'Recounter'), dataIndex: 'counterName' },
          { title: t('方式', 'Mode'), dataIndex: 'blind', render: (b: boolean) => (b ? t('盲盘', 'Blind') : t('明盘', 'Open')) },
          { title: t('资产数', 'Cards'), dataIndex: 'cards', align: 'right' },
          { title: t('已复盘', 'Recounted'), dataIndex: 'counted', align: 'right' },
          { title: t('安排时间', 'Ordered'), dataIndex: 'createdAt' },
        ]}
      />
    </Card>
  );
}

interface SurplusForm {
  unitId: string;
  categoryId: string;
  name: string;
  valueFen: number;
  valueBasis: ValueBasis;
  explanation: string;
}

/**
 * 登记盘盈: a surplus found by a counter gets its unit, category, name, value and value basis and the
 * explanation; closing the count turns each registered surplus into a 盘盈 registration document.
 */
export function SurplusButton({ count, line }: { count: CountDetail; line: ResultLine }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<SurplusForm>();
  const showErrors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  if (!line.scanKey || !count.can.plan || count.status !== 'counting') return null;
  const submit = async (v: SurplusForm) => {
    setSaving(true);
    try {
      await registerSurplus(count.id, { ...v, scanKey: line.scanKey! });
      message.success(t('盘盈资产已登记，结束盘点时生成盘盈入账单', 'Registered; the close creates its registration document'));
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ['count', count.id] });
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" type="link" onClick={() => setOpen(true)} data-testid={`surplus-${line.scanKey}`}>
        {line.registered ? t('修改盘盈登记', 'Edit registration') : t('登记盘盈', 'Register')}
      </Button>
      {open && (
        <Modal
          open
          title={t('登记盘盈资产', 'Register a surplus')}
          onCancel={() => setOpen(false)}
          onOk={() => form.submit()}
          okButtonProps={{ loading: saving, 'data-testid': 'surplus-save' } as never}
        >
          <Form<SurplusForm>
            form={form}
            layout="vertical"
            onFinish={submit}
            initialValues={{
              name: line.name ?? '',
              valueBasis: 'replacement',
              unitId: count.unitIds.length === 1 ? count.unitIds[0] : undefined,
            }}
          >
            <Form.Item name="unitId" label={t('入账单位', 'Unit')} rules={[{ required: true }]}>
              <UnitSelect />
            </Form.Item>
            <Form.Item name="categoryId" label={t('资产分类', 'Category')} rules={[{ required: true }]}>
              <CategoryTreeSelect />
            </Form.Item>
            <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true, max: 120 }]}>
              <Input />
            </Form.Item>
            <Space wrap>
              <Form.Item name="valueBasis" label={t('计价依据', 'Value basis')} rules={[{ required: true }]}>
                <Select
                  style={{ width: 180 }}
                  options={Object.entries(VALUE_BASES).map(([k, v]) => ({ value: k, label: t(v[0], v[1]) }))}
                  onChange={(b) => b === 'nominal' && form.setFieldValue('valueFen', 100)}
                />
              </Form.Item>
              <Form.Item name="valueFen" label={t('价值（元）', 'Value (yuan)')} rules={[{ required: true }]}>
                <YuanInput style={{ width: 160 }} />
              </Form.Item>
            </Space>
            <Form.Item
              name="explanation"
              label={t('情况说明（来源、发现经过）', 'Explanation')}
              rules={[{ required: true, min: 4, max: 1000 }]}
            >
              <Input.TextArea rows={3} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
