import { describe, expect, it } from 'vitest';
import { DOCUMENT_STATUSES } from '../../../shared/workflow.contracts.ts';
import {
  actionAllowed,
  addMonths,
  DOCUMENT_ACTIONS,
  scrapAllowed,
  stepApplies,
  unstaffedStep,
  type ChainFacts,
  type DocumentAction,
} from './workflow.rules.ts';
import { transitionOf } from './document-types/registry.ts';

describe('the card transition a document makes', () => {
  it('maps document types and payloads to their transition', () => {
    const doc = (type: string, payload = {}, counterpartUnitId: string | null = null) => ({
      type,
      unitId: 'u1',
      counterpartUnitId,
      payload,
    });
    expect(transitionOf(doc('transfer', {}, 'u2'))).toBe('transfer:cross_unit');
    expect(transitionOf(doc('transfer', {}, 'u1'))).toBe('transfer:internal');
    expect(transitionOf(doc('transfer'))).toBe('transfer:internal');
    expect(transitionOf(doc('change', { changeKind: 'revaluation' }))).toBe('change:revaluation');
    expect(transitionOf(doc('change'))).toBe('change:handover');
    expect(transitionOf(doc('lending', { mode: 'rented' }))).toBe('lending:rented');
    expect(transitionOf(doc('lending'))).toBe('lending:lent');
    expect(['requisition', 'return', 'disposal', 'maintenance'].map((t) => transitionOf(doc(t)))).toEqual([
      'requisition',
      'return',
      'disposal',
      'maintenance',
    ]);
    expect(transitionOf(doc('config_request'))).toBeUndefined();
  });
});

describe('the document status machine', () => {
  const EXPECTED_ACTIONS: Record<DocumentAction, string[]> = {
    edit: ['draft', 'returned'],
    submit: ['draft', 'returned'],
    approve: ['submitted'],
    reject: ['submitted'],
    return: ['submitted'],
    execute: ['approved'],
    cancel: ['draft', 'returned', 'approved'],
    withdraw: ['submitted'],
  };
  const cases = (Object.keys(DOCUMENT_ACTIONS) as DocumentAction[]).flatMap((action) =>
    Object.keys(DOCUMENT_STATUSES).map((status) => ({ action, status, allowed: EXPECTED_ACTIONS[action].includes(status) })),
  );
  it.each(cases)('$action from $status: allowed=$allowed', ({ action, status, allowed }) => {
    expect(actionAllowed(action, status)).toBe(allowed);
  });
});

describe('staffing a chain', () => {
  it.each([
    { name: 'one person per step', candidates: [['a'], ['b']], stuck: -1 },
    { name: 'nobody for the second step', candidates: [['a'], []], stuck: 1 },
    { name: 'the only candidate of two steps', candidates: [['a'], ['a']], stuck: 1 },
    { name: 'a swap frees the second step', candidates: [['a', 'b'], ['a']], stuck: -1 },
    {
      name: 'three steps, two people',
      candidates: [
        ['a', 'b'],
        ['a', 'b'],
        ['a', 'b'],
      ],
      stuck: 2,
    },
  ])('$name: first unstaffed step $stuck', ({ candidates, stuck }) => {
    expect(unstaffedStep(candidates)).toBe(stuck);
  });
});

describe('chain step conditions', () => {
  const facts = (over: Partial<ChainFacts> = {}): ChainFacts => ({
    maxItemFen: 0,
    totalFen: 0,
    categoryCodes: [],
    crossUnit: false,
    overStandard: false,
    financial: false,
    ...over,
  });
  const committee = { minItemFen: 10_000_000, minBatchFen: 20_000_000 };

  it.each([
    { item: 9_999_999, total: 19_999_999, applies: false },
    { item: 10_000_000, total: 10_000_000, applies: true },
    { item: 5_000_000, total: 20_000_000, applies: true },
    { item: 0, total: 0, applies: false },
  ])('committee disposal step at item $item batch $total: $applies', ({ item, total, applies }) => {
    expect(stepApplies(committee, facts({ maxItemFen: item, totalFen: total }))).toBe(applies);
  });

  it('applies an unconditional step always and checks category, cross-unit, over-standard and financial flags', () => {
    expect(stepApplies({}, facts())).toBe(true);
    expect(stepApplies({ categoryPrefix: '203' }, facts({ categoryCodes: ['2030000'] }))).toBe(true);
    expect(stepApplies({ categoryPrefix: '203' }, facts({ categoryCodes: ['2010105'] }))).toBe(false);
    expect(stepApplies({ crossUnit: true }, facts({ crossUnit: false }))).toBe(false);
    expect(stepApplies({ overStandard: true }, facts({ overStandard: true }))).toBe(true);
    expect(stepApplies({ financial: true }, facts())).toBe(false);
  });
});

describe('scrap and dates', () => {
  it('allows scrap after the minimum life or with an appraisal', () => {
    expect(scrapAllowed('2018-01-15', 72, '2024-01-15')).toBe(true);
    expect(scrapAllowed('2018-01-15', 72, '2024-01-14')).toBe(false);
    expect(scrapAllowed('2023-01-15', 72, '2024-01-14', '鉴定：主板烧毁无法修复')).toBe(true);
  });
  it('adds months clamping to the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-11-30', 3)).toBe('2024-02-29');
  });
});
