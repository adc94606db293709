// The pool module's surface: what other modules may use. Everything not exported here is private.
// The benchmark (demo module) seeds listings and times the catalogue and the evaluation through these.
export { listListings } from './pool.queries.ts';
export { seedBenchListings } from './pool.seed.ts';
export { evaluateYear } from './evaluation.service.ts';
