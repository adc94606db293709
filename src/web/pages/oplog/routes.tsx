import { lazy } from 'react';
import { FileSearchOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/operation-log',
    component: lazy(() => import('./OperationLogPage.tsx')),
    permission: 'oplog.read',
    menu: { group: 'system', zh: '操作日志', en: 'Operation log', icon: <FileSearchOutlined />, order: 75 },
  },
];
