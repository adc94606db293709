import { sql } from 'drizzle-orm';
import type { CategoryNode, CategoryView, Edition } from '../../../shared/catalog.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { likePattern } from '../../platform/db/paging.ts';
import { CATEGORY_COLUMNS } from './category.service.ts';

/** One edition's whole tree: one query, nested in memory (a few thousand rows at most). */
export async function categoryTree(q: Queryable, edition: Edition): Promise<CategoryNode[]> {
  const rows = await query<CategoryNode & { parentId: string | null }>(
    q,
    sql`
    SELECT id, code, name, level, parent_id AS "parentId", useful_life_months AS "usefulLifeMonths", depreciable,
      capitalization_threshold_fen AS "capitalizationThresholdFen", attribute_set AS "attributeSet", measure_unit AS "measureUnit",
      asset_kind AS "assetKind", batch_fixed AS "batchFixed"
    FROM categories WHERE edition = ${edition} ORDER BY code`,
  );
  const byId = new Map<string, CategoryNode>();
  for (const r of rows) {
    const { parentId: _p, ...node } = r;
    byId.set(r.id, { ...node, children: [] });
  }
  const roots: CategoryNode[] = [];
  for (const r of rows) {
    const node = byId.get(r.id)!;
    const parent = r.parentId ? byId.get(r.parentId) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

const SORTS = { code: 'c.code', name: 'c.name', level: 'c.level' } as const;

export async function listCategories(
  q: Queryable,
  p: { page: number; pageSize: number; q?: string; edition?: Edition; sort?: keyof typeof SORTS; order: 'asc' | 'desc' },
): Promise<Page<CategoryView>> {
  const where = [sql`true`];
  if (p.edition) where.push(sql`c.edition = ${p.edition}`);
  if (p.q) {
    const pat = likePattern(p.q.trim());
    where.push(sql`(c.code ILIKE ${pat} OR c.name ILIKE ${pat})`);
  }
  const cond = sql.join(where, sql` AND `);
  const dir = sql.raw(p.order === 'desc' ? 'DESC' : 'ASC');
  const order = sql.raw(SORTS[p.sort ?? 'code']);
  const [{ n }] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM categories c WHERE ${cond}`);
  const items = await query<CategoryView>(
    q,
    sql`
    SELECT ${CATEGORY_COLUMNS} FROM categories c LEFT JOIN categories p ON p.id = c.parent_id
    WHERE ${cond} ORDER BY ${order} ${dir}, c.edition ${dir}, c.id ${dir}
    LIMIT ${p.pageSize} OFFSET ${(p.page - 1) * p.pageSize}`,
  );
  return { items, total: n, page: p.page, pageSize: p.pageSize };
}
