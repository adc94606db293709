// The sharing module's surface: what other modules may use. Everything not exported here is private.
// For the benchmark (demo): the week grid and a booking request, as the API calls them.
export { calendar } from './booking.queries.ts';
export { createBooking } from './booking.service.ts';
export { localMidnight } from './booking.rules.ts';
// For the unified settlement (to come): the month's charge lines per unit and resource.
export { chargeLines } from './charges.service.ts';
