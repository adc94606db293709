// The org module's surface. Others read units, staff and places in their own queries (the tables
// are public to read) and change them only through org's routes; the demo seeds them here.
export { seedOrg } from './org.seed.ts';
export { getRoom } from './room.service.ts';
