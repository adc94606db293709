import type { GongwuModule } from '../../platform/module.ts';
import { cardRoutes } from './card.routes.ts';

/** The card library: cards, their ledger and attachments. Other modules change cards only through card.service.ts. */
export const module: GongwuModule = {
  name: 'assets',
  order: 30,
  routes: cardRoutes,
};
