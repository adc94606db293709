import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PRIORITIES, SLA_CLOCKS, WORK_ORDER_STATUSES, type WorkOrderView } from '../../../shared/machinerooms.contracts.ts';
import type { Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { formatDateTime } from '../../lib/dates.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { CardPicker } from './CardPicker.tsx';
import { reportWorkOrder, WORK_ORDERS_URL as URL, workOrderStep } from './api.ts';
import { labelOf, optionsOf } from './labels.ts';

type Step = WorkOrderView['actions'][number];
const STEP_LABELS: Record<Step, [string, string]> = {
  accept: ['响应接单', 'Accept'],
  arrive: ['已到场', 'Arrived'],
  resolve: ['已修复', 'Resolved'],
  confirm: ['确认修复', 'Confirm'],
  reopen: ['退回重修', 'Reopen'],
};

/** One SLA step: its deadline, minutes counted so far, red when broken. */
function Clock({ s, label }: { s: WorkOrderView['response']; label: string }) {
  const { t } = useI18n();
  return (
    <Tooltip
      title={`${label}：${t('时限', 'due')} ${formatDateTime(s.due)}${s.done ? `，${t('完成', 'done')} ${formatDateTime(s.done)}` : ''}`}
    >
      <Tag color={s.breached ? 'red' : s.done ? 'green' : 'blue'}>
        {label} {s.minutes}′
      </Tag>
    </Tooltip>
  );
}

/** 运维工单: a unit or the committee reports; the vendor accepts, arrives, resolves; the reporter confirms or reopens. */
export default function WorkOrdersPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const invalidate = useInvalidateList();
  const [status, setStatus] = useState<string | undefined>();
  const [breached, setBreached] = useState<string | undefined>();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [form] = Form.useForm<Body<'/api/work-orders', 'post'>>();
  const { saving, submit } = useFormSubmit(
    form,
    (v) => reportWorkOrder(v),
    () => {
      setOpen(false);
      form.resetFields();
      void invalidate(URL);
    },
  );
  const step = (r: WorkOrderView, s: Step) => async () => {
    await workOrderStep(r.id, s, text);
    setText('');
    await invalidate(URL);
  };
  const columns: TableColumnsType<WorkOrderView> = [
    { title: t('工单号', 'No.'), dataIndex: 'orderNo', width: 140 },
    {
      title: t('报修时间', 'Reported'),
      dataIndex: 'reportedAt',
      key: 'reportedAt',
      sorter: true,
      width: 150,
      render: (v) => formatDateTime(v),
    },
    {
      title: t('级别', 'Priority'),
      dataIndex: 'priority',
      key: 'priority',
      sorter: true,
      width: 130,
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          {labelOf(PRIORITIES, v, locale)}
          <Typography.Text type="secondary">{labelOf(SLA_CLOCKS, r.clock, locale)}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('故障', 'Fault'),
      key: 'fault',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.title}</span>
          <Typography.Text type="secondary">
            {r.roomName} {r.rackCode ?? ''} {r.cardNo ? `${r.cardNo} ${r.cardName}` : ''}
          </Typography.Text>
          {r.resolution && (
            <Typography.Text type="secondary">
              {t('处理', 'Fix')}：{r.resolution}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('报修单位', 'Reported by'), key: 'unit', width: 150, render: (_, r) => `${r.unitName} ${r.reporterName}` },
    { title: t('服务商', 'Vendor'), dataIndex: 'vendorName', width: 160 },
    {
      title: t('SLA 计时（分钟）', 'SLA clocks (min)'),
      key: 'sla',
      width: 230,
      render: (_, r) => (
        <Space size={0} wrap>
          <Clock s={r.response} label={t('响应', 'Resp.')} />
          <Clock s={r.onsite} label={t('到场', 'On site')} />
          <Clock s={r.resolve} label={t('修复', 'Fix')} />
        </Space>
      ),
    },
    {
      title: t('状态', 'Status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      width: 120,
      render: (v: string, r) => (
        <Space direction="vertical" size={0}>
          {labelOf(WORK_ORDER_STATUSES, v, locale)}
          {r.breached && <Tag color="red">{t('已超时', 'SLA breached')}</Tag>}
          {r.reopenCount > 0 && <Tag color="orange">{t(`退回 ${r.reopenCount} 次`, `Reopened ${r.reopenCount}×`)}</Tag>}
        </Space>
      ),
    },
    {
      title: t('操作', 'Actions'),
      key: 'actions',
      width: 190,
      render: (_, r) => (
        <Space size={0} wrap>
          {r.actions.map((s) => (
            <ConfirmButton
              key={s}
              size="small"
              type="link"
              danger={s === 'reopen'}
              confirm={`${t(STEP_LABELS[s][0], STEP_LABELS[s][1])}：${r.orderNo}？`}
              description={
                (s === 'resolve' || s === 'reopen') && (
                  <Input.TextArea
                    placeholder={
                      s === 'resolve' ? t('处理情况（必填）', 'What was done (required)') : t('退回原因（必填）', 'Reason (required)')
                    }
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                  />
                )
              }
              onConfirm={step(r, s)}
            >
              {t(STEP_LABELS[s][0], STEP_LABELS[s][1])}
            </ConfirmButton>
          ))}
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('运维工单', 'Work orders')}
        extra={
          can('workorder.report') && (
            <Button type="primary" onClick={() => setOpen(true)}>
              {t('报修', 'Report a fault')}
            </Button>
          )
        }
      />
      <ServerTable<WorkOrderView>
        url={URL}
        columns={columns}
        filters={{ status, breached }}
        search={t('工单号或故障', 'Number or fault')}
        tableProps={{ scroll: { x: 1500 } }}
        toolbar={
          <Space>
            <Select
              allowClear
              placeholder={t('状态', 'Status')}
              style={{ width: 150 }}
              value={status}
              onChange={setStatus}
              options={optionsOf(WORK_ORDER_STATUSES, locale)}
            />
            <Select
              allowClear
              placeholder={t('SLA', 'SLA')}
              style={{ width: 130 }}
              value={breached}
              onChange={setBreached}
              options={[
                { value: 'true', label: t('已超时', 'Breached') },
                { value: 'false', label: t('未超时', 'Within SLA') },
              ]}
            />
          </Space>
        }
      />
      <Modal
        open={open}
        title={t('报修', 'Report a fault')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ priority: 'p3' }}>
          <Form.Item name="cardId" label={t('故障设备（已上架的资产）', 'Device (a card placed in a rack)')} rules={[{ required: true }]}>
            <CardPicker />
          </Form.Item>
          <Form.Item name="priority" label={t('级别', 'Priority')}>
            <Select options={optionsOf(PRIORITIES, locale)} />
          </Form.Item>
          <Form.Item name="title" label={t('故障现象', 'Fault')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="description" label={t('详细描述', 'Details')}>
            <Input.TextArea maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
