// The server half of a document type (the shared half — code, labels, prefix, payload schema — is
// src/shared/document-types/<type>.doctype.ts). The document engine (document.service,
// approval.service, execution.service, document.queries) knows no type by name: it asks the type's
// entry in registry.ts through the hooks below. docs/architecture.md, "Adding a document type".
import type { SQL } from 'drizzle-orm';
import type {
  ChainStepInput,
  DocumentInputOf,
  DocumentLineInput,
  DocumentType,
  PayloadOf,
  SpecOf,
} from '../../../../shared/workflow.contracts.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import type { Queryable, Tx } from '../../../platform/db/engine.ts';
import type { DocumentRow } from '../document.store.ts';
import type { documentLines } from '../document.tables.ts';

export type LineRow = typeof documentLines.$inferSelect;

/** A stored document with its type's payload (read through readPayload; see execution.service). */
export type TypedDocument<T extends DocumentType> = Omit<DocumentRow, 'payload'> & { payload: PayloadOf<T> };

/** Field → message, as `invalid(fields)` answers. Empty: nothing to refuse. */
export type FieldErrors = Record<string, string>;

/** Facts a type adds to the chain's conditions on submission (see StepCondition). */
export interface SubmitFacts {
  overStandard: boolean;
  financial: boolean;
}

export interface ExecuteContext<T extends DocumentType> {
  tx: Tx;
  actor: Actor;
  doc: TypedDocument<T>;
  lines: LineRow[];
  /** "领用 LY…；审批：…；执行：…" — what each card's timeline shows beside the document. */
  note: string;
  /** The card transition key (card documents). */
  transition?: string;
}

export interface DocumentTypeHandler<T extends DocumentType = DocumentType> {
  /** The shared declaration (code, labels, prefix, payload schema, line kind). */
  spec: SpecOf<T>;
  /** Card documents: the key of assets' card status machine this document applies (CARD_TRANSITIONS). */
  transition?: (payload: PayloadOf<T>, crossUnit: boolean) => string;
  /** Drafting: the refusal when the spec's `draftPermission` is missing, and the unit a draft defaults to. */
  draft?: {
    refusal?: string;
    defaultUnit?: (q: Queryable, actor: Actor) => Promise<string | undefined>;
  };
  /**
   * CHECKS on create and edit (before anything is written): the type's own payload rules, field →
   * message. Ids are checked separately (payload.refs.ts), card lines by the status machine.
   */
  checks?: (input: DocumentInputOf<T>) => FieldErrors;
  /** Category lines: details stored with each line on save (configuration request: its standard findings). */
  lineDetails?: (tx: Tx, unitId: string, lines: DocumentLineInput[]) => Promise<Record<string, unknown>[]>;
  /**
   * CHECKS on submission, in the submitting transaction, after the card lines passed the status
   * machine: throw `invalid(...)` to refuse; return facts the chain's conditions use.
   */
  submitChecks?: (tx: Tx, doc: TypedDocument<T>, lines: LineRow[]) => Promise<Partial<SubmitFacts> | undefined>;
  /** EXECUTION: what the approved document does, in the executing transaction, through assets' writes. */
  execute: (ctx: ExecuteContext<T>) => Promise<void>;
  /** Follow-up actions of an executed document the detail offers (their routes are the type's own). */
  followUps?: (doc: TypedDocument<T>, actor: Actor, may: { execute: boolean }) => Partial<{ post: boolean; returnLending: boolean }>;
  /** SQL over documents `d` of this type: past due (lists and the dashboard flag it). */
  overdueSql?: () => SQL;
  /**
   * Income the executed document brings, to be turned over to the treasury (docs/domain.md §4a):
   * SQL over documents `d` of this type for the amount in fen (null or 0: none), the kind in words,
   * the counterparty, and the source it is reported under (disposal, or rental and lending).
   */
  income?: { source: 'disposal' | 'lending'; amountSql: () => SQL; kindSql: () => SQL; counterpartySql: () => SQL };
  /** The approval chain installed for the type on a new database (the committee edits it afterwards). */
  chainDefaults: readonly ChainStepInput[];
}

/** Declares a type's server half (keeps T for the hooks' payload types). */
export function defineHandler<T extends DocumentType>(handler: DocumentTypeHandler<T>): DocumentTypeHandler<T> {
  return handler;
}

/** A unit-level chain step with no condition. */
export function unitStep(role: 'unit_admin' | 'unit_finance' | 'unit_leader', label: string, condition = {}): ChainStepInput {
  return { role, scope: 'applicant_unit', label, condition };
}
