import { lazy } from 'react';
import { BankOutlined, EnvironmentOutlined, SafetyOutlined, TeamOutlined, UserSwitchOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/org/units',
    component: lazy(() => import('./UnitListPage.tsx')),
    permission: 'org.read',
    menu: { group: 'org', zh: '单位', en: 'Units', icon: <BankOutlined />, order: 10 },
  },
  { path: '/org/units/:id/departments', component: lazy(() => import('./DepartmentPage.tsx')), permission: 'org.read' },
  {
    path: '/org/staff',
    component: lazy(() => import('./StaffListPage.tsx')),
    permission: 'org.read',
    menu: { group: 'org', zh: '人员', en: 'Staff', icon: <TeamOutlined />, order: 20 },
  },
  {
    path: '/org/places',
    component: lazy(() => import('./PlacesPage.tsx')),
    permission: 'org.read',
    menu: { group: 'org', zh: '办公区与房间', en: 'Places & rooms', icon: <EnvironmentOutlined />, order: 30 },
  },
  {
    path: '/system/users',
    component: lazy(() => import('./UserListPage.tsx')),
    permission: 'org.user.read',
    menu: { group: 'system', zh: '用户与角色', en: 'Users & roles', icon: <UserSwitchOutlined />, order: 10 },
  },
  {
    path: '/system/security-events',
    component: lazy(() => import('./SecurityLogPage.tsx')),
    permission: 'audit.read',
    menu: { group: 'system', zh: '安全日志', en: 'Security log', icon: <SafetyOutlined />, order: 20 },
  },
];
