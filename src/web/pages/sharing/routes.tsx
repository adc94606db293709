import { lazy } from 'react';
import { AppstoreOutlined, BarChartOutlined, CalendarOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/sharing',
    component: lazy(() => import('./CalendarPage.tsx')),
    permission: 'sharing.read',
    menu: { group: 'sharing', zh: '预订日历', en: 'Booking calendar', icon: <CalendarOutlined />, order: 1 },
  },
  {
    path: '/sharing/bookings',
    component: lazy(() => import('./BookingsPage.tsx')),
    permission: 'sharing.read',
    menu: { group: 'sharing', zh: '我的预订', en: 'My bookings', icon: <ScheduleOutlined />, order: 2 },
  },
  {
    path: '/sharing/resources',
    component: lazy(() => import('./ResourcesPage.tsx')),
    permission: 'sharing.read',
    menu: { group: 'sharing', zh: '共享资源目录', en: 'Shared resources', icon: <AppstoreOutlined />, order: 3 },
  },
  {
    path: '/sharing/usage',
    component: lazy(() => import('./UsagePage.tsx')),
    permission: 'sharing.read',
    menu: { group: 'sharing', zh: '使用统计与收费', en: 'Usage and charges', icon: <BarChartOutlined />, order: 4 },
  },
  { path: '/sharing/resources/:id/qr', component: lazy(() => import('./CheckInQrPage.tsx')), permission: 'sharing.manage', bare: true },
  // What the QR code at the room opens on the phone.
  { path: '/m/checkin/:id', component: lazy(() => import('./CheckInPage.tsx')), permission: 'sharing.book', bare: true },
];
