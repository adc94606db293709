import type { GongwuModule } from '../../platform/module.ts';
import { countRoutes } from './count.routes.ts';

export const module: GongwuModule = {
  name: 'inventory',
  // After workflow: a count's close creates workflow documents.
  order: 80,
  routes: countRoutes,
};
