// What each unit holds against the quantity quotas of the allocation standards (docs/domain.md §5):
// the standards module's one holdings query with assets' held rule, for the configuration-request
// check and the reports.
import type { Queryable } from '../../platform/db/engine.ts';
import { heldCardSql } from '../assets/index.ts';
import { type QuotaHolding, quotaHoldings as holdings } from '../standards/index.ts';

export type { QuotaHolding };

export const quotaHoldings = (q: Queryable, scope: 'all' | string[], onDate: string, codes?: string[]): Promise<QuotaHolding[]> =>
  holdings(q, heldCardSql(), scope, onDate, codes);
