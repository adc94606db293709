import { z } from 'zod';
import { DocumentStep } from './workflow.contracts.ts';

// The printed approval sheet (审批表) of a document, as the server computes it: the unit's cover, the
// facts the type's sheet names (payload fields and resolved names), every line's facts, and the
// chain's decisions. The type's `sheet` (src/shared/document-types/sheet.ts) says which to print.

const money = z.number().nullable();
export const SheetLine = z.object({
  lineNo: z.number(),
  cardNo: z.string().nullable(),
  cardName: z.string().nullable(),
  name: z.string().nullable(),
  spec: z.string().nullable(),
  quantity: z.number(),
  unitPriceFen: z.number(),
  amountFen: z.number(),
  reason: z.string().nullable(),
  originalValueFen: money,
  accumulatedDepreciationFen: money,
  netValueFen: money,
  postedOn: z.string().nullable(),
  /** Whole months from the card's recognition (or posting) to the sheet's day `asOf`. */
  ageMonths: z.number().nullable(),
  fromPlace: z.string().nullable(),
  toPlace: z.string().nullable(),
  custodianName: z.string().nullable(),
  standard: z.string().nullable(),
  poolOutcome: z.string().nullable(),
});
export type SheetLine = z.infer<typeof SheetLine>;

export const DocumentSheet = z.object({
  id: z.string(),
  docNo: z.string(),
  type: z.string(),
  status: z.string(),
  title: z.string().nullable(),
  unitName: z.string(),
  applicantName: z.string().nullable(),
  /** The document's date: submitted, or created while a draft. */
  documentDate: z.string(),
  /** The day values and ages are given for: the day of execution, or today before it. */
  asOf: z.string(),
  printedOn: z.string(),
  totalFen: z.number(),
  facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  lines: z.array(SheetLine),
  steps: z.array(DocumentStep),
  executedByName: z.string().nullable(),
  executedAt: z.string().nullable(),
});
export type DocumentSheet = z.infer<typeof DocumentSheet>;
