import { lazy } from 'react';
import { ApartmentOutlined, SwapOutlined, FileTextOutlined, InboxOutlined, ProfileOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';
import { InboxBadge } from './docShared.tsx';

export const routes: PageRoute[] = [
  {
    path: '/inbox',
    component: lazy(() => import('./InboxPage.tsx')),
    permission: 'document.approve',
    menu: { group: 'documents', zh: '我的待办', en: 'My inbox', icon: <InboxOutlined />, order: 1, badge: InboxBadge },
  },
  {
    path: '/delegations',
    component: lazy(() => import('./DelegationsPage.tsx')),
    permission: 'document.approve',
    menu: { group: 'documents', zh: '审批委托', en: 'Delegations', icon: <SwapOutlined />, order: 1.5 },
  },
  {
    path: '/documents',
    component: lazy(() => import('./DocumentListPage.tsx')),
    permission: 'document.read',
    menu: { group: 'documents', zh: '业务单据', en: 'Documents', icon: <FileTextOutlined />, order: 2 },
  },
  { path: '/documents/new/:type', component: lazy(() => import('./DocumentFormPage.tsx')), permission: 'document.write' },
  { path: '/documents/:id/edit', component: lazy(() => import('./DocumentFormPage.tsx')), permission: 'document.write' },
  { path: '/documents/:id', component: lazy(() => import('./DocumentDetailPage.tsx')), permission: 'document.read' },
  { path: '/documents/:id/sheet', component: lazy(() => import('./ApprovalSheetPage.tsx')), permission: 'document.read', bare: true },
  {
    path: '/approval-chains',
    component: lazy(() => import('./ChainsPage.tsx')),
    permission: 'chain.write',
    menu: { group: 'documents', zh: '审批流程配置', en: 'Approval chains', icon: <ApartmentOutlined />, order: 20 },
  },
  {
    path: '/standards',
    component: lazy(() => import('./StandardsPage.tsx')),
    permission: 'document.read',
    menu: { group: 'documents', zh: '配置标准', en: 'Allocation standards', icon: <ProfileOutlined />, order: 21 },
  },
];
