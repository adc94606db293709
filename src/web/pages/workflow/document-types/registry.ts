import type { DocumentType } from '../../../../shared/workflow.contracts.ts';
import { acceptance } from './acceptance.doctype.tsx';
import { change } from './change.doctype.tsx';
import { configRequest } from './config-request.doctype.tsx';
import { disposal } from './disposal.doctype.tsx';
import { lending } from './lending.doctype.tsx';
import { maintenance } from './maintenance.doctype.tsx';
import { pointRequest } from './point-request.doctype.tsx';
import { procurement } from './procurement.doctype.tsx';
import { requisition } from './requisition.doctype.tsx';
import { returnDoc } from './return.doctype.tsx';
import { transfer } from './transfer.doctype.tsx';
import type { WebDocumentType } from './webDoctype.ts';

/** The web's registry of document types, keyed by the shared codes (the compiler insists on one per type). */
export const WEB_DOCUMENT_TYPES: { readonly [T in DocumentType]: WebDocumentType } = {
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

/** The web half of a stored type; an unknown one shows its payload as nothing rather than failing. */
export function webDocumentType(type: string): WebDocumentType {
  return (WEB_DOCUMENT_TYPES as Record<string, WebDocumentType | undefined>)[type] ?? { details: () => [] };
}
