import type { GongwuModule } from '../../platform/module.ts';
import { contractRoutes } from './contract.routes.ts';
import { custodyRoutes } from './custody.routes.ts';
import { inspectionRoutes } from './inspection.routes.ts';
import { scorecardRoutes } from './scorecard.routes.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { pointRoutes } from './point.routes.ts';
import { machineRoomsBenchCli } from './machinerooms.bench.ts';
import { seedMachineRooms } from './machinerooms.seed.ts';
import { roomRoutes } from './room.routes.ts';
import { workOrderRoutes } from './workorder.routes.ts';

/** Entrusted machine rooms (委托管理): rooms and racks, custody agreements, O&M contracts, work orders with SLA clocks. */
export const module: GongwuModule = {
  name: 'machinerooms',
  // After the demo cards (order 90): devices are asset cards.
  order: 96,
  routes: async (app) => {
    await roomRoutes(app);
    await contractRoutes(app);
    await workOrderRoutes(app);
    await custodyRoutes(app);
    await inspectionRoutes(app);
    await scorecardRoutes(app);
    await pointRoutes(app);
    await calendarRoutes(app);
  },
  seedDemo: (database, log) => seedMachineRooms(database, log),
  cli: machineRoomsBenchCli,
};
