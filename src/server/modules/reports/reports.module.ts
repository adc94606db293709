import type { GongwuModule } from '../../platform/module.ts';
import { installEditionMap } from './edition-map.service.ts';
import { reportExportJob } from './report-export.job.ts';
import { reportRoutes } from './reports.routes.ts';
import { reportSetRoutes } from './reportset.routes.ts';

export const module: GongwuModule = {
  name: 'reports',
  order: 70,
  routes: async (app) => {
    await reportRoutes(app);
    await reportSetRoutes(app);
  },
  jobs: { 'report.export': reportExportJob },
  // The shipped GB/T 14885 edition mapping, while the committee has none (never overwrites its edits).
  install: installEditionMap,
};
