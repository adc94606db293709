import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { errorText } from '../components/errors.ts';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { FullPageSpin } from './guards.tsx';
import { safeNext } from './menu.ts';

export function LoginPage() {
  const { t } = useI18n();
  const { me, signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (me === undefined) return <FullPageSpin />;
  if (me && !busy) return <Navigate to={me.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next} replace />;

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const fresh = await signIn(v.username.trim(), v.password);
      navigate(fresh.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next, { replace: true });
    } catch (err) {
      setError(errorText(err, t('登录失败', 'Sign-in failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <div className="login-brand">
        <div className="login-logo">公</div>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('公物 · 国有资产管理', 'Gongwu · State Asset Management')}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t('机关事务管理委员会 集中办公区国有资产管理系统', 'State-owned asset management for government office compounds')}
        </Typography.Text>
      </div>
      <Card className="login-card" title={t('用户登录', 'Sign in')}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} size="large" data-enter-submits="true">
          <Form.Item
            name="username"
            label={t('用户名', 'Username')}
            rules={[{ required: true, whitespace: true, message: t('请输入用户名', 'Enter your username') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('密码', 'Password')}
            rules={[{ required: true, message: t('请输入密码', 'Enter your password') }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('登录', 'Sign in')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" className="login-footer">
        {t('忘记密码请联系系统管理员重置', 'Forgot your password? Ask the system administrator to reset it')}
      </Typography.Text>
    </div>
  );
}
