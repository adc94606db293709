// The server's registry of document types: one entry per type (the shared declarations are
// src/shared/document-types). The document engine iterates or looks up this table; it never names
// a type. Adding a type: its `<type>.doctype.ts` beside this file and one entry below.
import { type DocumentType, readPayload } from '../../../../shared/workflow.contracts.ts';
import { AppError, invalid } from '../../../platform/errors.ts';
import type { DocumentRow } from '../document.store.ts';
import { acceptance } from './acceptance.doctype.ts';
import { change } from './change.doctype.ts';
import { configRequest } from './config-request.doctype.ts';
import { disposal } from './disposal.doctype.ts';
import type { DocumentTypeHandler, TypedDocument } from './doctype.ts';
import { lending } from './lending.doctype.ts';
import { maintenance } from './maintenance.doctype.ts';
import { pointRequest } from './point-request.doctype.ts';
import { procurement } from './procurement.doctype.ts';
import { requisition } from './requisition.doctype.ts';
import { returnDoc } from './return.doctype.ts';
import { transfer } from './transfer.doctype.ts';

/** Every type's server half, keyed by code (the compiler insists on one per shared declaration). */
export const DOCUMENT_HANDLERS: { readonly [T in DocumentType]: DocumentTypeHandler<T> } = {
  config_request: configRequest,
  procurement,
  acceptance,
  requisition,
  return: returnDoc,
  change,
  transfer,
  lending,
  disposal,
  maintenance,
  point_request: pointRequest,
};

/** The handler of a stored or requested type; an unknown stored type is refused, not crashed on. */
export function handlerOf(type: string): DocumentTypeHandler {
  const h = (DOCUMENT_HANDLERS as Record<string, DocumentTypeHandler | undefined>)[type];
  if (!h) throw new AppError('invalid_transition', `未知的单据类型「${type}」`);
  return h;
}

/** The card transition a document makes (assets' status machine key); undefined for documents without cards. */
export function transitionOf(doc: { type: string; unitId: string; counterpartUnitId: string | null | undefined; payload: unknown }) {
  const h = handlerOf(doc.type);
  const crossUnit = !!doc.counterpartUnitId && doc.counterpartUnitId !== doc.unitId;
  return h.transition?.((doc.payload ?? {}) as never, crossUnit);
}

/**
 * The stored document with its payload checked against its type's schema: acting on a payload that
 * does not fit (written by an old release or by hand) is refused, naming the fields, so it is fixed
 * first. Lists and the detail never refuse: they report (readPayload).
 */
export function typedDocument<T extends DocumentType>(doc: DocumentRow): TypedDocument<T> {
  const { payload, problems } = readPayload(doc.type, doc.payload);
  if (Object.keys(problems).length) throw invalid(problems, `单据内容有误，请修改后再办理：${Object.keys(problems).join('、')}`);
  return { ...doc, payload } as TypedDocument<T>;
}
