import { describe, expect, it } from 'vitest';
import { activeMenuPath, buildMenu, safeNext } from './menu.ts';
import type { PageRoute } from './registry.ts';
import { hasPermission } from '../../shared/roles.ts';

const Page = () => null;
const routes: PageRoute[] = [
  { path: '/cards', component: Page, permission: 'card.read', menu: { group: 'assets', zh: '资产卡片', en: 'Asset cards', order: 10 } },
  { path: '/cards/:id', component: Page, permission: 'card.read' },
  { path: '/cards/import', component: Page, permission: 'card.import', menu: { group: 'assets', zh: '卡片导入', en: 'Import', order: 20 } },
  { path: '/users', component: Page, permission: 'org.user.write', menu: { group: 'system', zh: '用户', en: 'Users', order: 1 } },
  { path: '/', component: Page, menu: { group: 'home', zh: '首页', en: 'Home' } },
  { path: '/labels/print', component: Page, bare: true, menu: { group: 'assets', zh: '标签打印', en: 'Labels' } },
];

describe('side menu', () => {
  it('groups pages in MENU_GROUPS order, sorts by order and hides what the role may not open', () => {
    const staff = (p: Parameters<typeof hasPermission>[1]) => hasPermission([{ role: 'staff', unitId: 'u1' }], p);
    const menu = buildMenu(routes, staff);
    expect(menu.map((g) => g.key)).toEqual(['home', 'assets']);
    expect(menu[1].items.map((i) => i.path)).toEqual(['/cards']);
    const admin = buildMenu(routes, () => true);
    expect(admin.map((g) => g.key)).toEqual(['home', 'assets', 'system']);
    expect(admin[1].items.map((i) => i.en)).toEqual(['Asset cards', 'Import']);
  });

  it('highlights the deepest menu entry that contains the current page', () => {
    const paths = ['/', '/cards', '/cards/import'];
    expect(activeMenuPath('/cards/123', paths)).toBe('/cards');
    expect(activeMenuPath('/cards/import', paths)).toBe('/cards/import');
    expect(activeMenuPath('/', paths)).toBe('/');
    expect(activeMenuPath('/cardsx', paths)).toBeUndefined();
  });

  it('returns only to paths of this site after signing in', () => {
    expect(safeNext('/cards?page=2')).toBe('/cards?page=2');
    expect(safeNext('//evil.example')).toBe('/');
    expect(safeNext('https://evil.example')).toBe('/');
    expect(safeNext(null)).toBe('/');
  });
});
