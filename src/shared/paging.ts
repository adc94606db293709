import { z } from 'zod';

/** Every list route takes these and answers a Page: one convention for tables, sorting and paging. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  /** A column name the route allows; unknown names are a validation error. */
  sort: z.string().max(64).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
  /** Search: any fragment, Chinese or Latin. */
  q: z.string().max(100).optional(),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** A zod enum of sortable column names, so a bad `sort` names the field. */
export const sortOf = <const T extends readonly [string, ...string[]]>(columns: T) => z.enum(columns).optional();
