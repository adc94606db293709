import type { FastifyRequest, RouteOptions } from 'fastify';
import { AppError } from '../errors.ts';
import type { App } from './types.ts';

/** Characters no text field may hold: NUL, which PostgreSQL cannot store in text or jsonb. */
const FORBIDDEN = /\u0000/;
const MAX_DEPTH = 32;

/** The path of the first string (or key) holding a forbidden character, e.g. "lines.2.name"; undefined when clean. */
export function forbiddenCharPath(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? path.join('.') || '_' : undefined;
  if (!value || typeof value !== 'object' || depth > MAX_DEPTH) return undefined;
  if (Buffer.isBuffer(value)) return undefined;
  for (const [k, v] of Object.entries(value)) {
    if (FORBIDDEN.test(k)) return [...path, k.replace(FORBIDDEN, '\\0')].join('.');
    const found = forbiddenCharPath(v, [...path, k], depth + 1);
    if (found) return found;
  }
  return undefined;
}

async function refuseForbiddenChars(req: FastifyRequest): Promise<void> {
  for (const part of [req.params, req.query, req.body]) {
    const field = forbiddenCharPath(part);
    if (field) throw new AppError('validation', `输入有误：${field} 含有不允许的字符（NUL）`, { [field]: '不能包含 NUL 字符' });
  }
}

/**
 * One rule for every /api route: text anywhere in the path, query or body that holds a NUL answers
 * 400 naming the field, instead of reaching the database (which refuses it with an error). It runs
 * after the access check, so callers without access still get 401/403 first.
 */
export function installInputGuard(app: App): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return;
    const existing = route.preValidation;
    route.preValidation = existing ? [...(Array.isArray(existing) ? existing : [existing]), refuseForbiddenChars] : [refuseForbiddenChars];
  });
}
