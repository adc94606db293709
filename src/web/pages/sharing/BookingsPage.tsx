import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Segmented, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { cancelBooking, changeTime, decideBooking, dispatchTrip, finishBooking, listResources, returnTrip } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { Money, YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { CodeTag } from '../../components/StatusTag.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { BOOKING_STATUSES, RESOURCE_KINDS, type BookingView } from '../../../shared/sharing.contracts.ts';
import { clockOf, dayOf, instant } from './sharing.hooks.ts';

const STATUS_COLORS = { pending: 'orange', confirmed: 'green', rejected: 'red', cancelled: 'default' };

type Dialog = { kind: 'time' | 'dispatch' | 'return'; booking: BookingView } | null;

/**
 * 我的预订 / 预订管理: the unit's bookings (or only mine), with cancel and change of time; the
 * committee's facility managers also approve, dispatch vehicles and record their return.
 */
export default function BookingsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const session = useSession();
  const refresh = useInvalidateList();
  const manager = session.can('sharing.manage');
  const [mine, setMine] = useState<'true' | 'false'>(manager ? 'false' : 'true');
  const [status, setStatus] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const reload = () => refresh('/api/bookings');
  const act = async (call: Promise<unknown>, done: string) => {
    await call;
    message.success(done);
    await reload();
  };
  const running = (b: BookingView) => (b.status === 'confirmed' || b.status === 'pending') && Date.parse(b.endsAt) > Date.now();

  return (
    <div>
      <PageHeader title={manager ? t('预订管理', 'Bookings') : t('我的预订', 'My bookings')} />
      <ServerTable<BookingView>
        url="/api/bookings"
        search={t('预订号、事由、预订人、资源', 'Number, subject, person, resource')}
        defaultSort={{ sort: 'startsAt', order: 'desc' }}
        filters={{ mine, status, kind }}
        toolbar={
          <Space wrap>
            <Segmented
              value={mine}
              onChange={(v) => setMine(v as 'true' | 'false')}
              options={[
                { value: 'true', label: t('我的', 'Mine') },
                { value: 'false', label: manager ? t('全部', 'All') : t('本单位', 'My unit') },
              ]}
            />
            <Select
              allowClear
              placeholder={t('状态', 'Status')}
              style={{ width: 120 }}
              value={status}
              onChange={setStatus}
              options={Object.entries(BOOKING_STATUSES).map(([k, v]) => ({ value: k, label: t(v[0], v[1]) }))}
            />
            <Select
              allowClear
              placeholder={t('类型', 'Kind')}
              style={{ width: 130 }}
              value={kind}
              onChange={setKind}
              options={Object.entries(RESOURCE_KINDS).map(([k, v]) => ({ value: k, label: t(v[0], v[1]) }))}
            />
          </Space>
        }
        columns={[
          { title: t('预订号', 'No.'), dataIndex: 'bookingNo', key: 'bookingNo', sorter: true, width: 130 },
          {
            title: t('时间', 'Time'),
            key: 'startsAt',
            sorter: true,
            render: (_, b) => `${dayOf(b.startsAt)} ${clockOf(b.startsAt)}–${clockOf(b.endsAt)}`,
          },
          { title: t('资源', 'Resource'), dataIndex: 'resourceName' },
          { title: t('事由', 'Subject'), render: (_, b) => (b.destination ? `${b.title}（${b.destination}）` : b.title) },
          { title: t('单位', 'Unit'), dataIndex: 'unitName' },
          { title: t('预订人', 'Person'), dataIndex: 'personName' },
          {
            title: t('状态', 'Status'),
            dataIndex: 'status',
            render: (s: string) => <CodeTag code={s} vocabulary={BOOKING_STATUSES} colors={STATUS_COLORS} />,
          },
          {
            title: t('费用', 'Charge'),
            render: (_, b) => <Money fen={b.chargeFen + (b.tripCostFen ?? 0)} />,
            align: 'right',
          },
          {
            title: t('里程', 'km'),
            render: (_, b) => (b.odometerIn !== null && b.odometerOut !== null ? b.odometerIn - b.odometerOut : ''),
          },
          { title: t('加油（升）', 'Fuel (l)'), dataIndex: 'fuelLitres', render: (f: number | null) => f ?? '' },
          {
            title: t('操作', 'Actions'),
            render: (_, b) => (
              <Space size={0} wrap>
                {manager && b.status === 'pending' && (
                  <>
                    <ConfirmButton
                      type="link"
                      size="small"
                      data-testid={`approve-${b.bookingNo}`}
                      confirm={t('确定通过该预订？', 'Approve this booking?')}
                      onConfirm={() => act(decideBooking(b.id, true), t('已通过', 'Approved'))}
                    >
                      {t('通过', 'Approve')}
                    </ConfirmButton>
                    <ConfirmButton
                      type="link"
                      size="small"
                      danger
                      confirm={t('确定驳回该预订？时段将被释放', 'Reject? The slot is freed')}
                      onConfirm={() => act(decideBooking(b.id, false), t('已驳回', 'Rejected'))}
                    >
                      {t('驳回', 'Reject')}
                    </ConfirmButton>
                  </>
                )}
                {manager && b.resourceKind === 'vehicle' && b.status === 'confirmed' && !b.dispatchedAt && (
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'dispatch', booking: b })}>
                    {t('派车', 'Dispatch')}
                  </Button>
                )}
                {manager && b.dispatchedAt && !b.returnedAt && (
                  <Button type="link" size="small" onClick={() => setDialog({ kind: 'return', booking: b })}>
                    {t('还车', 'Return')}
                  </Button>
                )}
                {running(b) && session.can('sharing.book') && !b.dispatchedAt && (
                  <>
                    <Button type="link" size="small" onClick={() => setDialog({ kind: 'time', booking: b })}>
                      {t('改时间/延长', 'Change time')}
                    </Button>
                    {b.status === 'confirmed' && Date.parse(b.startsAt) <= Date.now() && (
                      <ConfirmButton
                        type="link"
                        size="small"
                        data-testid={`finish-${b.bookingNo}`}
                        confirm={t(`提前结束预订 ${b.bookingNo}？`, `Finish ${b.bookingNo} now?`)}
                        description={t('结束时间改为现在，剩余时段立即释放', 'It ends now; the rest of the slot is freed')}
                        onConfirm={() => act(finishBooking(b.id), t('已提前结束', 'Finished'))}
                      >
                        {t('提前结束', 'Finish now')}
                      </ConfirmButton>
                    )}
                    <ConfirmButton
                      type="link"
                      size="small"
                      danger
                      data-testid={`cancel-${b.bookingNo}`}
                      confirm={t(`确定取消预订 ${b.bookingNo}？`, `Cancel ${b.bookingNo}?`)}
                      description={t('取消后时段立即释放，不能恢复', 'The slot is freed at once; this cannot be undone')}
                      onConfirm={() => act(cancelBooking(b.id), t('已取消', 'Cancelled'))}
                    >
                      {t('取消', 'Cancel')}
                    </ConfirmButton>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog && (
        <ActionModal
          dialog={dialog}
          onClose={async (saved) => {
            setDialog(null);
            if (saved) await reload();
          }}
        />
      )}
    </div>
  );
}

function ActionModal({ dialog, onClose }: { dialog: NonNullable<Dialog>; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const b = dialog.booking;
  // The pooled vehicles the dispatcher may assign instead of the one requested.
  const vehicles = useQuery({
    queryKey: ['sharing-resources', 'vehicles'],
    queryFn: () => listResources({ kind: 'vehicle' }),
    enabled: dialog.kind === 'dispatch',
  });
  const { saving, submit } = useFormSubmit(
    form,
    (v: Record<string, unknown>) => {
      if (dialog.kind === 'dispatch') return dispatchTrip(b.id, v as never);
      if (dialog.kind === 'return') return returnTrip(b.id, { ...v, tripCostFen: v.tripCostFen ?? 0 } as never);
      const day = (v.day as dayjs.Dayjs).format('YYYY-MM-DD');
      return changeTime(b.id, {
        startsAt: instant(day, v.from as string),
        endsAt: instant(day, v.to as string),
        version: b.version,
      });
    },
    () => onClose(true),
  );
  const title = { time: t('调整时间', 'Change time'), dispatch: t('派车', 'Dispatch'), return: t('还车登记', 'Return') }[dialog.kind];
  return (
    <Modal
      open
      title={`${title}：${b.bookingNo} ${b.resourceName}`}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={saving}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          day: dayjs(dayOf(b.startsAt)),
          from: clockOf(b.startsAt),
          to: clockOf(b.endsAt),
          odometerIn: b.odometerOut ?? undefined,
          resourceId: b.resourceId,
        }}
      >
        {dialog.kind === 'time' && (
          <Space wrap>
            <Form.Item name="day" label={t('日期', 'Day')} rules={[{ required: true }]}>
              <DatePicker allowClear={false} />
            </Form.Item>
            <Form.Item name="from" label={t('开始', 'From')} rules={[{ required: true, pattern: /^\d{2}:\d{2}$/ }]}>
              <Input style={{ width: 90 }} />
            </Form.Item>
            <Form.Item name="to" label={t('结束', 'To')} rules={[{ required: true, pattern: /^\d{2}:\d{2}$/ }]}>
              <Input style={{ width: 90 }} />
            </Form.Item>
          </Space>
        )}
        {dialog.kind === 'dispatch' && (
          <>
            <Form.Item name="resourceId" label={t('派出车辆', 'Vehicle')} rules={[{ required: true }]}>
              <Select
                loading={vehicles.isLoading}
                options={(vehicles.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.name}（${r.code}）` }))}
              />
            </Form.Item>
            <Form.Item name="driver" label={t('驾驶员', 'Driver')} rules={[{ required: true, max: 50 }]}>
              <Input />
            </Form.Item>
            <Form.Item name="odometerOut" label={t('出车里程（公里）', 'Odometer out (km)')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
        {dialog.kind === 'return' && (
          <>
            <Typography.Paragraph type="secondary">
              {t('出车里程', 'Odometer out')}：{b.odometerOut}
            </Typography.Paragraph>
            <Form.Item name="odometerIn" label={t('还车里程（公里）', 'Odometer in (km)')} rules={[{ required: true }]}>
              <InputNumber min={0} precision={0} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="fuelLitres" label={t('加油量（升）', 'Fuel (litres)')}>
              <InputNumber min={0} max={10000} precision={2} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="tripCostFen" label={t('油费、过路过桥、停车等费用（元）', 'Fuel, tolls, parking (yuan)')}>
              <YuanInput style={{ width: 200 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
