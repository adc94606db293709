import { useEffect, useState } from 'react';
import { Button, Divider, Form, Input, InputNumber, Modal, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { PlaceTree, RoomType, RoomView } from '../../../shared/org.contracts.ts';
import { addOccupant, orgKeys, removeOccupant, saveRoom, usePlaceTree, useRoom } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { StaffSelect, UnitSelect } from '../../components/selects.tsx';
import { useShowError } from '../../components/useFormErrors.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { roomTypeOptions } from './labels.ts';
import { useCloseGuard } from '../../components/useUnsavedGuard.ts';

interface RoomForm {
  floorId: string;
  code: string;
  name?: string | null;
  type: RoomType;
  usableArea: number;
  unitId?: string | null;
}

/** Floors as a tree (compound → building → floor); only floors can be chosen. */
export function floorTreeData(tree: PlaceTree) {
  return tree.map((c) => ({
    value: `c:${c.id}`,
    title: c.name,
    selectable: false,
    children: c.buildings.map((b) => ({
      value: `b:${b.id}`,
      title: b.name,
      selectable: false,
      children: b.floors.map((f) => ({ value: f.id, title: `${c.name} ${b.name} ${f.name}` })),
    })),
  }));
}

/** The people assigned to an office: add from the room's unit, remove with a confirmation. */
function Occupants({ room }: { room: RoomView }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const showError = useShowError();
  const [staffId, setStaffId] = useState<string | undefined>();
  const current = useRoom(room);
  const reload = () =>
    Promise.all([qc.invalidateQueries({ queryKey: orgKeys.room(room.id) }), qc.invalidateQueries({ queryKey: ['list', '/api/rooms'] })]);
  const add = async () => {
    if (!staffId) return;
    try {
      await addOccupant(room.id, staffId);
      setStaffId(undefined);
      await reload();
    } catch (e) {
      showError(e);
    }
  };
  return (
    <>
      <Divider titlePlacement="start">{t('使用人', 'Occupants')}</Divider>
      <Space wrap style={{ marginBottom: 8 }}>
        {current.data.occupants.length === 0 && <Typography.Text type="secondary">{t('暂无使用人', 'Nobody assigned')}</Typography.Text>}
        {current.data.occupants.map((o) => (
          <Space key={o.staffId} size={2}>
            <Tag>{o.name}</Tag>
            <ConfirmButton
              size="small"
              type="link"
              danger
              confirm={t(`确定将${o.name}移出该房间？`, `Remove ${o.name} from this room?`)}
              onConfirm={async () => {
                await removeOccupant(room.id, o.staffId);
                await reload();
              }}
            >
              {t('移除', 'Remove')}
            </ConfirmButton>
          </Space>
        ))}
      </Space>
      {room.unitId ? (
        <Space.Compact block>
          <StaffSelect unitId={room.unitId} value={staffId} onChange={(v) => setStaffId((v as string) ?? undefined)} style={{ flex: 1 }} />
          <Button onClick={add} disabled={!staffId} autoInsertSpace={false}>
            {t('安排使用人', 'Assign')}
          </Button>
        </Space.Compact>
      ) : (
        <Typography.Text type="secondary">{t('房间分配给单位后才能安排使用人', 'Assign the room to a unit first')}</Typography.Text>
      )}
    </>
  );
}

export function RoomModal({
  room,
  defaultFloor,
  onClose,
}: {
  room: RoomView | null | 'new';
  defaultFloor?: string;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const { can } = useSession();
  const [form] = Form.useForm<RoomForm>();
  const tree = usePlaceTree();
  const editing = room && room !== 'new' ? room : null;
  const canWrite = can('org.place.write');
  const guard = useCloseGuard(!!room, () => onClose(false));
  // Opened before the tree arrived: put the new room on the first floor once it is known.
  const firstFloor = tree.data?.flatMap((c) => c.buildings.flatMap((b) => b.floors))[0]?.id;
  useEffect(() => {
    if (room === 'new' && !form.getFieldValue('floorId') && (defaultFloor ?? firstFloor))
      form.setFieldsValue({ floorId: defaultFloor ?? firstFloor });
  }, [room, defaultFloor, firstFloor, form]);
  const { saving, submit: save } = useFormSubmit(
    form,
    async (v: RoomForm) => {
      const body = { ...v, unitId: v.unitId ?? null };
      await saveRoom(editing?.id ?? null, body);
    },
    () => onClose(true),
  );
  return (
    <Modal
      open={!!room}
      width={640}
      destroyOnHidden
      onCancel={guard.close}
      title={editing ? `${t('房间', 'Room')} ${editing.code}` : t('新建房间', 'New room')}
      footer={[
        <Button key="cancel" autoInsertSpace={false} onClick={guard.close}>
          {canWrite ? t('取消', 'Cancel') : t('关闭', 'Close')}
        </Button>,
        ...(canWrite
          ? [
              <Button key="save" type="primary" autoInsertSpace={false} loading={saving} onClick={() => form.submit()}>
                {t('保存', 'Save')}
              </Button>,
            ]
          : []),
      ]}
    >
      <Form<RoomForm>
        onValuesChange={guard.onValuesChange}
        form={form}
        name="room"
        layout="vertical"
        onFinish={save}
        preserve={false}
        disabled={!canWrite}
        initialValues={editing ? { ...editing } : { floorId: defaultFloor, type: 'office' }}
      >
        <Form.Item name="floorId" label={t('楼层', 'Floor')} rules={[{ required: true, message: t('请选择楼层', 'Select a floor') }]}>
          <TreeSelect
            treeData={floorTreeData(tree.data ?? [])}
            treeDefaultExpandAll
            loading={tree.isLoading}
            placeholder={t('选择楼层', 'Select a floor')}
          />
        </Form.Item>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item
            name="code"
            label={t('房间号', 'Room code')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('请填写房间号', 'Enter the room code') }]}
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="name" label={t('房间名称', 'Room name')} style={{ flex: 1 }}>
            <Input maxLength={50} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="type" label={t('房间类型', 'Room type')} style={{ flex: 1 }} rules={[{ required: true }]}>
            <Select options={roomTypeOptions(t)} />
          </Form.Item>
          <Form.Item
            name="usableArea"
            label={t('使用面积', 'Usable area')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('请填写使用面积', 'Enter the usable area') }]}
          >
            <InputNumber min={0.01} step={0.5} precision={2} suffix="m²" style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item
          name="unitId"
          label={t('使用单位', 'Assigned unit')}
          extra={t('改为其他单位时，原单位的使用人将被移出', 'Changing the unit removes the old unit’s occupants')}
        >
          <UnitSelect />
        </Form.Item>
      </Form>
      {editing && canWrite && <Occupants room={editing} />}
      {editing && !canWrite && (
        <Typography.Paragraph>
          {t('使用人：', 'Occupants: ')}
          {editing.occupants.map((o) => o.name).join('、') || '—'}
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
