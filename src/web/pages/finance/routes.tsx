import { lazy } from 'react';
import {
  BarChartOutlined,
  CalculatorOutlined,
  DashboardOutlined,
  FileExcelOutlined,
  FormOutlined,
  LockOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/dashboard',
    component: lazy(() => import('./DashboardPage.tsx')),
    permission: 'report.read',
    menu: { group: 'home', zh: '资产看板', en: 'Dashboard', icon: <DashboardOutlined />, order: 1 },
  },
  {
    path: '/finance/depreciation',
    component: lazy(() => import('./DepreciationPage.tsx')),
    permission: 'depreciation.read',
    menu: { group: 'finance', zh: '计提折旧', en: 'Depreciation', icon: <CalculatorOutlined />, order: 10 },
  },
  {
    path: '/finance/books',
    component: lazy(() => import('./BooksPage.tsx')),
    permission: 'depreciation.read',
    menu: { group: 'finance', zh: '账套与结账', en: 'Books and closing', icon: <LockOutlined />, order: 12 },
  },
  { path: '/finance/books/takeover/:unitId', component: lazy(() => import('./TakeoverReportPage.tsx')), permission: 'depreciation.read' },
  {
    path: '/finance/workloads',
    component: lazy(() => import('./WorkloadPage.tsx')),
    permission: 'depreciation.read',
    menu: { group: 'finance', zh: '工作量录入', en: 'Workloads', icon: <FormOutlined />, order: 11 },
  },
  {
    path: '/finance/reports/summary',
    component: lazy(() => import('./SummaryPage.tsx')),
    permission: 'report.read',
    menu: { group: 'finance', zh: '资产情况表', en: 'Asset summary', icon: <BarChartOutlined />, order: 20 },
  },
  {
    path: '/finance/reports/pack',
    component: lazy(() => import('./PackPage.tsx')),
    permission: 'report.read',
    menu: { group: 'finance', zh: '月报与年报', en: 'Monthly & annual reports', icon: <FileExcelOutlined />, order: 21 },
  },
  {
    path: '/finance/reports/lists',
    component: lazy(() => import('./ListReportPage.tsx')),
    permission: 'report.read',
    menu: { group: 'finance', zh: '明细报表', en: 'Detail reports', icon: <UnorderedListOutlined />, order: 22 },
  },
  {
    path: '/finance/reports/summary/print',
    component: lazy(() => import('./SummaryPrintPage.tsx')),
    permission: 'report.read',
    bare: true,
  },
  { path: '/finance/reports/lists/print', component: lazy(() => import('./ListPrintPage.tsx')), permission: 'report.read', bare: true },
  { path: '/finance/depreciation/runs/:id', component: lazy(() => import('./RunDetailPage.tsx')), permission: 'depreciation.read' },
];
