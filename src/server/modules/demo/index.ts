// The demo and benchmark module offers nothing to other modules: it is reached through its CLI
// commands and the demo seeder.
export { openFreshBenchDatabase } from './bench.database.ts';
export { timeRuns } from './bench.scenarios.ts';
export { generateCards } from './card-generator.ts';
export { SHARING_TARGETS, sharingMarkdown, sharingScenarios } from './bench.sharing.ts';
