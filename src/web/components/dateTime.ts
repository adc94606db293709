// Moved to src/web/lib/dates.ts (the one date formatter); kept so pages importing it here still compile.
export { formatDateTime } from '../lib/dates.ts';
