// The self-service module's surface: the to-do fragment the workspace counts with.
export { cardReportsWhere } from './card-report.queries.ts';
