// The card import/export module's surface: the import and export the benchmark measures. Otherwise
// its work is reached through its routes, jobs and CLI commands.
export { exportCards } from './card-export.service.ts';
export { importCards } from './card-import.service.ts';
