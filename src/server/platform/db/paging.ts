import { asc, desc, sql, type Column, type SQL } from 'drizzle-orm';
import type { PageQuery } from '../../../shared/paging.ts';

export const offsetOf = (p: Pick<PageQuery, 'page' | 'pageSize'>) => (p.page - 1) * p.pageSize;

/** ORDER BY for an allowed column, always ending in a unique tie-breaker so pages never overlap. */
export function orderOf(
  columns: Record<string, Column | SQL>,
  p: Pick<PageQuery, 'sort' | 'order'>,
  fallback: string,
  tieBreaker: Column,
): SQL[] {
  const col = columns[p.sort ?? fallback] ?? columns[fallback];
  const dir = p.order === 'desc' ? desc : asc;
  return [dir(col as Column), dir(tieBreaker)];
}

/** Escapes LIKE wildcards in user input and wraps it for a substring match. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export const countAll = sql<number>`count(*)::int`;
