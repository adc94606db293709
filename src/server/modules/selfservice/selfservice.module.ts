import type { GongwuModule } from '../../platform/module.ts';
import { cardReportRoutes } from './card-report.routes.ts';

/**
 * 自助 on the phone: from a card's QR page its custodian reports a fault, asks for 退库, or says
 * whether the card is with them; each is a line in the card's ledger. Faults and "not here" are the
 * unit administrator's to-dos (a fault becomes a 维修 document through workflow's surface).
 */
export const module: GongwuModule = {
  name: 'selfservice',
  order: 85,
  routes: cardReportRoutes,
};
