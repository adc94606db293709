// The workflow pages' calls (documents, inbox, bulk documents, transfer targets) over the typed
// client (src/web/api/client.ts). Lists use ServerTable with the list URL.
import { useQuery } from '@tanstack/react-query';
import { type Body, http, ok } from '../../api/client.ts';

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
