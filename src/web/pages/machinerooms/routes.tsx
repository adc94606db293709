import { lazy } from 'react';
import {
  AuditOutlined,
  CalendarOutlined,
  ClusterOutlined,
  FileTextOutlined,
  FileProtectOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  ToolOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/machine-rooms',
    component: lazy(() => import('./MachineRoomsPage.tsx')),
    permission: 'machineroom.read',
    menu: { group: 'machinerooms', zh: '机房与机柜', en: 'Rooms and racks', icon: <ClusterOutlined />, order: 1 },
  },
  { path: '/machine-rooms/:id', component: lazy(() => import('./MachineRoomPage.tsx')), permission: 'machineroom.read' },
  {
    path: '/work-orders',
    component: lazy(() => import('./WorkOrdersPage.tsx')),
    permission: 'workorder.read',
    menu: { group: 'machinerooms', zh: '运维工单', en: 'Work orders', icon: <ToolOutlined />, order: 2 },
  },
  {
    path: '/info-points',
    component: lazy(() => import('./PointsPage.tsx')),
    permission: 'workorder.read',
    menu: { group: 'machinerooms', zh: '信息点', en: 'Information points', icon: <NodeIndexOutlined />, order: 2.2 },
  },
  {
    path: '/inspections',
    component: lazy(() => import('./InspectionsPage.tsx')),
    permission: 'machineroom.read',
    menu: { group: 'machinerooms', zh: '机房巡检', en: 'Inspections', icon: <SafetyCertificateOutlined />, order: 2.5 },
  },
  // The vendor's phone page for one round: no side menu, big inputs, the camera.
  { path: '/m/inspections/:id', component: lazy(() => import('./MobileInspectionPage.tsx')), permission: 'inspection.perform', bare: true },
  {
    path: '/om/contracts',
    component: lazy(() => import('./ContractsPage.tsx')),
    permission: 'machineroom.read',
    menu: { group: 'machinerooms', zh: '运维合同', en: 'O&M contracts', icon: <AuditOutlined />, order: 3 },
  },
  {
    path: '/om/calendar',
    component: lazy(() => import('./CalendarPage.tsx')),
    permission: 'machineroom.read',
    menu: { group: 'machinerooms', zh: 'SLA 工作日历', en: 'SLA calendar', icon: <CalendarOutlined />, order: 3.2 },
  },
  {
    path: '/om/scorecards',
    component: lazy(() => import('./ScorecardsPage.tsx')),
    permission: 'machineroom.read',
    menu: { group: 'machinerooms', zh: '运维考核与结算', en: 'Scorecards', icon: <TrophyOutlined />, order: 3.5 },
  },
  {
    path: '/om/monthly-report',
    component: lazy(() => import('./MonthlyReportPage.tsx')),
    permission: 'machineroom.read',
    menu: { group: 'machinerooms', zh: '运维月报', en: 'Monthly O&M report', icon: <FileTextOutlined />, order: 3.6 },
  },
  {
    path: '/om/monthly-report/print',
    component: lazy(() => import('./MonthlyReportPrintPage.tsx')),
    permission: 'machineroom.read',
    bare: true,
  },
  {
    path: '/custody',
    component: lazy(() => import('./CustodyPage.tsx')),
    permission: 'custody.read',
    menu: { group: 'machinerooms', zh: '委托管理协议', en: 'Custody agreements', icon: <FileProtectOutlined />, order: 4 },
  },
];
