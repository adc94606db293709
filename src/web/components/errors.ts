import { CLIENT_MESSAGES } from '../../shared/errors.ts';
import { ApiError, uiLanguage } from '../api/client.ts';

/**
 * "lines.2.price" → ['lines', 2, 'price']: the server names fields with dotted paths, antd forms
 * name them with arrays where list indexes are numbers.
 */
export function fieldPath(key: string): (string | number)[] {
  return key
    .split('.')
    .filter((p) => p !== '')
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** The text to show for any thrown value: the server's own message (in the UI language) when there is one. */
export function errorText(err: unknown, fallback: string = CLIENT_MESSAGES.failed[uiLanguage()]): string {
  if (err instanceof ApiError) return err.body?.message || err.message || fallback;
  if (err instanceof Error && err.message) {
    // fetch() failing outright (server down, offline) surfaces as a TypeError.
    if (err.name === 'TypeError') return CLIENT_MESSAGES.network[uiLanguage()];
    return err.message;
  }
  return fallback;
}

/**
 * Splits the server's field errors into those the form shows beside a field (the path is a
 * registered field) and the rest, which must be shown some other way so none is silently lost.
 */
export function splitFieldErrors(
  fields: Record<string, string>,
  registered: (string | number)[][],
  aliases: Record<string, (string | number)[]> = {},
): { onForm: { name: (string | number)[]; errors: string[] }[]; elsewhere: string[] } {
  const known = new Set(registered.map((n) => n.join('.')));
  const onForm: { name: (string | number)[]; errors: string[] }[] = [];
  const elsewhere: string[] = [];
  for (const [key, msg] of Object.entries(fields)) {
    // A form field that holds what the server names differently (a range picker for periodFrom/periodTo).
    const name = aliases[key] ?? fieldPath(key);
    if (known.has(name.join('.'))) onForm.push({ name, errors: [msg] });
    else elsewhere.push(key ? `${key}: ${msg}` : msg);
  }
  return { onForm, elsewhere };
}
