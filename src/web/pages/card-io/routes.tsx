import { lazy } from 'react';
import { ImportOutlined } from '@ant-design/icons';
import type { PageRoute } from '../../app/registry.ts';

export const routes: PageRoute[] = [
  {
    path: '/cards/import',
    component: lazy(() => import('./CardImportPage.tsx')),
    permission: 'card.import',
    menu: { group: 'assets', zh: '导入卡片', en: 'Import cards', icon: <ImportOutlined />, order: 12 },
  },
  // A print sheet: no layout, sized to the label stock with CSS mm units.
  { path: '/cards/labels', component: lazy(() => import('./CardLabelsPage.tsx')), permission: 'card.read', bare: true },
];
