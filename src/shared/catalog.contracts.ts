import { z } from 'zod';
import { Fen } from './money.ts';
import { PageQuery, pageOf } from './paging.ts';

// GB/T 14885 asset categories (资产分类), both editions. Shared by the API, the web form and the import.

export const EDITIONS = ['2010', '2022'] as const;
export const Edition = z.enum(EDITIONS);
export type Edition = z.infer<typeof Edition>;

export const ATTRIBUTE_SETS = {
  none: ['无', 'None'],
  building: ['房屋构筑物', 'Building'],
  vehicle: ['车辆', 'Vehicle'],
  it: ['信息化设备', 'IT equipment'],
  land: ['土地', 'Land'],
} as const;
export const AttributeSet = z.enum(['none', 'building', 'vehicle', 'it', 'land']);

/** A category's cards are fixed assets (depreciated) or intangible assets (amortised, 累计摊销). */
export const CATEGORY_ASSET_KINDS = {
  fixed: ['固定资产', 'Fixed assets'],
  intangible: ['无形资产', 'Intangible assets'],
} as const;
export const CategoryAssetKind = z.enum(['fixed', 'intangible']);
export type CategoryAssetKind = z.infer<typeof CategoryAssetKind>;
export type AttributeSet = z.infer<typeof AttributeSet>;

/**
 * 2010: seven digits (1 category, 2 class, 2 sub-class, 2 item), e.g. 2010104.
 * 2022: 'A' and eight digits (2 category, 2 class, 2 sub-class, 2 item), e.g. A02010104.
 * A level's code is its ancestors' digits followed by zeros.
 */
export const CODE_PATTERNS: Record<Edition, RegExp> = { '2010': /^[1-9]\d{6}$/, '2022': /^A\d{8}$/ };
export const CODE_HINTS: Record<Edition, string> = {
  '2010': '7位数字，如 2010104',
  '2022': 'A加8位数字，如 A02010104',
};

export const CategoryView = z.object({
  id: z.string(),
  edition: Edition,
  code: z.string(),
  name: z.string(),
  parentId: z.string().nullable(),
  parentCode: z.string().nullable(),
  level: z.number().int(),
  path: z.string(),
  usefulLifeMonths: z.number().int().nullable(),
  depreciable: z.boolean(),
  capitalizationThresholdFen: z.number().int(),
  attributeSet: AttributeSet,
  measureUnit: z.string(),
  assetKind: CategoryAssetKind,
  batchFixed: z.boolean(),
  active: z.boolean(),
});
export type CategoryView = z.infer<typeof CategoryView>;

export interface CategoryNode {
  id: string;
  code: string;
  name: string;
  level: number;
  usefulLifeMonths: number | null;
  depreciable: boolean;
  capitalizationThresholdFen: number;
  attributeSet: AttributeSet;
  measureUnit: string;
  assetKind: CategoryAssetKind;
  batchFixed: boolean;
  children: CategoryNode[];
}
export const CategoryNode: z.ZodType<CategoryNode> = z
  .lazy(() =>
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      level: z.number().int(),
      usefulLifeMonths: z.number().int().nullable(),
      depreciable: z.boolean(),
      capitalizationThresholdFen: z.number().int(),
      attributeSet: AttributeSet,
      measureUnit: z.string(),
      assetKind: CategoryAssetKind,
      batchFixed: z.boolean(),
      children: z.array(CategoryNode),
    }),
  )
  .register(z.globalRegistry, { id: 'CategoryNode' }); // named: the OpenAPI document carries the recursive tree as a component

export const TreeQuery = z.object({ edition: Edition.default('2010') });

export const CategoryListQuery = PageQuery.extend({
  edition: Edition.optional(),
  sort: z.enum(['code', 'name', 'level']).optional(),
});
export const CategoryPage = pageOf(CategoryView);

const fields = {
  name: z.string().trim().min(1, '名称必填').max(100),
  usefulLifeMonths: z.number().int().min(1, '使用年限须为正整数（月）').max(1200).nullable(),
  depreciable: z.boolean(),
  capitalizationThresholdFen: Fen,
  attributeSet: AttributeSet,
  measureUnit: z.string().trim().min(1, '计量单位必填').max(10),
  assetKind: CategoryAssetKind,
  batchFixed: z.boolean(),
  active: z.boolean(),
};

export const CategoryCreate = z.object({
  edition: Edition,
  code: z.string().trim().min(1, '编码必填').max(20),
  ...fields,
  usefulLifeMonths: fields.usefulLifeMonths.optional().default(null),
  depreciable: fields.depreciable.default(true),
  capitalizationThresholdFen: fields.capitalizationThresholdFen.default(100000),
  attributeSet: fields.attributeSet.default('none'),
  measureUnit: fields.measureUnit.default('台'),
  assetKind: fields.assetKind.default('fixed'),
  batchFixed: fields.batchFixed.default(false),
  active: fields.active.default(true),
});
export type CategoryCreate = z.infer<typeof CategoryCreate>;

/** The code and edition never change (cards and reports refer to them); everything else may. */
export const CategoryPatch = z.object(fields).partial();
export type CategoryPatch = z.infer<typeof CategoryPatch>;

export const ImportRowReport = z.object({
  row: z.number().int(),
  code: z.string(),
  action: z.enum(['created', 'updated', 'error']),
  errors: z.record(z.string(), z.string()).optional(),
});
export const ImportReport = z.object({
  ok: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  rows: z.array(ImportRowReport),
});
export type ImportReport = z.infer<typeof ImportReport>;

/** The import file's columns (CSV header or first sheet row), Chinese or English names. */
export const IMPORT_COLUMNS = [
  ['edition', '版本'],
  ['code', '编码'],
  ['name', '名称'],
  ['parent_code', '上级编码'],
  ['useful_life_months', '使用年限(月)'],
  ['depreciable', '是否折旧'],
  ['capitalization_threshold_fen', '资本化标准(分)'],
  ['attribute_set', '属性集'],
  ['measure_unit', '计量单位'],
  ['asset_kind', '资产类型'],
  ['batch_fixed', '批量计入固定资产'],
] as const;
