// The card status machine and the "held" rule: assets owns the card, so it owns which status a
// card may move to and which cards an owner still holds. Workflow names the transition a document
// makes (transitionKey) and asks here whether the card may take it. No I/O here.
import { type SQL, sql } from 'drizzle-orm';
import type { CardEventType, CardStatus } from '../../../shared/assets.enums.ts';

export interface CardTransition {
  /** Card statuses the document may act on. */
  from: readonly CardStatus[];
  /** The status after execution; 'same' keeps it. */
  to: CardStatus | 'same';
  event: CardEventType;
}

/** The card status machine, per document type (change and lending vary by payload: see cardTransition). */
export const CARD_TRANSITIONS: Record<string, CardTransition> = {
  requisition: { from: ['idle'], to: 'in_use', event: 'requisitioned' },
  return: { from: ['in_use'], to: 'idle', event: 'returned' },
  'change:handover': { from: ['in_use', 'idle', 'under_repair'], to: 'same', event: 'handed_over' },
  'change:revaluation': { from: ['in_use', 'idle', 'lent', 'rented', 'under_repair'], to: 'same', event: 'revalued' },
  'change:useful_life': { from: ['in_use', 'idle', 'lent', 'rented', 'under_repair'], to: 'same', event: 'life_changed' },
  'transfer:internal': { from: ['in_use', 'idle'], to: 'in_use', event: 'handed_over' },
  'transfer:cross_unit': { from: ['in_use', 'idle'], to: 'idle', event: 'transferred_out' },
  'lending:lent': { from: ['in_use', 'idle'], to: 'lent', event: 'lent' },
  'lending:rented': { from: ['in_use', 'idle'], to: 'rented', event: 'rented' },
  'lending:return': { from: ['lent', 'rented'], to: 'in_use', event: 'lending_returned' },
  disposal: { from: ['in_use', 'idle', 'pending_disposal', 'missing', 'under_repair'], to: 'disposed', event: 'disposed' },
  maintenance: { from: ['in_use', 'idle', 'under_repair'], to: 'same', event: 'repair_finished' },
  posting: { from: ['pending_posting'], to: 'in_use', event: 'posted' },
};

/** The card's next status, or a refusal naming the rule. */
export function cardTransition(
  key: string,
  status: CardStatus,
): { ok: true; to: CardStatus; event: CardEventType } | { ok: false; allowed: readonly CardStatus[] } {
  const t = CARD_TRANSITIONS[key];
  if (!t?.from.includes(status)) return { ok: false, allowed: t?.from ?? [] };
  return { ok: true, to: t.to === 'same' ? status : t.to, event: t.event };
}

/** A card counts as held (against a quota, in holdings) unless it is disposed, missing or pending disposal. */
export const heldCardSql = (alias = 'c'): SQL => sql.raw(`${alias}.status NOT IN ('disposed', 'missing', 'pending_disposal')`);
