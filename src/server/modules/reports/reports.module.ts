import type { GongwuModule } from '../../platform/module.ts';
import { reportExportJob } from './report-export.job.ts';
import { reportRoutes } from './reports.routes.ts';

export const module: GongwuModule = {
  name: 'reports',
  order: 70,
  routes: reportRoutes,
  jobs: { 'report.export': reportExportJob },
};
