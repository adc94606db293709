import { afterAll } from 'vitest';
import { setBusinessToday } from '../platform/clock.ts';

// Runs with every test file. Files share their worker's modules (vitest.config.ts: isolate off), so
// what a file pins for itself is put back when it ends: the business calendar's "today".
afterAll(() => setBusinessToday(null));
