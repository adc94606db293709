// The QR pages' reports (faults, "not with me", return requests) as the unit administrator handles
// them, over the typed client (src/web/api/client.ts).
import { useQuery } from '@tanstack/react-query';
import { type Body, http, ok, type QueryParams } from '../../api/client.ts';

export type CardReportsFilter = QueryParams<'/api/card-reports', 'get'>;

export const cardReportKeys = {
  /** Every list of reports: invalidated after one is handled. */
  all: ['card-reports'] as const,
  list: (filter: CardReportsFilter) => ['card-reports', filter] as const,
};

export const useCardReports = (filter: CardReportsFilter) =>
  useQuery({ queryKey: cardReportKeys.list(filter), queryFn: () => ok(http.GET('/api/card-reports', { params: { query: filter } })) });

/** A 维修单 drafted from a fault report. */
export const draftMaintenance = (id: string, body: Body<'/api/card-reports/{id}/maintenance', 'post'>) =>
  ok(http.POST('/api/card-reports/{id}/maintenance', { params: { path: { id } }, body }));

export const closeCardReport = (id: string, note: string) =>
  ok(http.POST('/api/card-reports/{id}/close', { params: { path: { id } }, body: { note } }));
