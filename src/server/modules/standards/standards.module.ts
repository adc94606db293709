import type { GongwuModule } from '../../platform/module.ts';
import { standardRoutes } from './standard.routes.ts';

/**
 * The allocation standards (配置标准, docs/domain.md §5): their rows with history, the rule that
 * matches an item to its standard and gives its cap, and the same rule in SQL for the reports.
 * Used by workflow (configuration requests, acceptance) and assets (hand registration).
 */
export const module: GongwuModule = {
  name: 'standards',
  order: 45,
  routes: standardRoutes,
};
