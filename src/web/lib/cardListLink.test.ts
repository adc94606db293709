import { describe, expect, it } from 'vitest';
import { cardListUrl, filterFromParams } from './cardListLink.ts';

const params = (url: string) => new URL(url, 'http://x').searchParams;

describe('the card list link', () => {
  it('reads back the filter it writes', () => {
    const f = { categoryId: '7a9c3c3e-1a54-4b1e-9a35-0a7d1c5b2a11', status: ['idle' as const], postedFrom: '2026-03-01' };
    expect(filterFromParams(params(cardListUrl(f)))).toEqual(f);
  });

  it('reads plain parameters named like the API, repeated lists included', () => {
    expect(filterFromParams(params('/cards?unitId=u1&status=idle&status=in_use&valueMin=100&useMode=idle'))).toEqual({
      unitId: 'u1',
      status: ['idle', 'in_use'],
      valueMin: 100,
      useMode: 'idle',
    });
  });

  it('ignores a broken JSON filter and makes a single status a list', () => {
    expect(filterFromParams(params('/cards?f=%7Bbroken'))).toEqual({});
    expect(filterFromParams(params(`/cards?f=${encodeURIComponent('{"status":"idle"}')}`))).toEqual({ status: ['idle'] });
  });
});
