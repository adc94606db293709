import { lazy } from 'react';
import {
  AuditOutlined,
  BarChartOutlined,
  DatabaseOutlined,
  FundOutlined,
  SwapOutlined,
  ToolOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/pool',
    component: lazy(() => import('./PoolCatalogPage.tsx')),
    permission: 'pool.read',
    menu: { group: 'assets', zh: '公物仓', en: 'Idle pool', icon: <DatabaseOutlined />, order: 40 },
  },
  { path: '/pool/offer', component: lazy(() => import('./PoolOfferPage.tsx')), permission: 'pool.offer' },
  { path: '/pool/listings/:id', component: lazy(() => import('./PoolListingPage.tsx')), permission: 'pool.read' },
  { path: '/pool/listings/:id/receipt', component: lazy(() => import('./PoolReceiptPrintPage.tsx')), permission: 'pool.read', bare: true },
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
    path: '/pool/reuse',
    component: lazy(() => import('./PoolReusePage.tsx')),
    permission: 'pool.read',
    menu: { group: 'assets', zh: '维修再利用与处置', en: 'Repair and disposal lots', icon: <ToolOutlined />, order: 41.5 },
  },
  {
    path: '/pool/stats',
    component: lazy(() => import('./PoolStatsPage.tsx')),
    permission: 'pool.evaluate',
    menu: { group: 'assets', zh: '公物仓统计', en: 'Pool statistics', icon: <FundOutlined />, order: 42.5 },
  },
  { path: '/pool/stats/print', component: lazy(() => import('./PoolStatsPrintPage.tsx')), permission: 'pool.evaluate', bare: true },
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
