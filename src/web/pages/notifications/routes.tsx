import { lazy } from 'react';
import { NotificationOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  { path: '/notifications', component: lazy(() => import('./NotificationsPage.tsx')) },
  {
    path: '/notification-channels',
    component: lazy(() => import('./ChannelsPage.tsx')),
    permission: 'notify.manage',
    menu: { group: 'system', zh: '通知通道', en: 'Notification channels', icon: <NotificationOutlined />, order: 70 },
  },
];
