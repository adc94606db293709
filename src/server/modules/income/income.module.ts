import type { GongwuModule } from '../../platform/module.ts';
import { incomeRoutes } from './income.routes.ts';

/**
 * 国有资产收入 (docs/domain.md §4a): disposal and rental/lending income recorded on executed
 * documents, tracked until turned over to the treasury.
 */
export const module: GongwuModule = {
  name: 'income',
  order: 96,
  routes: incomeRoutes,
};
