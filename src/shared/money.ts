// Money is integer fen everywhere; yuan strings only at the edges (screen, files).
export type Fen = number;

export function yuanToFen(input: string | number): Fen {
  const s = typeof input === 'number' ? input.toFixed(2) : input.trim().replace(/[,，\s¥￥]/g, '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) throw new RangeError(`not an amount in yuan: ${input}`);
  const neg = s.startsWith('-');
  const [int, frac = ''] = s.replace('-', '').split('.');
  const fen = Number(int) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount out of range: ${input}`);
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
