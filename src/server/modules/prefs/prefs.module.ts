import type { GongwuModule } from '../../platform/module.ts';
import { prefsRoutes } from './prefs.routes.ts';

/** Lists people shape: each user's list settings and saved filters, kept on the server (any browser). */
export const module: GongwuModule = {
  name: 'prefs',
  order: 12,
  routes: prefsRoutes,
};
