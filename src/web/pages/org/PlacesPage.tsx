import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Dropdown, Form, Input, InputNumber, Modal, Row, Select, Tree, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { RoomView } from '../../../shared/org.contracts.ts';
import { orgKeys, savePlace, usePlaceTree } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { UnitSelect } from '../../components/selects.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { roomTypeLabel, roomTypeOptions } from './labels.ts';
import { RoomModal } from './RoomModal.tsx';
import { useCloseGuard } from '../../components/useUnsavedGuard.ts';

type NodeKind = 'compound' | 'building' | 'floor';
interface Selected {
  kind: NodeKind;
  id: string;
}
interface NodeEdit {
  kind: NodeKind;
  parentId?: string;
  id?: string;
  values?: Record<string, unknown>;
}

/** New or edited compound, building or floor. */
function PlaceNodeModal({ edit, onClose }: { edit: NodeEdit | null; onClose: (saved: boolean) => void }) {
  const guard = useCloseGuard(!!edit, () => onClose(false));
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const showErrors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  if (!edit) return null;
  const titles = { compound: t('办公区', 'Compound'), building: t('楼栋', 'Building'), floor: t('楼层', 'Floor') };
  const save = async (v: Record<string, unknown>) => {
    setSaving(true);
    try {
      const body =
        edit.kind === 'building' ? { ...v, compoundId: edit.parentId } : edit.kind === 'floor' ? { ...v, buildingId: edit.parentId } : v;
      await savePlace(edit.kind, edit.id ?? null, body);
      message.success(t('已保存', 'Saved'));
      onClose(true);
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={`${edit.id ? t('修改', 'Edit') : t('新建', 'New')} ${titles[edit.kind]}`}
      destroyOnHidden
      onCancel={guard.close}
      footer={[
        <Button key="cancel" autoInsertSpace={false} onClick={guard.close}>
          {t('取消', 'Cancel')}
        </Button>,
        <Button key="save" type="primary" autoInsertSpace={false} loading={saving} onClick={() => form.submit()}>
          {t('保存', 'Save')}
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        preserve={false}
        initialValues={edit.values}
        onValuesChange={guard.onValuesChange}
      >
        {edit.kind === 'floor' ? (
          <Form.Item
            name="level"
            label={t('楼层号', 'Level')}
            rules={[{ required: true }]}
            extra={t('地下层用负数', 'Basements are negative')}
          >
            <InputNumber min={-10} max={200} />
          </Form.Item>
        ) : (
          <Form.Item name="code" label={t('编码', 'Code')} rules={[{ required: true }]}>
            <Input maxLength={20} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('名称', 'Name')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        {edit.kind === 'compound' && (
          <Form.Item name="address" label={t('地址', 'Address')}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** 办公区与房间: the compound → building → floor tree on the left, the rooms of the selection on the right. */
export default function PlacesPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const refresh = useInvalidateList();
  const [selected, setSelected] = useState<Selected | null>(null);
  const [type, setType] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [room, setRoom] = useState<RoomView | null | 'new'>(null);
  const [nodeEdit, setNodeEdit] = useState<NodeEdit | null>(null);
  const tree = usePlaceTree();
  const canWrite = can('org.place.write');

  const treeData = useMemo(
    () =>
      (tree.data ?? []).map((c) => ({
        key: `compound:${c.id}`,
        title: c.name,
        children: c.buildings.map((b) => ({
          key: `building:${b.id}`,
          title: b.name,
          children: b.floors.map((f) => ({ key: `floor:${f.id}`, title: f.name, isLeaf: true })),
        })),
      })),
    [tree.data],
  );

  const firstFloor = tree.data?.flatMap((c) => c.buildings.flatMap((b) => b.floors))[0]?.id;
  const defaultFloor =
    selected?.kind === 'floor'
      ? selected.id
      : selected?.kind === 'building'
        ? (tree.data?.flatMap((c) => c.buildings).find((b) => b.id === selected.id)?.floors[0]?.id ?? firstFloor)
        : firstFloor;

  const filters = {
    compoundId: selected?.kind === 'compound' ? selected.id : undefined,
    buildingId: selected?.kind === 'building' ? selected.id : undefined,
    floorId: selected?.kind === 'floor' ? selected.id : undefined,
    type,
    unitId,
  };

  const nodeValues = (s: Selected) => {
    for (const c of tree.data ?? []) {
      if (s.kind === 'compound' && c.id === s.id) return { kind: s.kind, id: c.id, values: c };
      for (const b of c.buildings) {
        if (s.kind === 'building' && b.id === s.id) return { kind: s.kind, id: b.id, parentId: c.id, values: b };
        const f = b.floors.find((x) => x.id === s.id);
        if (s.kind === 'floor' && f) return { kind: s.kind, id: f.id, parentId: b.id, values: f };
      }
    }
    return null;
  };

  // Headers differ from the room form's labels (房间号, 使用面积) so a label finds the form field only.
  const columns: TableColumnsType<RoomView> = [
    {
      title: t('房间编号', 'Room no.'),
      dataIndex: 'code',
      key: 'code',
      sorter: true,
      width: 100,
      render: (v, r) => <a onClick={() => setRoom(r)}>{v}</a>,
    },
    { title: t('名称', 'Name'), dataIndex: 'name', width: 130 },
    {
      title: t('位置', 'Location'),
      key: 'floor',
      sorter: true,
      width: 230,
      render: (_, r) => `${r.compoundName} ${r.buildingName} ${r.floorName}`,
    },
    { title: t('类型', 'Type'), dataIndex: 'type', key: 'type', sorter: true, width: 100, render: (v) => roomTypeLabel(t, v) },
    {
      title: t('面积(m²)', 'Area (m²)'),
      dataIndex: 'usableArea',
      key: 'usableArea',
      sorter: true,
      align: 'right',
      width: 130,
      render: (v: number) => v.toFixed(2),
    },
    {
      title: t('使用单位', 'Unit'),
      dataIndex: 'unitName',
      key: 'unit',
      sorter: true,
      width: 200,
      render: (v) => v ?? <Typography.Text type="secondary">{t('未分配', 'Vacant')}</Typography.Text>,
    },
    {
      title: t('使用人', 'Occupants'),
      key: 'occupants',
      width: 200,
      ellipsis: true,
      render: (_, r) => r.occupants.map((o) => o.name).join('、'),
    },
  ];

  const closeNode = (saved: boolean) => {
    setNodeEdit(null);
    if (saved) void qc.invalidateQueries({ queryKey: orgKeys.placeTree });
  };
  const edited = selected ? nodeValues(selected) : null;

  return (
    <>
      <PageHeader
        title={t('办公区与房间', 'Places & rooms')}
        subTitle={t('办公区 → 楼栋 → 楼层 → 房间', 'Compound → building → floor → room')}
      />
      <Row gutter={16}>
        <Col xs={24} md={7} lg={6}>
          <Card
            size="small"
            title={t('办公区', 'Compounds')}
            extra={
              canWrite && (
                <Dropdown
                  menu={{
                    items: [
                      { key: 'compound', label: t('新建办公区', 'New compound') },
                      { key: 'building', label: t('新建楼栋', 'New building'), disabled: selected?.kind !== 'compound' },
                      { key: 'floor', label: t('新建楼层', 'New floor'), disabled: selected?.kind !== 'building' },
                      { key: 'edit', label: t('修改所选', 'Edit selected'), disabled: !edited },
                    ],
                    onClick: ({ key }) => {
                      if (key === 'edit' && edited) setNodeEdit(edited);
                      else if (key === 'compound') setNodeEdit({ kind: 'compound' });
                      else if (selected) setNodeEdit({ kind: key as NodeKind, parentId: selected.id });
                    },
                  }}
                >
                  <Button size="small" icon={<PlusOutlined />} autoInsertSpace={false}>
                    {t('维护', 'Manage')}
                  </Button>
                </Dropdown>
              )
            }
          >
            <Tree
              treeData={treeData}
              defaultExpandAll={false}
              selectedKeys={selected ? [`${selected.kind}:${selected.id}`] : []}
              onSelect={(keys) => {
                const key = keys[0] as string | undefined;
                if (!key) return setSelected(null);
                const [kind, id] = key.split(':') as [NodeKind, string];
                setSelected({ kind, id });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} md={17} lg={18}>
          <ServerTable<RoomView>
            url="/api/rooms"
            columns={columns}
            filters={filters}
            search={t('房间号或名称', 'Room code or name')}
            defaultSort={{ sort: 'code', order: 'asc' }}
            tableProps={{ scroll: { x: 1150 } }}
            toolbar={
              <>
                <Select
                  style={{ width: 120 }}
                  allowClear
                  placeholder={t('房间类型', 'Room type')}
                  value={type}
                  options={roomTypeOptions(t)}
                  onChange={setType}
                />
                <UnitSelect style={{ width: 220 }} value={unitId} onChange={(v) => setUnitId((v as string) ?? undefined)} />
                {canWrite && (
                  <Button type="primary" icon={<PlusOutlined />} autoInsertSpace={false} onClick={() => setRoom('new')}>
                    {t('新建房间', 'New room')}
                  </Button>
                )}
              </>
            }
          />
        </Col>
      </Row>
      <RoomModal
        room={room}
        defaultFloor={defaultFloor}
        onClose={(saved) => {
          setRoom(null);
          if (saved) void refresh('/api/rooms');
        }}
      />
      <PlaceNodeModal edit={nodeEdit} onClose={closeNode} />
    </>
  );
}
