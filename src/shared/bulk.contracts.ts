import { z } from 'zod';
import { CardFilter, CardStatusCode } from './assets.contracts.ts';

// 批量办理 from the card library: the cards ticked on the page, or all that match the filter, go into
// one draft document per unit. A confirmation (preview) comes first; the creation carries its token.

/** The card document types a selection can start. 变动 is the handover kind (custodian, room, department). */
export const BULK_TYPES = ['requisition', 'return', 'transfer', 'lending', 'disposal', 'change'] as const;
export const BulkType = z.enum(BULK_TYPES);
export type BulkType = z.infer<typeof BulkType>;

/** At most this many cards in one bulk action ("all matching the filter" beyond it is refused). */
export const BULK_MAX = 20_000;

/** The cards ticked on the page, or the card library's filter ("all N matching"). Exactly one. */
export const BulkSelection = z
  .object({
    cardIds: z.array(z.uuid()).min(1).max(BULK_MAX).optional(),
    filter: CardFilter.optional(),
  })
  .refine((s) => !!s.cardIds !== !!s.filter, { message: '请勾选资产，或选择“全部符合筛选条件的资产”' });
export type BulkSelection = z.infer<typeof BulkSelection>;

export const BulkPreviewInput = z.object({
  type: BulkType,
  /** The receiving unit of a cross-unit 调拨 (its status rule differs from an internal one). */
  counterpartUnitId: z.uuid().optional(),
  /** The type's payload (its own schema applies); 出借 needs its mode for the status rule. */
  payload: z.record(z.string(), z.unknown()).default({}),
  selection: BulkSelection,
});
export type BulkPreviewInput = z.input<typeof BulkPreviewInput>;

export const BLOCKED_REASONS = {
  held: ['已在其他未完成的单据中', 'Held by another open document'],
  status: ['当前状态不能办理', 'Wrong status'],
  receiving: ['已在调入单位', 'Already in the receiving unit'],
} as const;

export const BulkBlocked = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  status: CardStatusCode,
  reason: z.enum(['held', 'status', 'receiving']),
  /** The open document holding it. */
  docNo: z.string().nullable(),
});
export type BulkBlocked = z.infer<typeof BulkBlocked>;

export const BulkPreview = z.object({
  /** Cards that will go into the documents, and their original value in fen. */
  count: z.number().int(),
  totalFen: z.number().int(),
  /** One document per unit. */
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), count: z.number().int(), totalFen: z.number().int() })),
  blockedCount: z.number().int(),
  /** The first 200 cards that cannot go. */
  blocked: z.array(BulkBlocked),
  /** The confirmed set: count and fingerprint; creation refuses when the set is no longer this one. */
  token: z.string(),
});
export type BulkPreview = z.infer<typeof BulkPreview>;

export const BulkCreateInput = BulkPreviewInput.extend({
  title: z.string().max(200).optional(),
  token: z.string().min(1).max(100),
});
export type BulkCreateInput = z.input<typeof BulkCreateInput>;

export const BulkCreated = z.object({
  count: z.number().int(),
  documents: z.array(z.object({ id: z.string(), docNo: z.string(), unitId: z.string(), count: z.number().int() })),
});
export type BulkCreated = z.infer<typeof BulkCreated>;
