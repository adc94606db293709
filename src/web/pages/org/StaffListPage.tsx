import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Switch, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import type { StaffView } from '../../../shared/org.contracts.ts';
import type { Rank } from '../../../shared/roles.ts';
import { saveStaff } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { DepartmentSelect, UnitSelect } from '../../components/selects.tsx';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { rankLabel, rankOptions } from './labels.ts';
import { useCloseGuard } from '../../components/useUnsavedGuard.ts';

interface StaffForm {
  unitId: string;
  departmentId?: string | null;
  employeeNo?: string | null;
  name: string;
  rank: Rank;
  onEstablishment: boolean;
  title?: string | null;
  phone?: string | null;
  active: boolean;
}

function StaffModal({
  person,
  defaultUnit,
  onClose,
}: {
  person: StaffView | null | 'new';
  defaultUnit?: string;
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const guard = useCloseGuard(!!person, () => onClose(false));
  const [form] = Form.useForm<StaffForm>();
  const editing = person && person !== 'new' ? person : null;
  const unitId = Form.useWatch('unitId', form);
  const { saving, submit: save } = useFormSubmit(
    form,
    async (v: StaffForm) => {
      await saveStaff(editing?.id ?? null, v);
    },
    () => onClose(true),
  );
  return (
    <Modal
      open={!!person}
      width={640}
      title={editing ? t('修改人员', 'Edit staff') : t('新建人员', 'New staff')}
      onCancel={guard.close}
      destroyOnHidden
      footer={[
        <Button key="cancel" autoInsertSpace={false} onClick={guard.close}>
          {t('取消', 'Cancel')}
        </Button>,
        <Button key="save" type="primary" autoInsertSpace={false} loading={saving} onClick={() => form.submit()}>
          {t('保存', 'Save')}
        </Button>,
      ]}
    >
      <Form<StaffForm>
        onValuesChange={guard.onValuesChange}
        form={form}
        layout="vertical"
        onFinish={save}
        preserve={false}
        initialValues={editing ? { ...editing } : { unitId: defaultUnit, rank: 'below_bureau', onEstablishment: true, active: true }}
      >
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item
            name="name"
            label={t('姓名', 'Name')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('请填写姓名', 'Enter the name') }]}
          >
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="employeeNo" label={t('工号', 'Employee no.')} style={{ flex: 1 }}>
            <Input maxLength={30} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="unitId" label={t('单位', 'Unit')} rules={[{ required: true, message: t('请选择单位', 'Select a unit') }]}>
          <UnitSelect
            onChange={(v) => {
              form.setFieldsValue({ unitId: v as string, departmentId: null });
            }}
          />
        </Form.Item>
        <Form.Item name="departmentId" label={t('处室', 'Department')}>
          <DepartmentSelect unitId={unitId} />
        </Form.Item>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="rank" label={t('职级', 'Rank')} style={{ flex: 1 }} rules={[{ required: true }]}>
            <Select options={rankOptions(t)} />
          </Form.Item>
          <Form.Item name="title" label={t('职务', 'Title')} style={{ flex: 1 }}>
            <Input maxLength={50} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block style={{ gap: 12 }}>
          <Form.Item name="phone" label={t('电话', 'Phone')} style={{ flex: 1 }}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="onEstablishment" label={t('编制内', 'On establishment')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="active" label={t('在职', 'Active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}

/** 人员: search by name or number, filter by unit, department, rank and establishment. */
export default function StaffListPage() {
  const { t } = useI18n();
  const { can, units } = useSession();
  const refresh = useInvalidateList();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<StaffView | null | 'new'>(null);
  const filter = {
    unitId: params.get('unitId') ?? undefined,
    departmentId: params.get('departmentId') ?? undefined,
    rank: params.get('rank') ?? undefined,
    onEstablishment: params.get('onEstablishment') ?? undefined,
  };
  const setFilter = (change: Partial<typeof filter>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(change))
          if (v) next.set(k, v);
          else next.delete(k);
        if ('unitId' in change) next.delete('departmentId');
        return next;
      },
      { replace: true },
    );
  const scope = units('org.staff.write');
  const ownUnit = scope !== 'all' && scope.length === 1 ? scope[0] : undefined;

  const columns: TableColumnsType<StaffView> = [
    { title: t('工号', 'Employee no.'), dataIndex: 'employeeNo', key: 'employeeNo', sorter: true, width: 120 },
    { title: t('姓名', 'Name'), dataIndex: 'name', key: 'name', sorter: true, width: 110 },
    { title: t('单位', 'Unit'), dataIndex: 'unitName', key: 'unit', sorter: true },
    {
      title: t('处室', 'Department'),
      dataIndex: 'departmentName',
      key: 'department',
      sorter: true,
      width: 130,
      render: (v) => v ?? t('单位领导', 'Leadership'),
    },
    { title: t('职级', 'Rank'), dataIndex: 'rank', key: 'rank', sorter: true, width: 100, render: (v) => rankLabel(t, v) },
    { title: t('职务', 'Title'), dataIndex: 'title', width: 120 },
    {
      title: t('编制', 'Establishment'),
      dataIndex: 'onEstablishment',
      width: 80,
      render: (v) => (v ? t('编制内', 'On') : <Tag>{t('编制外', 'Off')}</Tag>),
    },
    {
      title: t('状态', 'Status'),
      dataIndex: 'active',
      width: 70,
      render: (v) => (v ? t('在职', 'Active') : <Tag>{t('离职', 'Left')}</Tag>),
    },
    ...(can('org.staff.write')
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 70,
            render: (_: unknown, r: StaffView) => <a onClick={() => setEditing(r)}>{t('修改', 'Edit')}</a>,
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('人员', 'Staff')}
        extra={
          can('org.staff.write') && (
            <Button type="primary" icon={<PlusOutlined />} autoInsertSpace={false} onClick={() => setEditing('new')}>
              {t('新建人员', 'New staff')}
            </Button>
          )
        }
      />
      <ServerTable<StaffView>
        url="/api/staff"
        columns={columns}
        filters={filter}
        search={t('姓名或工号', 'Name or employee no.')}
        defaultSort={{ sort: 'employeeNo', order: 'asc' }}
        toolbar={
          <>
            <UnitSelect style={{ width: 220 }} value={filter.unitId} onChange={(v) => setFilter({ unitId: (v as string) ?? undefined })} />
            <DepartmentSelect
              style={{ width: 150 }}
              unitId={filter.unitId}
              value={filter.departmentId}
              onChange={(v) => setFilter({ departmentId: (v as string) ?? undefined })}
            />
            <Select
              style={{ width: 120 }}
              allowClear
              placeholder={t('职级', 'Rank')}
              value={filter.rank}
              options={rankOptions(t)}
              onChange={(v) => setFilter({ rank: v })}
            />
            <Select
              style={{ width: 110 }}
              allowClear
              placeholder={t('编制', 'Establishment')}
              value={filter.onEstablishment}
              options={[
                { value: 'true', label: t('编制内', 'On') },
                { value: 'false', label: t('编制外', 'Off') },
              ]}
              onChange={(v) => setFilter({ onEstablishment: v })}
            />
          </>
        }
      />
      <StaffModal
        person={editing}
        defaultUnit={filter.unitId ?? ownUnit}
        onClose={(saved) => {
          setEditing(null);
          if (saved) void refresh('/api/staff');
        }}
      />
    </>
  );
}
