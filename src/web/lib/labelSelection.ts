// How the card list hands a selection to the label page opened in a new tab.

/** Up to this many ids travel in the address (?ids=); more go through local storage (?sel=). */
export const LABEL_IDS_IN_URL = 150;
export const LABEL_SELECTION_PREFIX = 'gongwu.labelSelection.';
/** Ids per label request: keeps each request line well under the server's header size limit. */
export const LABEL_IDS_PER_REQUEST = 200;

/** The ids stored under `key`; stored selections older than a day are dropped on the way. */
export function takeStoredSelection(key: string): string[] {
  const now = Date.now();
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (!k?.startsWith(LABEL_SELECTION_PREFIX) || k === LABEL_SELECTION_PREFIX + key) continue;
    const born = parseInt(k.slice(LABEL_SELECTION_PREFIX.length, -6), 36);
    if (!Number.isFinite(born) || now - born > 86_400_000) localStorage.removeItem(k);
  }
  try {
    const ids = JSON.parse(localStorage.getItem(LABEL_SELECTION_PREFIX + key) ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
