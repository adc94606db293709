import { z } from 'zod';
import { acceptance } from './acceptance.doctype.ts';
import { DocumentLineInput, type DocumentTypeSpec } from './base.ts';
import { change } from './change.doctype.ts';
import { configRequest } from './config-request.doctype.ts';
import { disposal } from './disposal.doctype.ts';
import { lending } from './lending.doctype.ts';
import { maintenance } from './maintenance.doctype.ts';
import { pointRequest } from './point-request.doctype.ts';
import { procurement } from './procurement.doctype.ts';
import { requisition } from './requisition.doctype.ts';
import { returnDoc } from './return.doctype.ts';
import { transfer } from './transfer.doctype.ts';

// The registry of document types, shared by the server and the web: one entry per type, in the
// order lists and menus show them. Adding a type: its `<type>.doctype.ts` here, one entry below,
// then its server file (modules/workflow/document-types) and its web file (pages/workflow/document-types).

export const DOCUMENT_TYPE_SPECS = [
  configRequest,
  procurement,
  acceptance,
  requisition,
  returnDoc,
  change,
  transfer,
  lending,
  disposal,
  maintenance,
  pointRequest,
] as const;

type Specs = typeof DOCUMENT_TYPE_SPECS;
export type DocumentType = Specs[number]['code'];
export type SpecOf<T extends DocumentType> = Extract<Specs[number], { code: T }>;
/** The payload of a type, as the API takes it. */
export type PayloadOf<T extends DocumentType> = z.infer<SpecOf<T>['payload']>;

export const DOCUMENT_TYPES = Object.fromEntries(DOCUMENT_TYPE_SPECS.map((s) => [s.code, s.label])) as {
  readonly [T in DocumentType]: readonly [string, string];
};
const CODES = DOCUMENT_TYPE_SPECS.map((s) => s.code) as [DocumentType, ...DocumentType[]];
export const DocumentTypeSchema = z.enum(CODES);

/** Document types whose lines are cards. */
export const CARD_DOCUMENT_TYPES: readonly DocumentType[] = DOCUMENT_TYPE_SPECS.filter((s) => s.lines === 'cards').map((s) => s.code);

const BY_CODE = new Map<string, DocumentTypeSpec>(DOCUMENT_TYPE_SPECS.map((s) => [s.code, s]));
export function documentTypeSpec<T extends DocumentType>(code: T): SpecOf<T>;
export function documentTypeSpec(code: string): DocumentTypeSpec | undefined;
export function documentTypeSpec(code: string): DocumentTypeSpec | undefined {
  return BY_CODE.get(code);
}

/** A document as the API takes it for one type: the payload is that type's own. */
function inputOf<C extends string, P extends z.ZodObject>(spec: DocumentTypeSpec<C, P>) {
  return z.object({
    type: z.literal(spec.code),
    /** Applicant unit; defaults to the actor's unit (committee users name it). */
    unitId: z.uuid().optional(),
    counterpartUnitId: z.uuid().optional(),
    title: z.string().max(200).optional(),
    payload: z._default(spec.payload, {} as never),
    lines: z.array(DocumentLineInput).min(1).max(2000),
  });
}
type InputsOf<T extends readonly unknown[]> = {
  [K in keyof T]: T[K] extends DocumentTypeSpec<infer C, infer P> ? ReturnType<typeof inputOf<C, P>> : never;
};
type InputSchemas = InputsOf<Specs>;

/** The document input: a union discriminated by `type`, each member with its type's payload. */
export const DocumentInput = z.discriminatedUnion('type', DOCUMENT_TYPE_SPECS.map(inputOf) as unknown as InputSchemas);
export type DocumentInput = z.infer<typeof DocumentInput>;
export type DocumentInputOf<T extends DocumentType> = Extract<DocumentInput, { type: T }>;

/**
 * A stored payload read back with its type's schema. Unknown keys (fields the server adds, such as
 * postedOn) are kept; a field that does not fit is reported, never thrown: a bad stored row must
 * still list and open, so it can be seen and fixed.
 */
export function readPayload(type: string, stored: unknown): { payload: Record<string, unknown>; problems: Record<string, string> } {
  const payload = stored && typeof stored === 'object' && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const spec = BY_CODE.get(type);
  if (!spec) return { payload, problems: {} };
  const parsed = spec.payload.loose().safeParse(payload);
  if (parsed.success) return { payload, problems: {} };
  const problems: Record<string, string> = {};
  for (const issue of parsed.error.issues) problems[['payload', ...issue.path.map(String)].join('.')] ??= issue.message;
  return { payload, problems };
}

export { CHANGE_KINDS, type ChangeKind } from './change.doctype.ts';
export { POINT_REQUEST_ACTIONS, type PointRequestAction } from './point-request.doctype.ts';
export { BasePayload, DocumentLineInput, type DocumentTypeSpec, defineDocumentType } from './base.ts';
export { ageMonths, formatAge, SHEET_LINE_KEYS, type SheetFormat, type SheetLineKey, type SheetSpec } from './sheet.ts';
