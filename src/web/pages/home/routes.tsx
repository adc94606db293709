import { lazy } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/',
    component: lazy(() => import('./HomePage.tsx')),
    menu: { group: 'home', zh: '首页', en: 'Home', icon: <HomeOutlined />, order: 0 },
  },
];
