import { lazy } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/audit/ledger',
    component: lazy(() => import('./LedgerVerifyPage.tsx')),
    permission: 'audit.read',
    menu: { group: 'system', zh: '台账校验', en: 'Ledger verification', icon: <SafetyCertificateOutlined />, order: 80 },
  },
];
