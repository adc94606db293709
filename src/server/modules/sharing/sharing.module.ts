import type { GongwuModule } from '../../platform/module.ts';
import { bookingRoutes } from './booking.routes.ts';
import { releaseNoShows } from './booking-use.service.ts';
import { resourceRoutes } from './resource.routes.ts';
import { sharingBenchCli } from './sharing.bench.ts';
import { seedSharing } from './sharing.seed.ts';

/** Shared facilities and pooled vehicles (一共享): the catalogue, bookings, trips, usage and charges. */
export const module: GongwuModule = {
  name: 'sharing',
  // After the demo cards (order 90): pooled vehicles are asset cards.
  order: 95,
  routes: async (app) => {
    await resourceRoutes(app);
    await bookingRoutes(app);
  },
  // Every minute: bookings nobody checked in to within the grace period are released as no-shows.
  schedules: [{ name: 'sharing.release-no-shows', everyMs: 60_000, run: (database) => releaseNoShows(database.db, new Date()) }],
  seedDemo: (database, log, opts) => seedSharing(database.db, log, opts.scale),
  cli: sharingBenchCli,
};
