import { lazy } from 'react';
import { BarChartOutlined, DatabaseOutlined, SwapOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/pool',
    component: lazy(() => import('./PoolCatalogPage.tsx')),
    permission: 'pool.read',
    menu: { group: 'assets', zh: '公物仓', en: 'Idle pool', icon: <DatabaseOutlined />, order: 40 },
  },
  { path: '/pool/offer', component: lazy(() => import('./PoolOfferPage.tsx')), permission: 'pool.offer' },
  {
    path: '/pool/requests',
    component: lazy(() => import('./PoolRequestsPage.tsx')),
    permission: 'pool.read',
    menu: { group: 'assets', zh: '调剂申请', en: 'Pool requests', icon: <SwapOutlined />, order: 41 },
  },
  {
    path: '/pool/utilisation',
    component: lazy(() => import('./UtilisationPage.tsx')),
    permission: 'pool.evaluate',
    menu: { group: 'assets', zh: '资产使用效益', en: 'Utilisation', icon: <BarChartOutlined />, order: 42 },
  },
];
