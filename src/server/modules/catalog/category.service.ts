import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { CategoryCreate, CategoryPatch, CategoryView, Edition, ImportReport } from '../../../shared/catalog.contracts.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { codeHint, editionOf, parseCode, pathOf } from './category.codes.ts';
import { parseCsv, rowsToCategories, type CategoryRow, type RowError } from './category.file.ts';
import { checkCategoryAgainstGuide } from './category.rules.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The columns of a CategoryView, for every read. */
export const CATEGORY_COLUMNS = sql.raw(`c.id, c.edition, c.code, c.name, c.parent_id AS "parentId", p.code AS "parentCode",
  c.level, c.path, c.useful_life_months AS "usefulLifeMonths", c.depreciable,
  c.capitalization_threshold_fen AS "capitalizationThresholdFen", c.attribute_set AS "attributeSet",
  c.measure_unit AS "measureUnit", c.asset_kind AS "assetKind", c.batch_fixed AS "batchFixed", c.active`);

export async function getCategory(q: Queryable, id: string): Promise<CategoryView> {
  if (!UUID.test(id)) throw notFound('资产分类');
  const row = await queryOne<CategoryView>(
    q,
    sql`SELECT ${CATEGORY_COLUMNS} FROM categories c LEFT JOIN categories p ON p.id = c.parent_id WHERE c.id = ${id}`,
  );
  if (!row) throw notFound('资产分类');
  return row;
}

/** The category's path; `categories.path LIKE prefix || '%'` selects it and everything beneath it. */
export async function categorySubtreePrefix(q: Queryable, id: string): Promise<string> {
  return (await getCategory(q, id)).path;
}

/** A category by its code in either edition (the code's shape tells which); undefined when unknown. */
export async function resolveCategoryByCode(q: Queryable, code: string): Promise<CategoryView | undefined> {
  const c = code.trim().toUpperCase();
  const edition = editionOf(c);
  if (!edition) return undefined;
  return queryOne<CategoryView>(
    q,
    sql`SELECT ${CATEGORY_COLUMNS} FROM categories c LEFT JOIN categories p ON p.id = c.parent_id WHERE c.edition = ${edition} AND c.code = ${c}`,
  );
}

export async function createCategory(q: Queryable, input: CategoryCreate): Promise<CategoryView> {
  const code = input.code.toUpperCase();
  const parsed = parseCode(input.edition, code);
  if (!parsed) throw invalid({ code: `编码格式不符：${codeHint(input.edition)}` });
  const guide = checkCategoryAgainstGuide({ ...input, path: pathOf(parsed, code) });
  if (Object.keys(guide).length) throw invalid(guide);
  return withTx(q, async (tx) => {
    let parentId: string | null = null;
    if (parsed.parentCode) {
      const parent = await queryOne<{ id: string }>(
        tx,
        sql`SELECT id FROM categories WHERE edition = ${input.edition} AND code = ${parsed.parentCode}`,
      );
      if (!parent) throw invalid({ code: `上级分类 ${parsed.parentCode} 在 ${input.edition} 版中不存在` });
      parentId = parent.id;
    }
    const dup = await queryOne(tx, sql`SELECT 1 FROM categories WHERE edition = ${input.edition} AND code = ${code}`);
    if (dup) throw new AppError('conflict', `编码 ${code} 在 ${input.edition} 版中已存在`, { code: '编码已存在' });
    const [row] = await query<{ id: string }>(
      tx,
      sql`
      INSERT INTO categories (edition, code, name, parent_id, level, path, useful_life_months, depreciable,
        capitalization_threshold_fen, attribute_set, measure_unit, asset_kind, batch_fixed, active)
      VALUES (${input.edition}, ${code}, ${input.name}, ${parentId}, ${parsed.level}, ${pathOf(parsed, code)},
        ${input.usefulLifeMonths}, ${input.depreciable}, ${input.capitalizationThresholdFen}, ${input.attributeSet},
        ${input.measureUnit}, ${input.assetKind}, ${input.batchFixed}, ${input.active})
      RETURNING id`,
    );
    return getCategory(tx, row.id);
  });
}

export async function updateCategory(q: Queryable, id: string, patch: CategoryPatch): Promise<CategoryView> {
  return withTx(q, async (tx) => {
    const current = await getCategory(tx, id);
    const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as CategoryView;
    const guide = checkCategoryAgainstGuide(next);
    if (Object.keys(guide).length) throw invalid(guide);
    await tx.execute(sql`
      UPDATE categories SET name = ${next.name}, useful_life_months = ${next.usefulLifeMonths}, depreciable = ${next.depreciable},
        capitalization_threshold_fen = ${next.capitalizationThresholdFen}, attribute_set = ${next.attributeSet},
        measure_unit = ${next.measureUnit}, asset_kind = ${next.assetKind}, batch_fixed = ${next.batchFixed}, active = ${next.active}
      WHERE id = ${id}`);
    return getCategory(tx, id);
  });
}

/**
 * Upserts checked rows by (edition, code) in a few set-based statements: one insert-or-update for
 * all rows, then one update linking parents by code. The caller's transaction makes it all or nothing.
 */
async function upsertRows(q: Queryable, rows: CategoryRow[]): Promise<{ created: Set<string> }> {
  const created = new Set<string>();
  // Chunks keep the JSON parameter moderate; the transaction still covers all of them.
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({
      edition: r.edition,
      code: r.code,
      name: r.name,
      parent_code: r.parentCode,
      level: r.level,
      path: r.path,
      life: r.usefulLifeMonths,
      depreciable: r.depreciable,
      threshold: r.capitalizationThresholdFen,
      attribute_set: r.attributeSet,
      measure_unit: r.measureUnit,
      asset_kind: r.assetKind,
      batch_fixed: r.batchFixed,
    }));
    const json = JSON.stringify(chunk);
    const res = await query<{ edition: string; code: string; inserted: boolean }>(
      q,
      sql`
      INSERT INTO categories AS c (edition, code, name, level, path, useful_life_months, depreciable,
        capitalization_threshold_fen, attribute_set, measure_unit, asset_kind, batch_fixed)
      SELECT r.edition, r.code, r.name, r.level, r.path, r.life, r.depreciable, r.threshold, r.attribute_set, r.measure_unit, r.asset_kind, r.batch_fixed
      FROM jsonb_to_recordset(${json}::jsonb) AS r(edition text, code text, name text, parent_code text, level int, path text,
        life int, depreciable boolean, threshold bigint, attribute_set text, measure_unit text, asset_kind text, batch_fixed boolean)
      ON CONFLICT (edition, code) DO UPDATE SET name = excluded.name, useful_life_months = excluded.useful_life_months,
        depreciable = excluded.depreciable, capitalization_threshold_fen = excluded.capitalization_threshold_fen,
        attribute_set = excluded.attribute_set, measure_unit = excluded.measure_unit, asset_kind = excluded.asset_kind,
        batch_fixed = excluded.batch_fixed
      RETURNING c.edition, c.code, (xmax = 0) AS inserted`,
    );
    for (const r of res) if (r.inserted) created.add(`${r.edition}:${r.code}`);
    await q.execute(sql`
      UPDATE categories c SET parent_id = p.id
      FROM jsonb_to_recordset(${json}::jsonb) AS r(edition text, code text, parent_code text)
      JOIN categories p ON p.edition = r.edition AND p.code = r.parent_code
      WHERE c.edition = r.edition AND c.code = r.code AND c.parent_id IS DISTINCT FROM p.id`);
  }
  return { created };
}

/**
 * All or nothing: any bad row (shape, missing parent) rejects the whole file with a report of every
 * row; otherwise every row is created or updated in one transaction.
 */
export async function importCategories(q: Queryable, parsed: { rows: CategoryRow[]; errors: RowError[] }): Promise<ImportReport> {
  return withTx(q, async (tx) => {
    const editions = [...new Set(parsed.rows.map((r) => r.edition))];
    const existing = new Set(
      editions.length === 0
        ? []
        : (
            await query<{ k: string }>(
              tx,
              sql`SELECT edition || ':' || code AS k FROM categories WHERE edition IN ${sql.raw(`(${editions.map((e) => `'${e}'`).join(',')})`)}`,
            )
          ).map((r) => r.k),
    );
    const inFile = new Set(parsed.rows.map((r) => `${r.edition}:${r.code}`));
    const errors: RowError[] = [...parsed.errors];
    for (const r of parsed.rows) {
      const guide = checkCategoryAgainstGuide(r);
      if (Object.keys(guide).length) {
        errors.push({
          row: r.row,
          code: r.code,
          errors: {
            ...(guide.depreciable ? { depreciable: guide.depreciable } : {}),
            ...(guide.usefulLifeMonths ? { useful_life_months: guide.usefulLifeMonths } : {}),
          },
        });
      }
      if (r.parentCode && !existing.has(`${r.edition}:${r.parentCode}`) && !inFile.has(`${r.edition}:${r.parentCode}`)) {
        errors.push({ row: r.row, code: r.code, errors: { parent_code: `上级分类 ${r.parentCode} 在 ${r.edition} 版中不存在` } });
      }
    }
    if (errors.length) {
      const report: ImportReport = {
        ok: false,
        created: 0,
        updated: 0,
        rows: errors.sort((a, b) => a.row - b.row).map((e) => ({ row: e.row, code: e.code, action: 'error' as const, errors: e.errors })),
      };
      throw new AppError('import_rejected', `导入被拒绝：${errors.length} 行有错误，未写入任何数据`, undefined, report);
    }
    const { created } = await upsertRows(tx, parsed.rows);
    const rows = parsed.rows.map((r) => ({
      row: r.row,
      code: r.code,
      action: created.has(`${r.edition}:${r.code}`) ? ('created' as const) : ('updated' as const),
    }));
    return { ok: true, created: created.size, updated: rows.length - created.size, rows };
  });
}

const referenceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference');
export const REFERENCE_FILES: Record<Edition, string> = { '2010': 'gbt14885-2010.csv', '2022': 'gbt14885-2022.csv' };

/** Loads both shipped trees (reference/) in one transaction; re-running updates them in place. */
export async function loadReferenceTrees(q: Queryable): Promise<number> {
  let total = 0;
  for (const [edition, file] of Object.entries(REFERENCE_FILES) as [Edition, string][]) {
    const parsed = rowsToCategories(parseCsv(fs.readFileSync(path.join(referenceDir, file), 'utf8')), edition);
    if (parsed.errors.length) throw new Error(`reference/${file}: bad rows ${JSON.stringify(parsed.errors.slice(0, 3))}`);
    const report = await importCategories(q, parsed);
    total += report.rows.length;
  }
  return total;
}
