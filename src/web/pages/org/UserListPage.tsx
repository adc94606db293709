import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { UserView } from '../../../shared/org.contracts.ts';
import type { Role } from '../../../shared/roles.ts';
import { createUser, resetPassword, setUserActive, setUserRoles } from './api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ServerTable, useInvalidateList } from '../../components/ServerTable.tsx';
import { StaffSelect, UnitSelect } from '../../components/selects.tsx';
import { useFormErrors } from '../../components/useFormErrors.ts';
import { useFormSubmit } from '../../components/useFormSubmit.ts';
import { roleLabel, roleOptions } from './labels.ts';
import { RoleListField } from './RoleListField.tsx';
import { useCloseGuard } from '../../components/useUnsavedGuard.ts';

interface Grant {
  role: Role;
  unitId: string | null;
}
interface CreateForm {
  username: string;
  staffId?: string | null;
  displayName?: string | null;
  password?: string | null;
  roles: Grant[];
}

/** Shows a generated password once: it is not stored anywhere readable. */
function usePasswordNotice() {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (username: string, password: string | null) => {
    if (!password) return;
    modal.success({
      title: t('初始密码', 'Initial password'),
      content: (
        <>
          <p>
            {t(
              `用户 ${username} 的密码（仅显示这一次，首次登录须修改）：`,
              `Password of ${username} (shown once; must be changed at first sign-in):`,
            )}
          </p>
          <Typography.Text copyable code strong>
            {password}
          </Typography.Text>
        </>
      ),
    });
  };
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const guard = useCloseGuard(open, () => onClose(false));
  const [form] = Form.useForm<CreateForm>();
  const showErrors = useFormErrors(form);
  const notice = usePasswordNotice();
  const [saving, setSaving] = useState(false);
  const save = async (v: CreateForm) => {
    setSaving(true);
    try {
      const res = await createUser({ ...v, roles: v.roles ?? [] });
      onClose(true);
      notice(v.username, res.password);
    } catch (e) {
      showErrors(e);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      width={680}
      title={t('新建用户', 'New user')}
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
      <Form<CreateForm>
        onValuesChange={guard.onValuesChange}
        form={form}
        layout="vertical"
        onFinish={save}
        preserve={false}
        initialValues={{ roles: [{ role: 'staff', unitId: null }] }}
      >
        <Form.Item
          name="username"
          label={t('用户名', 'Username')}
          rules={[{ required: true, message: t('请填写用户名', 'Enter a username') }]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="staffId"
          label={t('绑定人员', 'Staff member')}
          extra={t('账号的单位随人员所在单位', 'The account takes the staff member’s unit')}
        >
          <StaffSelect />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('显示名称', 'Display name')}
          extra={t('留空则使用人员姓名', 'Empty: the staff member’s name')}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('初始密码', 'Initial password')}
          extra={t('留空则自动生成，首次登录须修改', 'Empty: generated; must be changed at first sign-in')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label={t('角色', 'Roles')} required>
          <RoleListField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesModal({ user, onClose }: { user: UserView | null; onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const guard = useCloseGuard(!!user, () => onClose(false));
  const [form] = Form.useForm<{ roles: Grant[] }>();
  const { saving, submit: save } = useFormSubmit(
    form,
    async (v: { roles: Grant[] }) => {
      const res = await setUserRoles(user!.id, v.roles ?? []);
      return t(`已授予 ${res.granted} 个、撤销 ${res.revoked} 个角色`, `${res.granted} granted, ${res.revoked} revoked`);
    },
    () => onClose(true),
  );
  return (
    <Modal
      open={!!user}
      width={620}
      title={`${t('设置角色', 'Roles')} · ${user?.username ?? ''}`}
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
      <Typography.Paragraph type="secondary">
        {t('每次授予和撤销都记入安全日志。', 'Every grant and revocation is written to the security log.')}
      </Typography.Paragraph>
      <Form
        onValuesChange={guard.onValuesChange}
        form={form}
        onFinish={save}
        preserve={false}
        initialValues={{ roles: user?.roles.map((r) => ({ role: r.role, unitId: r.unitId })) ?? [] }}
      >
        <RoleListField />
      </Form>
    </Modal>
  );
}

/** 用户与角色: accounts bound to staff, their roles, password resets and deactivation. */
export default function UserListPage() {
  const { t } = useI18n();
  const { can, me } = useSession();
  const refresh = useInvalidateList();
  const notice = usePasswordNotice();
  const [creating, setCreating] = useState(false);
  const [rolesOf, setRolesOf] = useState<UserView | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [role, setRole] = useState<string | undefined>();
  const [active, setActive] = useState<string | undefined>();
  const canWrite = can('org.user.write');
  const reload = () => refresh('/api/users');

  const columns: TableColumnsType<UserView> = [
    { title: t('用户名', 'Username'), dataIndex: 'username', key: 'username', sorter: true, width: 140 },
    { title: t('显示名称', 'Display name'), dataIndex: 'displayName', key: 'displayName', sorter: true, width: 120 },
    { title: t('单位', 'Unit'), dataIndex: 'unitName', render: (v) => v ?? t('全系统', 'System-wide') },
    {
      title: t('角色', 'Roles'),
      key: 'roles',
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.roles.map((g) => (
            <Tag key={`${g.role}${g.unitId}`} color={g.unitId ? 'default' : 'blue'} title={g.unitName ?? undefined}>
              {roleLabel(t, g.role)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('状态', 'Status'),
      dataIndex: 'active',
      width: 110,
      render: (v, r) => (
        <Space size={2}>
          {v ? <Tag color="green">{t('启用', 'Active')}</Tag> : <Tag color="red">{t('停用', 'Inactive')}</Tag>}
          {r.mustChangePassword && <Tag color="orange">{t('待改密', 'Must change password')}</Tag>}
        </Space>
      ),
    },
    ...(canWrite
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'actions',
            width: 230,
            render: (_: unknown, r: UserView) => (
              <Space size={0}>
                <Button size="small" type="link" onClick={() => setRolesOf(r)}>
                  {t('角色', 'Roles')}
                </Button>
                <ConfirmButton
                  size="small"
                  type="link"
                  confirm={t(`确定重置 ${r.username} 的密码？`, `Reset the password of ${r.username}?`)}
                  description={t('将生成新密码，其现有登录全部失效。', 'A new password is generated and its sessions end.')}
                  onConfirm={async () => {
                    const res = await resetPassword(r.id);
                    notice(r.username, res.password);
                    await reload();
                  }}
                >
                  {t('重置密码', 'Reset password')}
                </ConfirmButton>
                {r.id !== me.userId &&
                  (r.active ? (
                    <ConfirmButton
                      size="small"
                      type="link"
                      danger
                      confirm={t(`确定停用 ${r.username}？`, `Deactivate ${r.username}?`)}
                      description={t('停用后不能登录，现有登录立即失效。', 'It can no longer sign in; its sessions end now.')}
                      onConfirm={async () => {
                        await setUserActive(r.id, false);
                        await reload();
                      }}
                    >
                      {t('停用', 'Deactivate')}
                    </ConfirmButton>
                  ) : (
                    <ConfirmButton
                      size="small"
                      type="link"
                      confirm={t(`确定启用 ${r.username}？`, `Activate ${r.username}?`)}
                      onConfirm={async () => {
                        await setUserActive(r.id, true);
                        await reload();
                      }}
                    >
                      {t('启用', 'Activate')}
                    </ConfirmButton>
                  ))}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('用户与角色', 'Users & roles')}
        extra={
          canWrite && (
            <Button type="primary" icon={<PlusOutlined />} autoInsertSpace={false} onClick={() => setCreating(true)}>
              {t('新建用户', 'New user')}
            </Button>
          )
        }
      />
      <ServerTable<UserView>
        url="/api/users"
        columns={columns}
        filters={{ unitId, role, active }}
        search={t('用户名或姓名', 'Username or name')}
        defaultSort={{ sort: 'username', order: 'asc' }}
        toolbar={
          <>
            <UnitSelect style={{ width: 220 }} value={unitId} onChange={(v) => setUnitId((v as string) ?? undefined)} />
            <Select
              style={{ width: 150 }}
              allowClear
              placeholder={t('角色', 'Role')}
              value={role}
              options={roleOptions(t)}
              onChange={setRole}
            />
            <Select
              style={{ width: 100 }}
              allowClear
              placeholder={t('状态', 'Status')}
              value={active}
              options={[
                { value: 'true', label: t('启用', 'Active') },
                { value: 'false', label: t('停用', 'Inactive') },
              ]}
              onChange={setActive}
            />
          </>
        }
      />
      <CreateUserModal
        open={creating}
        onClose={(saved) => {
          setCreating(false);
          if (saved) void reload();
        }}
      />
      <RolesModal
        user={rolesOf}
        onClose={(saved) => {
          setRolesOf(null);
          if (saved) void reload();
        }}
      />
    </>
  );
}
