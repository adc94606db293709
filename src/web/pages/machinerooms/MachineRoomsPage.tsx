import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { ROOM_GRADES, type MachineRoomView } from '../../../shared/machinerooms.contracts.ts';
import type { Body } from '../../api/client.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { createMachineRoom, machineRoomKeys, useMachineRoomList } from './api.ts';
import { labelOf, optionsOf } from './labels.ts';

const pct = (used: number, total: number) => (total ? `${Math.round((used / total) * 100)}%` : '—');

/** 机房与机柜: the managed machine rooms with free U and power use; a vendor sees its contract's rooms. */
export default function MachineRoomsPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Body<'/api/machine-rooms', 'post'>>();
  const { data: rooms, isFetching } = useMachineRoomList();
  const { saving, submit } = useFormSubmit(
    form,
    (v) => createMachineRoom(v),
    () => {
      setOpen(false);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: machineRoomKeys.rooms });
    },
  );
  return (
    <>
      <PageHeader
        title={t('机房与机柜', 'Machine rooms and racks')}
        extra={
          can('machineroom.manage') && (
            <Button type="primary" onClick={() => setOpen(true)}>
              {t('登记机房', 'Add a room')}
            </Button>
          )
        }
      />
      <Table<MachineRoomView>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={rooms}
        pagination={false}
        columns={[
          { title: t('编号', 'Code'), dataIndex: 'code', width: 90, render: (v, r) => <Link to={`/machine-rooms/${r.id}`}>{v}</Link> },
          { title: t('机房', 'Room'), dataIndex: 'name' },
          { title: t('面积（m²）', 'Area (m²)'), dataIndex: 'areaM2', align: 'right', width: 110 },
          { title: t('等级', 'Grade'), dataIndex: 'grade', width: 140, render: (v: string) => labelOf(ROOM_GRADES, v, locale) },
          { title: t('机柜', 'Racks'), dataIndex: 'racks', align: 'right', width: 80 },
          { title: t('总 U 位', 'Total U'), dataIndex: 'totalU', align: 'right', width: 90 },
          { title: t('已用', 'Used'), dataIndex: 'usedU', align: 'right', width: 80 },
          { title: t('预留', 'Reserved'), dataIndex: 'reservedU', align: 'right', width: 80 },
          { title: t('空闲 U 位', 'Free U'), dataIndex: 'freeU', align: 'right', width: 100 },
          {
            title: t('用电（W）', 'Power (W)'),
            key: 'power',
            align: 'right',
            width: 180,
            render: (_, r) => `${r.powerUsedW} / ${r.powerBudgetW}（${pct(r.powerUsedW, r.powerBudgetW)}）`,
          },
        ]}
      />
      <Modal
        open={open}
        title={t('登记机房', 'Add a machine room')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={saving}
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ grade: 'B' }}>
          <Form.Item name="code" label={t('编号', 'Code')} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="areaM2" label={t('面积（m²）', 'Area (m²)')} rules={[{ required: true }]}>
            <InputNumber min={1} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="grade" label={t('等级（GB 50174）', 'Grade (GB 50174)')} rules={[{ required: true }]}>
            <Select options={optionsOf(ROOM_GRADES, locale)} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
