import type { CardFilter } from '../../shared/assets.contracts.ts';

export type CardListFilter = Omit<CardFilter, 'q'>;

// The filters a link may name as plain query parameters; lists may repeat (?status=idle&status=in_use).
const LIST_KEYS = ['status', 'assetKind', 'valueType', 'procurementForm', 'assetUse'] as const;
const NUMBER_KEYS = ['valueMin', 'valueMax', 'fiscalMin', 'fiscalMax'] as const;
const TEXT_KEYS = [
  'unitId',
  'departmentId',
  'categoryId',
  'useMode',
  'roomId',
  'buildingId',
  'compoundId',
  'custodianId',
  'acquiredFrom',
  'acquiredTo',
  'postedFrom',
  'postedTo',
  'warrantyFrom',
  'warrantyTo',
  'custodianLeft',
] as const;

/** The card library's URL for a filter: every chart, report or page that opens the list uses it. */
export function cardListUrl(filter: CardListFilter, q?: string): string {
  const p = new URLSearchParams();
  const f = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  if (Object.keys(f).length) p.set('f', JSON.stringify(f));
  if (q) p.set('q', q);
  const s = p.toString();
  return s ? `/cards?${s}` : '/cards';
}

/**
 * The card library's filter from its URL: the `f` parameter (JSON, as the list writes it) and plain
 * parameters named like the API's (?categoryId=…&status=idle), so any link opens the list filtered.
 */
export function filterFromParams(params: URLSearchParams): CardListFilter {
  let f: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(params.get('f') ?? '{}') as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) f = parsed as Record<string, unknown>;
  } catch {
    /* a hand-edited link: ignore the broken part */
  }
  for (const k of TEXT_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  for (const k of NUMBER_KEYS) {
    const v = params.get(k);
    if (v && /^\d+$/.test(v)) f[k] = Number(v);
  }
  for (const k of LIST_KEYS) {
    const v = params.getAll(k).filter(Boolean);
    if (v.length) f[k] = v;
    // A single value in the JSON form is still a list to the form's multiple select.
    else if (typeof f[k] === 'string') f[k] = [f[k]];
  }
  return f as CardListFilter;
}
