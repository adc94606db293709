import { lazy } from 'react';
import { AuditOutlined, BarChartOutlined, DatabaseOutlined, SwapOutlined, TrophyOutlined } from '@ant-design/icons';
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
  {
    path: '/pool/evaluation',
    component: lazy(() => import('./EvaluationPage.tsx')),
    permission: 'pool.evaluate',
    menu: { group: 'assets', zh: '效益评价', en: 'Evaluation', icon: <TrophyOutlined />, order: 43 },
  },
  { path: '/pool/evaluation/print', component: lazy(() => import('./EvaluationPrintPage.tsx')), permission: 'pool.evaluate', bare: true },
  { path: '/pool/indicators', component: lazy(() => import('./IndicatorsPage.tsx')), permission: 'pool.evaluate' },
  {
    path: '/pool/accountability',
    component: lazy(() => import('./AccountabilityPage.tsx')),
    permission: 'pool.evaluate',
    menu: { group: 'assets', zh: '责任追究', en: 'Accountability', icon: <AuditOutlined />, order: 44 },
  },
];
