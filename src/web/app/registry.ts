import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Permission } from '../../shared/roles.ts';

/** Menu groups, in the order the side menu shows them. */
export const MENU_GROUPS = [
  { key: 'home', zh: '首页', en: 'Home' },
  { key: 'assets', zh: '资产管理', en: 'Assets' },
  { key: 'documents', zh: '业务单据', en: 'Documents' },
  { key: 'finance', zh: '折旧与报表', en: 'Depreciation & reports' },
  { key: 'sharing', zh: '共享设施', en: 'Shared facilities' },
  { key: 'machinerooms', zh: '机房委托运维', en: 'Machine rooms & O&M' },
  { key: 'org', zh: '组织与场所', en: 'Organisation & places' },
  { key: 'system', zh: '系统管理', en: 'System' },
] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number]['key'];

/**
 * A page of the web app. Each `pages/<module>/routes.tsx` exports `routes: PageRoute[]`; the shell
 * collects them (import.meta.glob), so a module's pages plug in without editing shared files.
 */
export interface PageRoute {
  /** React Router path, e.g. '/cards' or '/cards/:id'. */
  path: string;
  component: ComponentType | LazyExoticComponent<ComponentType>;
  /** Shown in the side menu when set. */
  /** `badge`: a small component rendered after the label (e.g. the inbox count). */
  menu?: { group: MenuGroup; zh: string; en: string; icon?: ReactNode; order?: number; badge?: ComponentType };
  /** Hidden from the menu and refused when the user lacks it. */
  permission?: Permission;
  /** Pages that render without the layout (print sheets, labels, the mobile card view). */
  bare?: boolean;
}
