import type { GongwuModule } from '../../platform/module.ts';
import { countRoutes } from './count.routes.ts';
import { seedCounts } from './inventory.seed.ts';

export const module: GongwuModule = {
  name: 'inventory',
  // After workflow (a count's close creates its documents) and after the demo cards it counts (demo: 90).
  order: 95,
  routes: countRoutes,
  seedDemo: (database, log) => seedCounts(database, log),
};
