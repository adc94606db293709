import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { checkBooking, createBooking } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import type { ResourceView } from '../../../shared/sharing.contracts.ts';
import { clockOf, dayOf, instant, slotTimes } from './sharing.hooks.ts';

interface FormValues {
  day: dayjs.Dayjs;
  from: string;
  to: string;
  title: string;
  attendees?: number;
  destination?: string;
  passengers?: number;
  repeatWeeks?: number;
}

type Clash = { index: number; bookingNo: string; startsAt: string; endsAt: string; unitName: string; title: string | null };

/**
 * Book a resource: day and slot times, the subject, and for a vehicle the destination and passengers;
 * an optional weekly repeat. 检查 lists the occurrences that collide before anything is saved; a clash
 * found by the database at saving is shown the same way, and nothing typed is lost.
 */
export function BookingModal({
  resource,
  start,
  onClose,
}: {
  resource: ResourceView;
  start?: { day: string; from: string };
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const showErrors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const [check, setCheck] = useState<{ occurrences: number; clashes: Clash[] } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const starts = slotTimes(resource);
  const ends = slotTimes(resource, true);
  const vehicle = resource.kind === 'vehicle';
  const body = (v: FormValues) => {
    const day = v.day.format('YYYY-MM-DD');
    const next = v.day.add(1, 'day').format('YYYY-MM-DD');
    // 24:00 is the next midnight; on a vehicle open all day, an end not after the start is the next day.
    const end = v.to === '24:00' ? instant(next, '00:00') : instant(v.to <= v.from ? next : day, v.to);
    return {
      resourceId: resource.id,
      startsAt: instant(day, v.from),
      endsAt: end,
      title: v.title,
      attendees: v.attendees ?? null,
      destination: v.destination ?? null,
      passengers: v.passengers ?? null,
      repeatWeeks: v.repeatWeeks ?? 0,
    };
  };
  const runCheck = async () => {
    const v = await form.validateFields();
    setRefusal(null);
    try {
      const res = await checkBooking(body(v));
      setCheck({ occurrences: res.occurrences.length, clashes: res.clashes });
    } catch (e) {
      setCheck(null);
      showErrors(e);
    }
  };
  const save = async (v: FormValues) => {
    setSaving(true);
    setRefusal(null);
    try {
      await createBooking(body(v));
      onClose(true);
    } catch (e) {
      const err = e as { status?: number; message?: string };
      if (err.status === 409) setRefusal(err.message ?? '');
      else showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${t('预订', 'Book')}：${resource.name}`}
      onCancel={() => onClose(false)}
      footer={
        <Space>
          <Button onClick={() => onClose(false)}>{t('取消', 'Cancel')}</Button>
          <Button onClick={runCheck} data-testid="booking-check">
            {t('检查冲突', 'Check clashes')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="booking-save">
            {vehicle ? t('提交用车申请', 'Request the trip') : t('预订', 'Book')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('开放时间', 'Open')} {resource.openFrom}–{resource.openTo}，
        {t(`每段 ${resource.slotMinutes} 分钟`, `${resource.slotMinutes}-minute slots`)}
        {resource.capacity ? `，${t(`可容纳 ${resource.capacity} 人`, `seats ${resource.capacity}`)}` : ''}
        {resource.needsApproval ? `，${t('须经资产管理处审批（审批前为预占）', 'needs approval (held until decided)')}` : ''}
      </Typography.Paragraph>
      {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={refusal} data-testid="booking-refusal" />}
      {check && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          type={check.clashes.length ? 'warning' : 'success'}
          data-testid="booking-check-result"
          message={
            check.clashes.length
              ? t(`${check.occurrences} 次中有 ${new Set(check.clashes.map((c) => c.index)).size} 次冲突`, 'Some occurrences collide')
              : t(`${check.occurrences} 次均可预订`, 'Every occurrence is free')
          }
          description={
            check.clashes.length ? (
              <ul style={{ margin: 0 }}>
                {check.clashes.map((c) => (
                  <li key={`${c.index}-${c.bookingNo}`}>
                    {dayOf(c.startsAt)} {clockOf(c.startsAt)}–{clockOf(c.endsAt)} {c.bookingNo} {c.unitName} {c.title ?? ''}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        onFinish={save}
        onValuesChange={() => setCheck(null)}
        initialValues={{
          day: dayjs(start?.day),
          from: start?.from ?? starts[0],
          to: ends[ends.indexOf(start?.from ?? '') + 1] ?? ends[0],
          repeatWeeks: 0,
        }}
      >
        <Space wrap>
          <Form.Item name="day" label={t('日期', 'Day')} rules={[{ required: true }]}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="from" label={t('开始', 'From')} rules={[{ required: true }]} dependencies={[]}>
            <Select
              style={{ width: 100 }}
              virtual={false}
              options={starts.map((s) => ({ value: s, label: s }))}
              data-testid="booking-from"
            />
          </Form.Item>
          <Form.Item name="to" label={t('结束', 'To')} rules={[{ required: true }]}>
            <Select style={{ width: 100 }} virtual={false} options={ends.map((s) => ({ value: s, label: s }))} data-testid="booking-to" />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={vehicle ? t('事由', 'Reason') : t('会议/用途', 'Subject')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="booking-title" />
        </Form.Item>
        {vehicle ? (
          <Space wrap>
            <Form.Item name="destination" label={t('目的地', 'Destination')} rules={[{ required: true, max: 200 }]}>
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="passengers" label={t('乘车人数', 'Passengers')}>
              <InputNumber min={1} max={100} />
            </Form.Item>
          </Space>
        ) : (
          <Form.Item name="attendees" label={t('人数', 'Attendees')}>
            <InputNumber min={1} max={100000} />
          </Form.Item>
        )}
        <Form.Item
          name="repeatWeeks"
          label={t('每周重复（再重复几周）', 'Repeat weekly (further weeks)')}
          extra={t('0 为只预订一次；冲突的场次会在保存前列出', '0 books once; colliding occurrences are listed before saving')}
        >
          <InputNumber min={0} max={26} data-testid="booking-repeat" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
