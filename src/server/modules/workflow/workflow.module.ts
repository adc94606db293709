import type { GongwuModule } from '../../platform/module.ts';
import { installChainDefaults } from './chain.defaults.ts';
import { approvalActionRoutes } from './approval-actions.routes.ts';
import { bulkRoutes } from './bulk.routes.ts';
import { chainRoutes } from './chain.routes.ts';
import { documentRoutes } from './document.routes.ts';
import { documentThreadRoutes } from './document-thread.routes.ts';
import { seedDelegations } from './delegation.seed.ts';
import { seedWorkflow } from './workflow.seed.ts';

/**
 * Lifecycle documents with approval chains, and the allocation standards. Documents change cards
 * only by executing, through the assets module's card.service.ts.
 */
export const module: GongwuModule = {
  name: 'workflow',
  order: 50,
  routes: async (app) => {
    await documentRoutes(app);
    await documentThreadRoutes(app);
    await chainRoutes(app);
    await approvalActionRoutes(app);
    await bulkRoutes(app);
  },
  seedDemo: async (database, log, opts) => {
    await seedWorkflow(database, log, opts);
    await seedDelegations(database, log);
  },
  install: installChainDefaults,
};
