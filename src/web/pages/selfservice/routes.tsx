import { lazy } from 'react';
import { AlertOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/card-reports',
    component: lazy(() => import('./CardReportsPage.tsx')),
    permission: 'card.write',
    menu: { group: 'assets', zh: '扫码报修与报告', en: 'Reports from QR pages', icon: <AlertOutlined />, order: 60 },
  },
];
