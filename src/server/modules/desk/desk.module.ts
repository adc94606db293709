import type { GongwuModule } from '../../platform/module.ts';
import { workspaceRoutes } from './workspace.routes.ts';

/**
 * 我的工作台: the home page per role. Reads the other modules' lists through their surfaces (the
 * same WHERE fragments), so each number equals the list it opens; writes nothing.
 */
export const module: GongwuModule = {
  name: 'desk',
  order: 90,
  routes: workspaceRoutes,
};
