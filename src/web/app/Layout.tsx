import { useEffect, useMemo, useState } from 'react';
import { Button, Layout, Menu, Space, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AppstoreOutlined,
  BankOutlined,
  FileTextOutlined,
  HomeOutlined,
  KeyOutlined,
  LogoutOutlined,
  LineChartOutlined,
  SettingOutlined,
  UserOutlined,
  ApartmentOutlined,
} from '@ant-design/icons';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from './auth.tsx';
import { useI18n } from './i18n.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NotificationBell } from '../components/NotificationBell.tsx';
import { ChangePasswordModal } from './ChangePassword.tsx';
import { ErrorBoundary } from './ErrorPages.tsx';
import { activeMenuPath, buildMenu } from './menu.ts';
import { pageRoutes } from './pages.ts';
import { useUnitName } from './useUnitName.ts';

const GROUP_ICONS: Record<string, React.ReactNode> = {
  home: <HomeOutlined />,
  assets: <AppstoreOutlined />,
  documents: <FileTextOutlined />,
  finance: <LineChartOutlined />,
  org: <ApartmentOutlined />,
  system: <SettingOutlined />,
};

/** The signed-in frame: header, side menu from every module's routes, and the page. */
export function AppLayout() {
  const { t, locale } = useI18n();
  const { me, session, signOut } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);
  const [narrow, setNarrow] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const unitName = useUnitName(me?.unitId);

  const sections = useMemo(() => buildMenu(pageRoutes, (p) => !!session?.can(p)), [session]);
  const label = (x: { zh: string; en: string }) => (locale === 'en' ? x.en : x.zh);
  const entry = (i: (typeof sections)[number]['items'][number], icon?: React.ReactNode) => ({
    key: i.path,
    icon: i.icon ?? icon,
    label: (
      <Link to={i.path}>
        {label(i)}
        {i.badge ? (
          <>
            {' '}
            <i.badge />
          </>
        ) : null}
      </Link>
    ),
  });
  // The home group's pages (home, dashboard) sit at the top level; the other groups are folders.
  const items: MenuProps['items'] = sections.flatMap(
    (s): NonNullable<MenuProps['items']> =>
      s.key === 'home'
        ? s.items.map((i) => entry(i, GROUP_ICONS.home))
        : [{ key: `group:${s.key}`, icon: GROUP_ICONS[s.key], label: label(s), children: s.items.map((i) => entry(i)) }],
  );
  const selected = activeMenuPath(
    location.pathname,
    sections.flatMap((s) => s.items.map((i) => i.path)),
  );
  const current = sections.flatMap((s) => s.items).find((i) => i.path === selected);
  const product = t('公物 · 国有资产管理', 'Gongwu · State Asset Management');
  useEffect(() => {
    document.title = current ? `${label(current)} - ${product}` : product;
  });
  // On a phone the open menu covers the page: fold it once a page is chosen.
  useEffect(() => {
    if (narrow) setCollapsed(true);
  }, [location.pathname, narrow]);
  const [openKeys, setOpenKeys] = useState<string[]>(() => sections.map((s) => `group:${s.key}`));

  return (
    <Layout className={narrow ? 'app-layout app-narrow' : 'app-layout'}>
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand">
          <span className="app-logo">公</span>
          <span className="app-title">{t('公物 · 国有资产管理', 'Gongwu · State Asset Management')}</span>
        </Link>
        <Space size={4} className="app-header-right">
          <span className="app-user">
            <UserOutlined />
            <Typography.Text strong className="app-user-name">
              {me?.displayName}
            </Typography.Text>
            {unitName && (
              <Typography.Text type="secondary" className="app-user-unit">
                <BankOutlined /> {unitName}
              </Typography.Text>
            )}
          </span>
          <NotificationBell />
          <LanguageSwitch />
          <Button type="text" icon={<KeyOutlined />} onClick={() => setPwOpen(true)}>
            {t('修改密码', 'Change password')}
          </Button>
          <Button
            type="text"
            icon={<LogoutOutlined />}
            onClick={async () => {
              await signOut();
              navigate('/login', { replace: true });
            }}
          >
            {t('退出登录', 'Sign out')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={228}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          // Below 768 px (a phone) the menu folds away entirely and opens over the page.
          breakpoint="md"
          collapsedWidth={narrow ? 0 : 80}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setCollapsed(broken);
          }}
          className="app-sider"
          trigger={
            <Tooltip title={collapsed ? t('展开菜单', 'Expand menu') : t('收起菜单', 'Collapse menu')} placement="right">
              <span>{collapsed ? '»' : '«'}</span>
            </Tooltip>
          }
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected ? [selected] : []}
            {...(collapsed ? {} : { openKeys, onOpenChange: setOpenKeys })}
            aria-label={t('主菜单', 'Main menu')}
          />
        </Layout.Sider>
        <Layout.Content className="app-content">
          <ErrorBoundary resetKey={location.pathname}>
            <Outlet />
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout>
  );
}
