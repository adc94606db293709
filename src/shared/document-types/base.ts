import { z } from 'zod';
import type { CardStatus } from '../assets.enums.ts';
import type { Permission } from '../roles.ts';
import { Fen } from '../money.ts';
import { MatchAttributes, StandardAck } from '../standards.contracts.ts';
import { SpecAttributes } from '../spec-attributes.rules.ts';
import type { SheetSpec } from './sheet.ts';

// What every document type shares: the line shape, the payload fields any type carries, and the
// shape of a type's declaration. Each type declares itself once in `<type>.doctype.ts` beside this
// file; index.ts lists them (docs/architecture.md, "Adding a document type").

const uuid = z.uuid();

/** A line: a card (card documents) or a category line (configuration request, procurement, acceptance). */
export const DocumentLineInput = z.object({
  cardId: uuid.optional(),
  categoryId: uuid.optional(),
  name: z.string().max(120).optional(),
  spec: z.string().max(200).optional(),
  quantity: z.number().int().min(1).max(100_000).optional(),
  unitPriceFen: Fen.optional(),
  reason: z.string().max(500).optional(),
  budgetLine: z.string().max(100).optional(),
  /** Configuration request: idle cards offered and declined, each with the reason to buy instead. */
  declinedIdle: z.array(z.object({ cardId: uuid, reason: z.string().min(2).max(300) })).optional(),
  /** Procurement / acceptance: the configuration-request line this line fulfils. */
  sourceLineId: uuid.optional(),
  /** Acceptance: the invoice number. */
  invoiceNo: z.string().max(60).optional(),
  /** Configuration request: the card this purchase replaces (checked against the minimum life). */
  replacesCardId: uuid.optional(),
  /** Configuration request / acceptance: the staff member the item is for (caps by rank, docs/domain.md §5). */
  forStaffId: uuid.optional(),
  /** Configuration request / acceptance: the room it goes into (the conference-table cap is per m²). */
  forRoomId: uuid.optional(),
  /** The attributes a standard is matched on (printers: paper size, colour). */
  attributes: MatchAttributes.optional(),
  /** Configuration request: the spec the item must have (memory ≥ 8 GB …); the pool is matched on it. */
  specAttributes: SpecAttributes.optional(),
  /** Acceptance: an over-standard warning acknowledged with a reason (recorded on each card's ledger). */
  standardAck: StandardAck.optional(),
});
export type DocumentLineInput = z.infer<typeof DocumentLineInput>;

/** Fields every type's payload has. */
export const BasePayload = z.object({ note: z.string().max(1000).optional() });

/** Where a document takes the people and rooms it places cards with (requisition, change, transfer). */
export const PlaceFields = {
  departmentId: uuid.optional(),
  custodianId: uuid.optional(),
  roomId: uuid.optional(),
};

export interface DocumentTypeSpec<C extends string = string, P extends z.ZodObject = z.ZodObject> {
  /** The stored `documents.type`, the API's `type` and the URL's `:type`. */
  code: C;
  /** [中文, English]. */
  label: readonly [string, string];
  /** The document number prefix (`LY2026000001`); unique among types. */
  prefix: string;
  /**
   * Lines are cards (the card status machine applies), category lines (quantity × unit price), or
   * items: lines naming something other than a card, with no money (an information point by its
   * code in `name`, the office in `forRoomId` and `spec`); the type's hooks check them.
   */
  lines: 'cards' | 'categories' | 'items';
  /** The type's own payload fields, all optional here: required ones are checked by the server's `checks` hook. */
  payload: P;
  /** Card documents: the card statuses the picker offers first (the server's status machine decides). */
  pickable?: readonly CardStatus[];
  /** The document names a receiving unit (counterpartUnitId): the chain may have counterpart-unit steps. */
  counterpart?: boolean;
  /** Drafting it takes this permission besides `document.write` (the web offers it only then). */
  draftPermission?: Permission;
  /** The printed approval sheet (审批表): what the approver decides on (sheet.ts). */
  sheet: SheetSpec;
}

/** Declares a document type (keeps the literal code and the payload's own type). */
export function defineDocumentType<const C extends string, P extends z.ZodObject>(spec: DocumentTypeSpec<C, P>): DocumentTypeSpec<C, P> {
  return spec;
}
