import { z } from 'zod';

// Money is integer fen everywhere; yuan strings only at the edges (screen, files).
export type Fen = number;

/**
 * The largest amount accepted anywhere (a card's value, a price, a document line and a document's
 * total, an import cell): 9e12 fen = ¥90 billion. Sums stay exact: every total the system computes
 * adds non-negative amounts of cards or lines, and JS numbers are exact up to 2^53 ≈ 9e15 fen
 * (¥90 trillion), a thousand times the bound; SQL sums are bigint.
 */
export const FEN_MAX = 9_000_000_000_000;
export const FEN_MAX_MESSAGE = '金额不能超过 900 亿元';

/** An amount in fen as input: a non-negative integer up to FEN_MAX. */
export const Fen = z.number().int('金额应为整数分').min(0, '金额不能为负').max(FEN_MAX, FEN_MAX_MESSAGE);

export function yuanToFen(input: string | number): Fen {
  const s = typeof input === 'number' ? input.toFixed(2) : input.trim().replace(/[,，\s¥￥]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) throw new RangeError(`not an amount in yuan: ${input}`);
  const neg = s.startsWith('-');
  const [int, frac = ''] = s.replace('-', '').split('.');
  const fen = Number(int) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(fen) || fen > FEN_MAX) throw new RangeError(`amount out of range: ${input}`);
  return neg ? -fen : fen;
}

export function fenToYuan(fen: Fen): string {
  const neg = fen < 0;
  const abs = Math.abs(fen);
  const s = `${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** ¥1,234.56 style, for screens and printouts. */
export function formatYuan(fen: Fen): string {
  const [int, frac] = fenToYuan(Math.abs(fen)).split('.');
  return `${fen < 0 ? '-' : ''}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}
