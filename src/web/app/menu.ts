import type { ComponentType, ReactNode } from 'react';
import { MENU_GROUPS, type PageRoute } from './registry.ts';

export interface MenuEntry {
  path: string;
  zh: string;
  en: string;
  icon?: ReactNode;
  order: number;
  badge?: ComponentType;
}
export interface MenuSection {
  key: string;
  zh: string;
  en: string;
  items: MenuEntry[];
}

/** The side menu: groups in MENU_GROUPS order, items by menu.order, only what the user may open. */
export function buildMenu(routes: PageRoute[], can: (p: NonNullable<PageRoute['permission']>) => boolean): MenuSection[] {
  return MENU_GROUPS.map((g) => ({
    key: g.key,
    zh: g.zh,
    en: g.en,
    items: routes
      .filter((r) => r.menu?.group === g.key && !r.bare && !r.path.includes(':') && (!r.permission || can(r.permission)))
      .map((r) => ({ path: r.path, zh: r.menu!.zh, en: r.menu!.en, icon: r.menu!.icon, order: r.menu!.order ?? 100, badge: r.menu!.badge }))
      .sort((a, b) => a.order - b.order || a.path.localeCompare(b.path)),
  })).filter((g) => g.items.length > 0);
}

/** The menu path the current location belongs to: the longest menu path that prefixes it. */
export function activeMenuPath(pathname: string, paths: string[]): string | undefined {
  let best: string | undefined;
  for (const p of paths) {
    const hit = p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`);
    if (hit && (!best || p.length > best.length)) best = p;
  }
  return best;
}

/** Where to go after signing in: only a path of this site, never another origin. */
export function safeNext(next: string | null | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return '/';
  return next;
}
