import { lazy } from 'react';
import { AuditOutlined, FileDoneOutlined, SwapOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/reports/monthly',
    component: lazy(() => import('./ReportSetPage.tsx')),
    permission: 'report.read',
    menu: { group: 'finance', zh: '月报报送', en: 'Monthly report set', icon: <FileDoneOutlined />, order: 23 },
  },
  { path: '/reports/monthly/print', component: lazy(() => import('./ReportSetPrintPage.tsx')), permission: 'report.read', bare: true },
  {
    path: '/reports/filings',
    component: lazy(() => import('./FilingsPage.tsx')),
    permission: 'report.read',
    menu: { group: 'finance', zh: '月报审核', en: 'Report filings', icon: <AuditOutlined />, order: 24 },
  },
  {
    path: '/reports/edition-map',
    component: lazy(() => import('./EditionMapPage.tsx')),
    permission: 'report.read',
    menu: { group: 'finance', zh: '分类版本对照', en: 'Classification editions', icon: <SwapOutlined />, order: 25 },
  },
];
