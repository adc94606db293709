// The guide's lives and exemptions applied to categories (docs/domain.md §6, 财会〔2017〕4号): a category's
// life is a floor for its cards, so it may not itself go below the guide's minimum for its class;
// only the exempt kinds (land valued separately, 文物和陈列品, 图书和档案, 特种动植物; and 物资, which
// are not fixed assets) may be "not depreciated". reference/useful-lives.csv says which codes each
// row of the guide covers; the most specific code wins.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Edition } from '../../../shared/catalog.contracts.ts';
import { parseCsv } from './category.file.ts';

export interface GuideRow {
  kind: string;
  /** The minimum life in months; null for the exempt kinds. */
  floorMonths: number | null;
  depreciable: boolean;
  codes: Record<Edition, string[]>;
}

const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../reference/useful-lives.csv');
let cached: GuideRow[] | undefined;

/** The guide's table, read once from reference/useful-lives.csv. */
export function guideRows(): GuideRow[] {
  if (cached) return cached;
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8')).filter((r) => !r[0].startsWith('#'));
  const col = (name: string) => header.indexOf(name);
  cached = rows.map((r) => ({
    kind: r[col('kind')],
    floorMonths: r[col('useful_life_months')] ? Number.parseInt(r[col('useful_life_months')], 10) : null,
    depreciable: r[col('depreciable')] === 'true',
    codes: {
      '2010': (r[col('code_2010')] ?? '').split(/\s+/).filter(Boolean),
      '2022': (r[col('code_2022')] ?? '').split(/\s+/).filter(Boolean),
    },
  }));
  return cached;
}

/** The guide row covering a category: the one naming its code or its nearest ancestor's (path '/A/B/C/'). */
export function guideRowFor(edition: Edition, categoryPath: string): GuideRow | undefined {
  const chain = categoryPath.split('/').filter(Boolean).reverse();
  for (const code of chain) {
    const row = guideRows().find((g) => g.codes[edition].includes(code));
    if (row) return row;
  }
  return undefined;
}

const months = (m: number) => (m % 12 === 0 ? `${m} 个月（${m / 12} 年）` : `${m} 个月`);

/**
 * Field errors for a category's life and depreciation flag against the guide. An intangible
 * category may be left unamortised (使用年限不确定, 政府会计准则第4号) and has no statutory floor.
 */
export function checkCategoryAgainstGuide(c: {
  edition: Edition;
  path: string;
  name: string;
  usefulLifeMonths: number | null;
  depreciable: boolean;
  assetKind: string;
}): Record<string, string> {
  const fields: Record<string, string> = {};
  if (c.assetKind === 'intangible') return fields;
  const g = guideRowFor(c.edition, c.path);
  if (!c.depreciable && (!g || g.depreciable)) {
    fields.depreciable = '只有单独计价入账的土地、文物和陈列品、图书和档案、特种动植物（及物资）可以设为不计提折旧';
  }
  if (c.depreciable && g?.floorMonths && c.usefulLifeMonths !== null && c.usefulLifeMonths < g.floorMonths) {
    fields.usefulLifeMonths = `使用年限不得低于 ${months(g.floorMonths)}（财会〔2017〕4号：${g.kind}）`;
  }
  return fields;
}
