import { lazy } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/counts',
    component: lazy(() => import('./CountListPage.tsx')),
    permission: 'count.read',
    menu: { group: 'assets', zh: '清查盘点', en: 'Physical counts', icon: <AuditOutlined />, order: 30 },
  },
  { path: '/counts/:id', component: lazy(() => import('./CountDetailPage.tsx')), permission: 'count.read' },
  { path: '/counts/:id/print', component: lazy(() => import('./CountPrintPage.tsx')), permission: 'count.read', bare: true },
  // The counter's phone page: no side menu, big buttons, works offline once the sheet is downloaded.
  { path: '/m/counts/:id', component: lazy(() => import('./MobileCountPage.tsx')), permission: 'count.scan', bare: true },
];
