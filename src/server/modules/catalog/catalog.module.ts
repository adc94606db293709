import type { GongwuModule } from '../../platform/module.ts';
import { categoryRoutes } from './category.routes.ts';
import { loadReferenceTrees } from './category.service.ts';

export const module: GongwuModule = {
  name: 'catalog',
  order: 20,
  routes: categoryRoutes,
  // Both scales get both full trees: cards of any module may refer to any shipped category.
  async seedDemo(database, log) {
    const n = await loadReferenceTrees(database.db);
    log(`  catalog: ${n} categories (GB/T 14885-2010 and -2022)`);
  },
};
