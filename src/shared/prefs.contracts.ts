import { z } from 'zod';

// Lists people shape: each user's settings per list (columns, order and width, density, page size,
// whether the filter panel is open) and saved filters, personal or shared with the unit.

export const LIST_IDS = ['cards', 'documents', 'inbox', 'reports'] as const;
export const ListId = z.enum(LIST_IDS);
export type ListId = z.infer<typeof ListId>;

export const ListSettings = z.object({
  /** The columns in the order shown; a column not named keeps its default place and visibility. */
  columns: z
    .array(z.object({ key: z.string().max(60), visible: z.boolean(), width: z.number().int().min(40).max(800).optional() }))
    .max(80)
    .optional(),
  density: z.enum(['small', 'middle', 'large']).optional(),
  pageSize: z.number().int().min(10).max(200).optional(),
  filtersOpen: z.boolean().optional(),
});
export type ListSettings = z.infer<typeof ListSettings>;

export const SavedFilterInput = z.object({
  listId: ListId,
  name: z.string().trim().min(1, '请填写名称').max(60),
  /** The list's query parameters (the card list's filter). */
  filter: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
  /** Shared with the unit (everyone of the unit sees it), else personal. */
  shared: z.boolean().default(false),
});
export type SavedFilterInput = z.input<typeof SavedFilterInput>;

export const SavedFilter = z.object({
  id: z.string(),
  listId: ListId,
  name: z.string(),
  filter: z.record(z.string(), z.unknown()),
  shared: z.boolean(),
  mine: z.boolean(),
  ownerName: z.string().nullable(),
  /** Why it no longer applies (a department, person, room or category gone), else null. */
  invalid: z.string().nullable(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;
