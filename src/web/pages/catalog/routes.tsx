import { lazy } from 'react';
import { ApartmentOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/catalog',
    component: lazy(() => import('./CatalogPage.tsx')),
    permission: 'catalog.read',
    menu: { group: 'assets', zh: '资产分类', en: 'Categories', icon: <ApartmentOutlined />, order: 40 },
  },
];
