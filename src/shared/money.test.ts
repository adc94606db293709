import { describe, expect, it } from 'vitest';
import { CardInput } from './assets.contracts.ts';
import { CategoryCreate } from './catalog.contracts.ts';
import { FEN_MAX, Fen, yuanToFen } from './money.ts';
import { DocumentLineInput, documentTypeSpec } from './workflow.contracts.ts';

describe('one bound on money', () => {
  it('accepts 0 to 9e12 fen (¥90 billion) and refuses more, negatives and fractions of a fen', () => {
    expect([0, 1, FEN_MAX].every((v) => Fen.safeParse(v).success)).toBe(true);
    expect([FEN_MAX + 1, 9e15, -1, 1.5, Number.NaN, Infinity].filter((v) => Fen.safeParse(v).success)).toEqual([]);
    expect(FEN_MAX * 1000).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it('is the bound of card values, category thresholds, document prices and payload amounts', () => {
    expect(CardInput.shape.originalValueFen.safeParse(9e15).success).toBe(false);
    expect(CardInput.shape.accumulatedDepreciationFen.safeParse(9e15).success).toBe(false);
    expect(CategoryCreate.shape.capitalizationThresholdFen.safeParse(9e15).success).toBe(false);
    expect(DocumentLineInput.shape.unitPriceFen.safeParse(9e15).success).toBe(false);
    expect(documentTypeSpec('change').payload.safeParse({ newValueFen: FEN_MAX + 1 }).success).toBe(false);
    expect(() => yuanToFen('90000000000.01')).toThrow(RangeError);
    expect(yuanToFen('90000000000.00')).toBe(FEN_MAX);
  });
});
