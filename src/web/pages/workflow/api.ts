// The workflow pages' calls (documents and their actions, inbox, bulk documents, transfer targets,
// approval chains, delegations, standards) over the typed client (src/web/api/client.ts). Lists use
// ServerTable with the list URL.
import { useQuery } from '@tanstack/react-query';
import type { Decision, DocumentType } from '../../../shared/workflow.contracts.ts';
import { type Body, fileBody, http, ok } from '../../api/client.ts';

export const workflowKeys = {
  transferTargets: ['transfer-targets'] as const,
  transferTarget: (unitId: string) => ['transfer-targets', unitId] as const,
  inboxCount: ['inbox-count'] as const,
};

/** Any active unit a transfer may go to (not only those the writer may read). */
export const useTransferTargets = () =>
  useQuery({ queryKey: workflowKeys.transferTargets, queryFn: () => ok(http.GET('/api/transfer-targets')), staleTime: 5 * 60_000 });

/** The receiving unit's departments, staff and rooms. */
export const useTransferTarget = (unitId: string) =>
  useQuery({
    queryKey: workflowKeys.transferTarget(unitId),
    queryFn: () => ok(http.GET('/api/transfer-targets/{id}', { params: { path: { id: unitId } } })),
    staleTime: 60_000,
  });

export type BulkBody = Body<'/api/bulk-documents/preview', 'post'>;
/** 批量办理's confirmation: count, original value, one document per unit, the cards that cannot go. */
export const previewBulk = (body: BulkBody) => ok(http.POST('/api/bulk-documents/preview', { body }));
/** 批量办理: the drafts, all or nothing, for the confirmed set (its token). */
export const createBulk = (body: Body<'/api/bulk-documents', 'post'>) => ok(http.POST('/api/bulk-documents', { body }));

/** 批量同意 in the inbox: one decision per document; those needing a written opinion are skipped. */
export const approveMany = (ids: string[]) => ok(http.POST('/api/inbox/approve', { body: { ids } }));

export const documentKey = (id: string | undefined) => ['document', id] as const;
/** One document with its lines, steps, history and what the caller may do with it. */
export const useDocument = (id: string | undefined) =>
  useQuery({
    queryKey: documentKey(id),
    enabled: !!id,
    queryFn: () => ok(http.GET('/api/documents/{id}', { params: { path: { id: id! } } })),
  });

/** 审批表: the printable sheet's facts. */
export const useDocumentSheet = (id: string | undefined) =>
  useQuery({
    queryKey: ['document-sheet', id],
    enabled: !!id,
    queryFn: () => ok(http.GET('/api/documents/{id}/sheet', { params: { path: { id: id! } } })),
  });

/** Executed procurement orders, the newest 100, for an acceptance to name. */
export const useExecutedOrders = () =>
  useQuery({
    queryKey: ['orders'],
    queryFn: () => ok(http.GET('/api/documents', { params: { query: { type: 'procurement', status: 'executed', pageSize: 100 } } })),
  });

/** 配置申请 as it is typed: each line against its standard, the quota and the idle pool. */
export const checkConfigRequest = (body: Body<'/api/config-requests/check', 'post'>) =>
  ok(http.POST('/api/config-requests/check', { body }));

/** Approved configuration-request lines not yet ordered (for a procurement to import). */
export const useProcurableLines = (enabled: boolean) =>
  useQuery({ queryKey: ['procurable'], enabled, queryFn: () => ok(http.GET('/api/procurement/lines')) });

export type DocumentBody = Body<'/api/documents', 'post'>;
/** Saves a draft: a new one (answers its id) or the edited `id`. */
export async function saveDocument(id: string | undefined, body: DocumentBody): Promise<string> {
  if (!id) return (await ok(http.POST('/api/documents', { body }))).id;
  await ok(http.PUT('/api/documents/{id}', { params: { path: { id } }, body }));
  return id;
}

/** A decision on the current step, with an optional comment and the step decided on. */
export const decideDocument = (id: string, decision: Decision, body: Body<'/api/documents/{id}/approve', 'post'>) => {
  const params = { path: { id } };
  if (decision === 'approve') return ok(http.POST('/api/documents/{id}/approve', { params, body }));
  if (decision === 'reject') return ok(http.POST('/api/documents/{id}/reject', { params, body }));
  return ok(http.POST('/api/documents/{id}/return', { params, body }));
};

/** A document's own actions outside the decisions. */
export const submitDocument = (id: string) => ok(http.POST('/api/documents/{id}/submit', { params: { path: { id } } }));
export const executeDocument = (id: string) => ok(http.POST('/api/documents/{id}/execute', { params: { path: { id } } }));
export const withdrawDocument = (id: string) => ok(http.POST('/api/documents/{id}/withdraw', { params: { path: { id } }, body: {} }));
export const cancelDocument = (id: string) => ok(http.POST('/api/documents/{id}/cancel', { params: { path: { id } }, body: {} }));
/** 收回: the lent cards come back on `returnedOn`. */
export const returnLending = (id: string, returnedOn: string) =>
  ok(http.POST('/api/documents/{id}/return-lending', { params: { path: { id } }, body: { returnedOn } }));

/** The next item of the inbox after a decision (下一条), the oldest first; null when none is left. */
export const nextInboxId = async (skip?: string): Promise<string | null> =>
  (await ok(http.GET('/api/inbox/next', { params: { query: { skip } } }))).id;

/** 转办: colleagues with the current step's role and scope. */
export const useReassignCandidates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['reassign-candidates', id],
    enabled,
    queryFn: () => ok(http.GET('/api/documents/{id}/reassign-candidates', { params: { path: { id } } })),
  });
export const reassignDocument = (id: string, body: Body<'/api/documents/{id}/reassign', 'post'>) =>
  ok(http.POST('/api/documents/{id}/reassign', { params: { path: { id } }, body }));

/** 加签: colleagues who see the document and hold an approver role, with no part in it. */
export const useCosignCandidates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['cosign-candidates', id],
    enabled,
    queryFn: () => ok(http.GET('/api/documents/{id}/cosign-candidates', { params: { path: { id } } })),
  });
export const addCosigner = (id: string, body: Body<'/api/documents/{id}/cosign', 'post'>) =>
  ok(http.POST('/api/documents/{id}/cosign', { params: { path: { id } }, body }));

export const useChains = () => useQuery({ queryKey: ['chains'], queryFn: () => ok(http.GET('/api/chains')) });
/** A document type's approval chain, replaced as a whole (documents submitted from now on follow it). */
export const saveChain = (type: DocumentType, steps: Body<'/api/chains/{type}', 'put'>['steps']) =>
  ok(http.PUT('/api/chains/{type}', { params: { path: { type } }, body: { steps } }));

export const useDelegations = () => useQuery({ queryKey: ['delegations'], queryFn: () => ok(http.GET('/api/delegations')) });
export const useDelegationCandidates = (enabled: boolean) =>
  useQuery({ queryKey: ['delegation-candidates'], enabled, queryFn: () => ok(http.GET('/api/delegations/candidates')) });
export const createDelegation = (body: Body<'/api/delegations', 'post'>) => ok(http.POST('/api/delegations', { body }));
export const revokeDelegation = (id: string) => ok(http.POST('/api/delegations/{id}/revoke', { params: { path: { id } } }));

export const useStandards = () => useQuery({ queryKey: ['standards'], queryFn: () => ok(http.GET('/api/standards')) });
export const useStandardHistory = (code: string | undefined) =>
  useQuery({
    queryKey: ['standard-history', code],
    enabled: !!code,
    queryFn: () => ok(http.GET('/api/standards/{code}/history', { params: { path: { code: code! } } })),
  });
/** A standard's edit, effective from a day, kept in its history. */
export const saveStandard = (code: string, body: Body<'/api/standards/{code}', 'put'>) =>
  ok(http.PUT('/api/standards/{code}', { params: { path: { code } }, body }));

/** A document's attachments and comment thread (意见交流). */
export const threadKeys = {
  attachments: (id: string) => ['document', id, 'attachments'] as const,
  comments: (id: string) => ['document', id, 'comments'] as const,
};
export const useDocumentAttachments = (id: string) =>
  useQuery({
    queryKey: threadKeys.attachments(id),
    queryFn: () => ok(http.GET('/api/documents/{id}/attachments', { params: { path: { id } } })),
  });
export const uploadDocumentAttachment = (id: string, kind: 'appraisal' | 'quote' | 'other', file: File) =>
  ok(http.POST('/api/documents/{id}/attachments', { params: { path: { id }, query: { kind } }, body: fileBody(file) }));
export const removeDocumentAttachment = (id: string, attachmentId: string) =>
  ok(http.DELETE('/api/documents/{id}/attachments/{attachmentId}', { params: { path: { id, attachmentId } } }));
export const useDocumentComments = (id: string) =>
  useQuery({
    queryKey: threadKeys.comments(id),
    queryFn: () => ok(http.GET('/api/documents/{id}/comments', { params: { path: { id } } })),
  });
export const addDocumentComment = (id: string, body: string) =>
  ok(http.POST('/api/documents/{id}/comments', { params: { path: { id } }, body: { body } }));
