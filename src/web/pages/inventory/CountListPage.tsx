import { useState } from 'react';
import { Button, Checkbox, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { COUNT_REASONS, COUNT_STATUSES, type CountReason, type CountSummary } from '../../../shared/inventory.contracts.ts';
import { listCounts, listUsers, planCount } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { CategoryTreeSelect, RoomSelect, UnitSelect } from '../../components/selects.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';

const statusColor: Record<string, string> = { planned: 'default', counting: 'processing', closed: 'success' };

/** 清查盘点: the counts the user may see, and the plan form (committee: any units; a unit: its own). */
export default function CountListPage() {
  const { t } = useI18n();
  const session = useSession();
  const [q, setQ] = useState('');
  const [planning, setPlanning] = useState(false);
  // ?mine=true (the workspace's "counts assigned to me"): shown as a tag, closed to see all.
  const [params, setParams] = useSearchParams();
  const mine = params.get('mine') === 'true' ? 'true' : undefined;
  const list = useQuery({
    queryKey: ['counts', q, mine],
    queryFn: () => listCounts({ q, mine }),
  });
  return (
    <>
      <PageHeader
        title={t('清查盘点', 'Physical counts')}
        extra={
          session.can('count.plan') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPlanning(true)}>
              {t('计划盘点', 'Plan a count')}
            </Button>
          )
        }
      />
      <Input.Search
        allowClear
        placeholder={t('按名称搜索', 'Search by title')}
        style={{ maxWidth: 320, marginBottom: 12 }}
        onSearch={setQ}
      />
      {mine && (
        <Tag color="blue" closable style={{ marginLeft: 8 }} onClose={() => setParams({}, { replace: true })} data-testid="filter-mine">
          {t('派给我的未完成盘点', 'Open counts assigned to me')}
        </Tag>
      )}
      <Table<CountSummary>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items}
        pagination={{ pageSize: 20 }}
        columns={[
          { title: t('盘点任务', 'Count'), dataIndex: 'title', render: (v, r) => <Link to={`/counts/${r.id}`}>{v}</Link> },
          {
            title: t('原因', 'Reason'),
            dataIndex: 'reason',
            render: (v: keyof typeof COUNT_REASONS) => t(COUNT_REASONS[v][0], COUNT_REASONS[v][1]),
          },
          { title: t('单位', 'Units'), dataIndex: 'unitNames', render: (v: string[]) => v.join('、') },
          { title: t('基准日', 'Base date'), dataIndex: 'baseDate' },
          {
            title: t('进度', 'Progress'),
            render: (_, r) => `${r.countedCount} / ${r.expectedCount}`,
          },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (v: keyof typeof COUNT_STATUSES) => <Tag color={statusColor[v]}>{t(COUNT_STATUSES[v][0], COUNT_STATUSES[v][1])}</Tag>,
          },
          { title: t('计划人', 'Planned by'), dataIndex: 'plannedByName' },
        ]}
      />
      {planning && <PlanDialog onClose={() => setPlanning(false)} />}
    </>
  );
}

interface PlanValues {
  title: string;
  reason: CountReason;
  repeatsYearly?: boolean;
  unitIds: string[];
  roomIds?: string[];
  categoryIds?: string[];
  baseDate: Dayjs;
  dueDate?: Dayjs;
  counterIds?: string[];
}

function PlanDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanValues>();
  const unitIds = Form.useWatch('unitIds', form);
  const users = useQuery({
    queryKey: ['select', 'users'],
    queryFn: () => listUsers(),
    enabled: session.can('org.user.read'),
  });
  const { saving, submit } = useFormSubmit(
    form,
    async (v) => {
      const res = await planCount({
        ...v,
        baseDate: v.baseDate.format('YYYY-MM-DD'),
        dueDate: v.dueDate?.format('YYYY-MM-DD'),
      });
      await qc.invalidateQueries({ queryKey: ['counts'] });
      navigate(`/counts/${res.id}`);
      return t('已计划', 'Planned');
    },
    onClose,
  );
  return (
    <Modal open title={t('计划盘点', 'Plan a count')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} width={640}>
      <Form<PlanValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ reason: 'annual', unitIds: session.me.unitId ? [session.me.unitId] : [] }}
      >
        <Form.Item name="title" label={t('名称', 'Title')} rules={[{ required: true, min: 2 }]}>
          <Input placeholder={t('例如：2026 年度资产清查', 'e.g. 2026 annual count')} />
        </Form.Item>
        <Form.Item name="reason" label={t('盘点原因', 'Reason')} rules={[{ required: true }]}>
          <Select options={Object.entries(COUNT_REASONS).map(([value, l]) => ({ value, label: t(l[0], l[1]) }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['reason']}>
          {() =>
            form.getFieldValue('reason') === 'annual' && (
              <Form.Item name="repeatsYearly" valuePropName="checked">
                <Checkbox data-testid="count-repeats">
                  {t('每年重复（结束后自动计划下一年度的清查）', "Repeat yearly (closing plans next year's count)")}
                </Checkbox>
              </Form.Item>
            )
          }
        </Form.Item>
        <Form.Item name="unitIds" label={t('盘点单位', 'Units')} rules={[{ required: true }]}>
          <UnitSelect mode="multiple" />
        </Form.Item>
        <Form.Item name="roomIds" label={t('限定房间（可选）', 'Only these rooms (optional)')}>
          <RoomSelect mode="multiple" unitId={unitIds?.length === 1 ? unitIds[0] : undefined} />
        </Form.Item>
        <Form.Item name="categoryIds" label={t('限定资产分类（可选）', 'Only these categories (optional)')}>
          <CategoryTreeSelect multiple allowClear />
        </Form.Item>
        <Form.Item name="baseDate" label={t('基准日', 'Base date')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="dueDate" label={t('截止日期', 'Due date')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="counterIds" label={t('盘点人（第一位为组长）', 'Counters (the first leads)')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            loading={users.isLoading}
            options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
