import { describe, expect, it } from 'vitest';
import { CARD_STATUSES, type CardStatus } from '../../../shared/assets.enums.ts';
import { cardTransition } from './card-status.rules.ts';

const ALL = Object.keys(CARD_STATUSES) as CardStatus[];

// The whole card status machine, written out: which document may act on a card in which status.
const EXPECTED: Record<string, { allowed: CardStatus[]; to: CardStatus | 'same' }> = {
  requisition: { allowed: ['idle'], to: 'in_use' },
  return: { allowed: ['in_use'], to: 'idle' },
  'change:handover': { allowed: ['in_use', 'idle', 'under_repair'], to: 'same' },
  'change:revaluation': { allowed: ['in_use', 'idle', 'lent', 'rented', 'under_repair'], to: 'same' },
  'change:useful_life': { allowed: ['in_use', 'idle', 'lent', 'rented', 'under_repair'], to: 'same' },
  'transfer:internal': { allowed: ['in_use', 'idle'], to: 'in_use' },
  'transfer:cross_unit': { allowed: ['in_use', 'idle'], to: 'idle' },
  'lending:lent': { allowed: ['in_use', 'idle'], to: 'lent' },
  'lending:rented': { allowed: ['in_use', 'idle'], to: 'rented' },
  'lending:return': { allowed: ['lent', 'rented'], to: 'in_use' },
  disposal: { allowed: ['in_use', 'idle', 'pending_disposal', 'missing', 'under_repair'], to: 'disposed' },
  maintenance: { allowed: ['in_use', 'idle', 'under_repair'], to: 'same' },
  posting: { allowed: ['pending_posting'], to: 'in_use' },
};

describe('the card status machine', () => {
  const cases = Object.entries(EXPECTED).flatMap(([key, e]) =>
    ALL.map((status) => ({ key, status, allowed: e.allowed.includes(status), to: e.to === 'same' ? status : e.to })),
  );

  it.each(cases)('$key from $status: allowed=$allowed', ({ key, status, allowed, to }) => {
    const t = cardTransition(key, status);
    expect(t.ok).toBe(allowed);
    if (t.ok) expect(t.to).toBe(to);
  });

  it('never lets a disposed card be acted on by any document', () => {
    for (const key of Object.keys(EXPECTED)) expect(cardTransition(key, 'disposed').ok).toBe(false);
  });
});
