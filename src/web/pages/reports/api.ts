// The reports pages' calls (the monthly set, its filings, the edition mapping): query keys, hooks and
// writes over the typed client (src/web/api/client.ts).
import { useQuery } from '@tanstack/react-query';
import { type Answer, type Body, http, ok } from '../../api/client.ts';

export const reportKeys = {
  set: (month: string, unitId?: string) => ['reports', 'set', month, unitId ?? null] as const,
  filings: (month?: string) => ['reports', 'filings', month ?? null] as const,
  editionMap: ['reports', 'edition-map'] as const,
};

export type ReportSetAnswer = Answer<'/api/reports/set', 'get'>;

/** The monthly set of a month, a unit's or (no unit) every unit's in scope; a locked filing's is the stored one. */
export const useReportSet = (month: string, unitId?: string) =>
  useQuery({
    queryKey: reportKeys.set(month, unitId),
    queryFn: () => ok(http.GET('/api/reports/set', { params: { query: { month, ...(unitId ? { unitId } : {}) } } })),
  });

export const submitFiling = (body: Body<'/api/reports/filings', 'post'>) => ok(http.POST('/api/reports/filings', { body }));

export const useFilings = (month?: string) =>
  useQuery({
    queryKey: reportKeys.filings(month),
    queryFn: () => ok(http.GET('/api/reports/filings', { params: { query: month ? { month } : {} } })),
  });

export const reviewFiling = (id: string, body: Body<'/api/reports/filings/{id}/review', 'post'>) =>
  ok(http.POST('/api/reports/filings/{id}/review', { params: { path: { id } }, body }));

export const useEditionMap = () => useQuery({ queryKey: reportKeys.editionMap, queryFn: () => ok(http.GET('/api/reports/edition-map')) });

export const saveEditionMapRow = (body: Body<'/api/reports/edition-map', 'put'>) => ok(http.PUT('/api/reports/edition-map', { body }));

export const deleteEditionMapRow = (code: string) => ok(http.DELETE('/api/reports/edition-map/{code}', { params: { path: { code } } }));

/** The mapping from a CSV or Excel file (code_2010, code_2022, note): all rows or none. */
export function importEditionMap(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return ok(
    http.POST('/api/reports/edition-map/import', {
      body: form as never,
      bodySerializer: (b: unknown) => b as FormData,
    }),
  ) as Promise<{ inserted: number; updated: number }>;
}
