import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job.kinds.ts';
import type { GongwuModule } from '../../platform/module.ts';
import { poolRoutes } from './pool.routes.ts';
import { seedPool } from './pool.seed.ts';
import { settleLots } from './pool-lot.service.ts';
import { remindPoolLoans } from './pool-notify.service.ts';
import { expireListings } from './pool.service.ts';

/**
 * The idle pool (公物仓): units offer idle or surplus cards, other units request them, the committee
 * decides, and the card moves by a 调拨 document of the workflow module.
 */
export const module: GongwuModule = {
  name: 'pool',
  // After the demo cards (demo, 90): the seed lists some of them.
  order: 95,
  routes: poolRoutes,
  jobs: {
    // The time limit, daily: listings past it with nobody asking are proposed for disposal; disposal
    // lots are settled by their documents (executed: disposed; refused: back on the disposal list);
    // borrowing units are reminded of pool loans due in three days or overdue.
    'pool.expire': defineJob(z.object({}), async ({ database }) => {
      await settleLots(database.db);
      await remindPoolLoans(database.db);
      return { result: await expireListings(database.db) };
    }),
  },
  seedDemo: seedPool,
};
