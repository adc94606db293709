import type { LedgerVerification } from '../../../shared/assets.contracts.ts';
import { type Actor, unitScope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { verifyLedger } from './ledger.queries.ts';

/** The ledger check as the actor may run it: every card for the committee's auditors, a unit's own cards otherwise. */
export async function verifyLedgerFor(q: Queryable, actor: Actor): Promise<LedgerVerification> {
  const scope = unitScope(actor, 'audit.read');
  return verifyLedger(q, { unitIds: scope === 'all' ? undefined : scope });
}
