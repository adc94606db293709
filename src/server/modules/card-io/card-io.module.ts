import type { GongwuModule } from '../../platform/module.ts';
import { cardIoCli } from './card-io.cli.ts';
import { exportJob, importJob } from './card-io.jobs.ts';
import { cardIoRoutes } from './card-io.routes.ts';

/** Excel import and export of asset cards, and the data behind printed QR labels. Cards are written only through assets. */
export const module: GongwuModule = {
  name: 'card-io',
  order: 40,
  routes: cardIoRoutes,
  jobs: { 'cards.import': importJob, 'cards.export': exportJob },
  cli: cardIoCli,
};
