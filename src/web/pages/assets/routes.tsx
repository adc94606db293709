import { lazy } from 'react';
import { DatabaseOutlined, PlusOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/cards',
    component: lazy(() => import('./CardListPage.tsx')),
    permission: 'card.read',
    menu: { group: 'assets', zh: '资产卡片库', en: 'Card library', icon: <DatabaseOutlined />, order: 10 },
  },
  {
    path: '/cards/new',
    component: lazy(() => import('./CardNewPage.tsx')),
    permission: 'card.write',
    menu: { group: 'assets', zh: '登记资产卡片', en: 'Register a card', icon: <PlusOutlined />, order: 11 },
  },
  { path: '/cards/:id', component: lazy(() => import('./CardDetailPage.tsx')), permission: 'card.read' },
  // The page a card's QR label opens on a phone: no side menu, big text.
  { path: '/m/cards/:id', component: lazy(() => import('./MobileCardPage.tsx')), permission: 'card.read', bare: true },
];
