import { lazy } from 'react';
import { AccountBookOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/income',
    component: lazy(() => import('./IncomePage.tsx')),
    permission: 'income.read',
    menu: { group: 'finance', zh: '国有资产收入', en: 'Asset income', icon: <AccountBookOutlined />, order: 30 },
  },
  { path: '/income/report/print', component: lazy(() => import('./IncomeReportPrintPage.tsx')), permission: 'income.read', bare: true },
];
