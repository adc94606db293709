import type { GongwuModule } from '../../platform/module.ts';
import { accountRoutes } from './account.routes.ts';
import { orgCli } from './org.cli.ts';
import { orgRoutes } from './org.routes.ts';
import { seedOrg } from './org.seed.ts';
import { placeRoutes } from './place.routes.ts';
import { transferTargetRoutes } from './transfer-target.routes.ts';

/** Units, departments, staff, user accounts and places: the first module every other builds on. */
export const module: GongwuModule = {
  name: 'org',
  order: 10,
  async routes(app) {
    await orgRoutes(app);
    await placeRoutes(app);
    await accountRoutes(app);
    await transferTargetRoutes(app);
  },
  seedDemo: seedOrg,
  cli: orgCli,
};
