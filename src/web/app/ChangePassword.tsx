import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ok, http } from '../api/client.ts';
import { useFormErrors } from '../components/useFormErrors.ts';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import { safeNext } from './menu.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

function PasswordFields() {
  const { t } = useI18n();
  return (
    <>
      <Form.Item
        name="currentPassword"
        label={t('当前密码', 'Current password')}
        rules={[{ required: true, message: t('请输入当前密码', 'Enter the current password') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('新密码', 'New password')}
        extra={t('至少 8 位，须同时包含字母和数字', 'At least 8 characters with letters and digits')}
        rules={[{ required: true, message: t('请输入新密码', 'Enter a new password') }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('确认新密码', 'Confirm new password')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('请再次输入新密码', 'Enter the new password again') },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error(t('两次输入的密码不一致', 'The passwords differ'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

function useChangePassword(form: ReturnType<typeof Form.useForm<Values>>[0]) {
  const showErrors = useFormErrors(form);
  const { refresh } = useAuth();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await ok(http.POST('/api/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }));
      await refresh();
      return true;
    } catch (err) {
      showErrors(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy };
}

/** 修改密码 from the header. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useChangePassword(form);
  return (
    <Modal
      open={open}
      title={t('修改密码', 'Change password')}
      onCancel={onClose}
      okText={t('保存', 'Save')}
      cancelText={t('取消', 'Cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      destroyOnHidden
      afterClose={() => form.resetFields()}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          if (await submit(v)) {
            message.success(t('密码已修改', 'Password changed'));
            onClose();
          }
        }}
      >
        <PasswordFields />
      </Form>
    </Modal>
  );
}

/** The page a user with a temporary password must pass before anything else. */
export function ChangePasswordPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { submit, busy } = useChangePassword(form);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { signOut } = useAuth();
  return (
    <div className="login-page">
      <Card className="login-card" title={t('首次登录请修改密码', 'Change your password to continue')}>
        <Typography.Paragraph type="secondary">
          {t(
            '您的密码是管理员设置的临时密码，修改后才能继续使用系统。',
            'Your password was set by an administrator; choose your own to continue.',
          )}
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v) => {
            if (await submit(v)) {
              message.success(t('密码已修改', 'Password changed'));
              navigate(safeNext(params.get('next')), { replace: true });
            }
          }}
        >
          <PasswordFields />
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('保存并继续', 'Save and continue')}
          </Button>
          <Button
            type="link"
            block
            onClick={async () => {
              await signOut();
              navigate('/login', { replace: true });
            }}
          >
            {t('退出登录', 'Sign out')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
