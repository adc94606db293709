import type { PageRoute } from './registry.ts';

// Every module's pages plug in here: pages/<module>/routes.tsx exports `routes`.
const modules = import.meta.glob<{ routes?: PageRoute[] }>('../pages/*/routes.tsx', { eager: true });

export const pageRoutes: PageRoute[] = Object.entries(modules)
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([, m]) => (Array.isArray(m.routes) ? m.routes : []));
