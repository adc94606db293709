import { useState } from 'react';
import { Button, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import type { DepartmentView } from '../../../shared/org.contracts.ts';
import { orgKeys, saveDepartment, setDepartmentActive, useDepartments, useUnit } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { errorText } from '../../components/errors.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { useCloseGuard } from '../../components/useUnsavedGuard.ts';

interface DeptForm {
  name: string;
  code?: string | null;
  sort: number;
}

function DepartmentModal({
  unitId,
  dept,
  onClose,
}: {
  unitId: string;
  dept: DepartmentView | null | 'new';
  onClose: (saved: boolean) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<DeptForm>();
  const editing = dept && dept !== 'new' ? dept : null;
  const guard = useCloseGuard(!!dept, () => onClose(false));
  const { saving, submit: save } = useFormSubmit(
    form,
    async (v: DeptForm) => {
      await saveDepartment(unitId, editing?.id ?? null, v);
    },
    () => onClose(true),
  );
  return (
    <Modal
      open={!!dept}
      title={editing ? t('修改处室', 'Edit department') : t('新建处室', 'New department')}
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
      <Form<DeptForm>
        form={form}
        onValuesChange={guard.onValuesChange}
        layout="vertical"
        onFinish={save}
        preserve={false}
        initialValues={editing ?? { sort: 0 }}
      >
        <Form.Item name="name" label={t('处室名称', 'Name')} rules={[{ required: true, message: t('请填写处室名称', 'Enter the name') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="code" label={t('处室编码', 'Code')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="sort" label={t('排序', 'Sort order')}>
          <InputNumber min={0} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 处室: the departments of one unit; a unit admin manages its own. */
export default function DepartmentPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { can } = useSession();
  const qc = useQueryClient();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<DepartmentView | null | 'new'>(null);
  const unit = useUnit(id);
  const list = useDepartments(id, includeInactive);
  const reload = () => qc.invalidateQueries({ queryKey: orgKeys.departmentsOf(id) });
  const canWrite = can('org.department.write');

  const columns: TableColumnsType<DepartmentView> = [
    { title: t('处室名称', 'Name'), dataIndex: 'name' },
    { title: t('编码', 'Code'), dataIndex: 'code', width: 140 },
    { title: t('排序', 'Sort'), dataIndex: 'sort', width: 80, align: 'right' },
    {
      title: t('在职人数', 'Staff'),
      dataIndex: 'staffCount',
      width: 100,
      align: 'right',
      render: (v, r) => <Link to={`/org/staff?unitId=${id}&departmentId=${r.id}`}>{v}</Link>,
    },
    {
      title: t('状态', 'Status'),
      dataIndex: 'active',
      width: 80,
      render: (v) => (v ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag>{t('停用', 'Inactive')}</Tag>),
    },
    ...(canWrite
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 160,
            render: (_: unknown, r: DepartmentView) => (
              <Space>
                <Button size="small" type="link" onClick={() => setEditing(r)}>
                  {t('修改', 'Edit')}
                </Button>
                {r.active ? (
                  <ConfirmButton
                    size="small"
                    type="link"
                    danger
                    confirm={t(`确定停用“${r.name}”？`, `Deactivate ${r.name}?`)}
                    description={t('停用后不能再选择该处室，已有记录保留。', 'It can no longer be chosen; existing records keep it.')}
                    onConfirm={async () => {
                      await setDepartmentActive(r.id, false);
                      await reload();
                    }}
                  >
                    {t('停用', 'Deactivate')}
                  </ConfirmButton>
                ) : (
                  <ConfirmButton
                    size="small"
                    type="link"
                    confirm={t(`确定启用“${r.name}”？`, `Activate ${r.name}?`)}
                    onConfirm={async () => {
                      await setDepartmentActive(r.id, true);
                      await reload();
                    }}
                  >
                    {t('启用', 'Activate')}
                  </ConfirmButton>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={unit.data ? `${unit.data.name} · ${t('处室', 'Departments')}` : t('处室', 'Departments')}
        breadcrumb={[{ title: t('单位', 'Units'), path: '/org/units' }]}
        back="/org/units"
        extra={
          <Space>
            <span>
              {t('含已停用', 'Include inactive')} <Switch size="small" checked={includeInactive} onChange={setIncludeInactive} />
            </span>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} autoInsertSpace={false} onClick={() => setEditing('new')}>
                {t('新建处室', 'New department')}
              </Button>
            )}
          </Space>
        }
      />
      {list.isError && <div style={{ color: 'red', marginBottom: 8 }}>{errorText(list.error)}</div>}
      <Table<DepartmentView>
        rowKey="id"
        size="middle"
        bordered
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data?.items ?? []}
        pagination={false}
      />
      <DepartmentModal
        unitId={id}
        dept={editing}
        onClose={(saved) => {
          setEditing(null);
          if (saved) void reload();
        }}
      />
    </>
  );
}
