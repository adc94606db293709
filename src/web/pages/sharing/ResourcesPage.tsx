import { useState } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { listResources, saveResource } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Money, YuanInput } from '../../components/Money.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RoomSelect, UnitSelect } from '../../components/selects.tsx';
import { CodeTag } from '../../components/StatusTag.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { ROLE_LABELS } from '../../../shared/org.contracts.ts';
import {
  BookingRole,
  RESOURCE_KINDS,
  type ResourceInput,
  type ResourceKind,
  type ResourceView,
} from '../../../shared/sharing.contracts.ts';
import { BookingModal } from './BookingModal.tsx';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** 共享资源目录: search by name, capacity and equipment; book from the list; the committee registers and edits. */
export default function ResourcesPage() {
  const { t } = useI18n();
  const session = useSession();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<string | undefined>();
  const [minCapacity, setMinCapacity] = useState<number | null>(null);
  const [equipment, setEquipment] = useState('');
  const [editing, setEditing] = useState<ResourceView | 'new' | null>(null);
  const [booking, setBooking] = useState<ResourceView | null>(null);
  const manager = session.can('sharing.manage');
  const list = useQuery({
    queryKey: ['sharing-resources', 'catalogue', q, kind ?? '', minCapacity ?? '', equipment, manager],
    queryFn: () =>
      listResources({
        q,
        kind: kind as ResourceKind | undefined,
        minCapacity: minCapacity ?? undefined,
        equipment,
        includeInactive: manager ? 'true' : undefined,
      }),
  });
  return (
    <div>
      <PageHeader
        title={t('共享资源目录', 'Shared resources')}
        extra={
          manager && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('登记资源', 'Add resource')}
            </Button>
          )
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('名称、编号、位置', 'Name, code, location')} onSearch={setQ} style={{ width: 220 }} />
        <Select
          allowClear
          placeholder={t('类型', 'Kind')}
          style={{ width: 140 }}
          value={kind}
          onChange={setKind}
          options={Object.entries(RESOURCE_KINDS).map(([k, v]) => ({ value: k, label: t(v[0], v[1]) }))}
        />
        <InputNumber
          min={1}
          placeholder={t('至少容纳人数', 'Min. seats')}
          value={minCapacity}
          onChange={setMinCapacity}
          style={{ width: 140 }}
        />
        <Input
          allowClear
          placeholder={t('设备（如 投影仪）', 'Equipment')}
          value={equipment}
          onChange={(e) => setEquipment(e.target.value)}
          style={{ width: 160 }}
        />
      </Space>
      <Table<ResourceView>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('编号', 'Code'), dataIndex: 'code', width: 80 },
          { title: t('名称', 'Name'), dataIndex: 'name' },
          { title: t('类型', 'Kind'), dataIndex: 'kind', render: (k: string) => <CodeTag code={k} vocabulary={RESOURCE_KINDS} /> },
          { title: t('位置', 'Location'), dataIndex: 'location' },
          { title: t('容纳', 'Seats'), dataIndex: 'capacity' },
          { title: t('设备', 'Equipment'), dataIndex: 'equipment', render: (e: string[]) => e.map((x) => <Tag key={x}>{x}</Tag>) },
          {
            title: t('开放', 'Open'),
            render: (_, r) => `${r.openDays.map((d) => WEEKDAYS[d - 1]).join('')} ${r.openFrom}–${r.openTo}`,
          },
          { title: t('审批', 'Approval'), dataIndex: 'needsApproval', render: (v: boolean) => (v ? t('需审批', 'Yes') : '') },
          {
            title: t('限定角色', 'Roles'),
            dataIndex: 'allowedRoles',
            render: (roles: ResourceView['allowedRoles']) =>
              roles?.map((r) => <Tag key={r}>{t(ROLE_LABELS[r].zh, ROLE_LABELS[r].en)}</Tag>),
          },
          {
            title: t('收费/小时', 'Fee/hour'),
            dataIndex: 'feePerHourFen',
            align: 'right',
            render: (f: number) => (f ? <Money fen={f} /> : t('免费', 'Free')),
          },
          {
            title: t('操作', 'Actions'),
            render: (_, r) => (
              <Space size={0}>
                {session.can('sharing.book') && r.active && (
                  <Button type="link" size="small" onClick={() => setBooking(r)}>
                    {t('预订', 'Book')}
                  </Button>
                )}
                {manager && r.checkinGraceMinutes !== null && (
                  <Button type="link" size="small" href={`/sharing/resources/${r.id}/qr`} target="_blank">
                    {t('签到二维码', 'Check-in QR')}
                  </Button>
                )}
                {manager && (
                  <Button type="link" size="small" onClick={() => setEditing(r)}>
                    {t('编辑', 'Edit')}
                  </Button>
                )}
                {!r.active && <Tag>{t('停用', 'Inactive')}</Tag>}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <ResourceModal
          resource={editing === 'new' ? null : editing}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void qc.invalidateQueries({ queryKey: ['sharing-resources'] });
          }}
        />
      )}
      {booking && <BookingModal resource={booking} onClose={() => setBooking(null)} />}
    </div>
  );
}

type ResourceForm = Omit<ResourceInput, 'blackoutDates' | 'equipment'> & { blackoutText?: string; equipmentText?: string };

function ResourceModal({ resource, onClose }: { resource: ResourceView | null; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ResourceForm>();
  const kind = Form.useWatch('kind', form);
  const { saving, submit } = useFormSubmit(
    form,
    (v: ResourceForm) => {
      const { blackoutText, equipmentText, ...rest } = v;
      const body = {
        ...rest,
        equipment: (equipmentText ?? '').split(/[,，、\s]+/).filter(Boolean),
        blackoutDates: (blackoutText ?? '').split(/[,，、\s]+/).filter(Boolean),
      };
      return saveResource(resource?.id ?? null, body as never);
    },
    () => onClose(true),
  );
  const initial: Partial<ResourceForm> = resource
    ? { ...resource, equipmentText: resource.equipment.join('、'), blackoutText: resource.blackoutDates.join(' ') }
    : {
        kind: 'room',
        openFrom: '08:00',
        openTo: '18:00',
        openDays: [1, 2, 3, 4, 5],
        slotMinutes: 30,
        bufferMinutes: 0,
        minNoticeMinutes: 0,
        maxAheadDays: 60,
        maxMinutes: 480,
        needsApproval: false,
        feePerHourFen: 0,
        active: true,
      };
  return (
    <Modal
      open
      width={720}
      title={resource ? `${t('编辑资源', 'Edit resource')}：${resource.name}` : t('登记共享资源', 'Add a shared resource')}
      onCancel={() => onClose(false)}
      onOk={() => form.submit()}
      confirmLoading={saving}
    >
      <Form<ResourceForm> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Space wrap>
          <Form.Item name="code" label={t('编号', 'Code')} rules={[{ required: true }]}>
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="kind" label={t('类型', 'Kind')} rules={[{ required: true }]}>
            <Select style={{ width: 140 }} options={Object.entries(RESOURCE_KINDS).map(([k, v]) => ({ value: k, label: t(v[0], v[1]) }))} />
          </Form.Item>
        </Space>
        {(kind === 'room' || kind === 'window') && (
          <Form.Item name="roomId" label={t('房间（场所）', 'Room')}>
            <RoomSelect allowClear style={{ width: 400 }} />
          </Form.Item>
        )}
        {(kind === 'equipment' || kind === 'vehicle') && (
          <Form.Item name="cardId" label={t('资产卡片 ID', 'Asset card id')}>
            <Input style={{ width: 400 }} />
          </Form.Item>
        )}
        <Space wrap>
          <Form.Item name="location" label={t('位置', 'Location')}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="capacity" label={t('容纳人数', 'Seats')}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="equipmentText" label={t('设备（顿号分隔）', 'Equipment (comma separated)')}>
            <Input style={{ width: 240 }} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="openFrom" label={t('开放自', 'Opens')} rules={[{ required: true }]}>
            <Input style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="openTo" label={t('至', 'Closes')} rules={[{ required: true }]}>
            <Input style={{ width: 80 }} />
          </Form.Item>
          <Form.Item name="openDays" label={t('开放日', 'Open days')}>
            <Checkbox.Group options={WEEKDAYS.map((d, i) => ({ value: i + 1, label: d }))} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="slotMinutes" label={t('时段（分钟）', 'Slot (min)')}>
            <InputNumber min={5} max={1440} />
          </Form.Item>
          <Form.Item name="bufferMinutes" label={t('间隔（分钟）', 'Buffer (min)')}>
            <InputNumber min={0} max={240} />
          </Form.Item>
          <Form.Item name="minNoticeMinutes" label={t('至少提前（分钟）', 'Notice (min)')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="maxAheadDays" label={t('最多提前（天）', 'Max ahead (days)')}>
            <InputNumber min={1} max={730} />
          </Form.Item>
          <Form.Item name="maxMinutes" label={t('每次最长（分钟）', 'Max length (min)')}>
            <InputNumber min={5} />
          </Form.Item>
        </Space>
        <Form.Item name="blackoutText" label={t('封存日期（YYYY-MM-DD，空格分隔）', 'Sealed days (YYYY-MM-DD)')}>
          <Input />
        </Form.Item>
        <Space wrap>
          <Form.Item name="allowedUnitIds" label={t('限定预订单位（空为全部）', 'Only these units (empty: all)')}>
            <UnitSelect mode="multiple" allowClear style={{ width: 320 }} />
          </Form.Item>
          <Form.Item name="allowedRoles" label={t('限定预订角色（空为全部）', 'Only these roles (empty: all)')}>
            <Select
              mode="multiple"
              allowClear
              style={{ width: 320 }}
              options={BookingRole.options.map((r) => ({ value: r, label: t(ROLE_LABELS[r].zh, ROLE_LABELS[r].en) }))}
            />
          </Form.Item>
          <Form.Item name="feePerHourFen" label={t('收费（元/小时）', 'Fee (yuan/hour)')}>
            <YuanInput />
          </Form.Item>
          <Form.Item name="checkinGraceMinutes" label={t('签到宽限（分钟，空为不需签到）', 'Check-in grace (min; empty: none)')}>
            <InputNumber min={5} max={240} />
          </Form.Item>
          <Form.Item name="quotaPeriod" label={t('配额周期', 'Quota period')}>
            <Select
              allowClear
              style={{ width: 100 }}
              options={[
                { value: 'week', label: t('每周', 'Week') },
                { value: 'month', label: t('每月', 'Month') },
              ]}
            />
          </Form.Item>
          <Form.Item name="unitQuotaMinutes" label={t('每单位配额（分钟）', 'Per unit (min)')}>
            <InputNumber min={30} />
          </Form.Item>
          <Form.Item name="personQuotaMinutes" label={t('每人配额（分钟）', 'Per person (min)')}>
            <InputNumber min={30} />
          </Form.Item>
          <Form.Item name="needsApproval" label={t('需审批', 'Needs approval')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
