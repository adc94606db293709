import { CODE_HINTS, CODE_PATTERNS, type Edition } from '../../../shared/catalog.contracts.ts';

// The structure of a GB/T 14885 code: each level adds one segment, the rest is zeros. 2010 has
// segments of 1/2/2/2 digits, 2022 (after its letter) 2/2/2/2. Parents and paths follow from it.
const SEGMENTS: Record<Edition, number[]> = { '2010': [1, 2, 2, 2], '2022': [2, 2, 2, 2] };
const PREFIX: Record<Edition, string> = { '2010': '', '2022': 'A' };

export interface ParsedCode {
  level: number;
  /** The codes of the ancestors, top first (not including the code itself). */
  ancestors: string[];
  parentCode: string | null;
}

/** null when the code does not have the edition's shape. */
export function parseCode(edition: Edition, code: string): ParsedCode | null {
  if (!CODE_PATTERNS[edition].test(code)) return null;
  const prefix = PREFIX[edition];
  const digits = code.slice(prefix.length);
  const segs = SEGMENTS[edition];
  const parts: string[] = [];
  let at = 0;
  for (const len of segs) {
    parts.push(digits.slice(at, at + len));
    at += len;
  }
  // The level is the last non-zero segment. A zero segment above it (2000100) would make the code
  // its own ancestor's twin, so it is not a valid code; all zeros is not a code either.
  let level = 0;
  parts.forEach((p, i) => {
    if (!/^0+$/.test(p)) level = i + 1;
  });
  if (level === 0 || parts.slice(0, level).some((p) => /^0+$/.test(p))) return null;
  const codeAt = (lvl: number) => prefix + parts.map((p, i) => (i < lvl ? p : '0'.repeat(p.length))).join('');
  const ancestors: string[] = [];
  for (let l = 1; l < level; l++) ancestors.push(codeAt(l));
  return { level, ancestors, parentCode: ancestors.at(-1) ?? null };
}

export const codeHint = (edition: Edition) => CODE_HINTS[edition];

/** '/2000000/2010000/2010100/2010104/': the ancestors' codes and its own; a subtree is `path LIKE prefix%`. */
export const pathOf = (parsed: ParsedCode, code: string) => `/${[...parsed.ancestors, code].join('/')}/`;

/** Which edition a code belongs to, from its shape alone. */
export function editionOf(code: string): Edition | null {
  if (CODE_PATTERNS['2010'].test(code)) return '2010';
  if (CODE_PATTERNS['2022'].test(code)) return '2022';
  return null;
}
