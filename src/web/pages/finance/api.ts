// The finance pages' calls (books, depreciation, workloads, the dashboard and the summary reports):
// query keys, hooks and writes over the typed client (src/web/api/client.ts), and the report filter
// the pages keep in the address.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { type Body, http, ok } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import type { Permission } from '../../../shared/roles.ts';
import type { ListKind } from '../../../shared/reports.contracts.ts';
import { businessDay } from '../../lib/dates.ts';

/** Report filters live in the URL, so a filtered report can be bookmarked, printed and shared. */
export function useReportFilter(defaults: { from?: string; to?: string } = {}) {
  const [params, setParams] = useSearchParams();
  const thisMonth = businessDay().format('YYYY-MM');
  const filter = useMemo(
    () => ({
      from: params.get('from') ?? defaults.from ?? `${thisMonth.slice(0, 4)}-01`,
      to: params.get('to') ?? defaults.to ?? thisMonth,
      unitId: params.get('unitId') ?? undefined,
      categoryId: params.get('categoryId') ?? undefined,
      categoryLevel: Number(params.get('categoryLevel') ?? 1),
    }),
    [params, thisMonth, defaults.from, defaults.to],
  );
  const set = (patch: Partial<Record<keyof typeof filter | 'kind' | 'month', string | number | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, String(v));
    }
    setParams(next, { replace: true });
  };
  return { filter, set, params };
}

/** The one unit a unit-scoped user works in, or undefined for system-wide roles. */
export function useOwnUnit(permission: Permission): { scoped: boolean; unitId?: string } {
  const session = useSession();
  const units = session.units(permission);
  if (units === 'all') return { scoped: false };
  return { scoped: true, unitId: units[0] };
}

/** A report's filter as the address holds it (months from/to, unit, category and its level). */
export type ReportFilter = ReturnType<typeof useReportFilter>['filter'];

export const financeKeys = {
  /** The books of every unit (and each unit's takeover report below it). */
  books: ['books'] as const,
  takeover: (unitId: string) => ['books', 'takeover', unitId] as const,
  /** Every depreciation query (previews, runs, entries): invalidated after a run or a close. */
  depreciation: ['depreciation'] as const,
  preview: (unitId: string | undefined, month: string) => ['depreciation', 'preview', unitId, month] as const,
  runs: (unitId: string | undefined) => ['depreciation', 'runs', unitId] as const,
  run: (id: string) => ['depreciation', 'run', id] as const,
  entries: (id: string, page: number) => ['depreciation', 'entries', id, page] as const,
  workloads: (unitId: string | undefined, month: string) => ['workloads', unitId, month] as const,
  dashboard: ['dashboard'] as const,
  summary: (filter: ReportFilter) => ['reports', 'summary', filter] as const,
  list: (kind: string, filter: ReportFilter, page: number, pageSize: number) => ['reports', 'list', kind, filter, page, pageSize] as const,
  listPrint: (kind: string, filter: ReportFilter) => ['reports', 'list-print', kind, filter] as const,
  quota: (unitId: string | undefined, showAll: boolean) => ['reports', 'quota', unitId, showAll] as const,
  quotaPrint: (unitId: string | undefined, showAll: boolean) => ['reports', 'quota-print', unitId, showAll] as const,
  pack: (month: string, unitId: string | undefined, annual: boolean) => ['reports', 'pack', month, unitId, annual] as const,
};

// Books (结账, 反结账, 期初建账)
export const useBooks = () => useQuery({ queryKey: financeKeys.books, queryFn: () => ok(http.GET('/api/books')) });
export const closeBooks = (body: Body<'/api/books/close', 'post'>) => ok(http.POST('/api/books/close', { body }));
export const decideReopen = (id: string, approve: boolean) =>
  ok(http.POST('/api/books/reopen/{id}/decide', { params: { path: { id } }, body: { approve } }));
export const askReopen = (body: Body<'/api/books/reopen', 'post'>) => ok(http.POST('/api/books/reopen', { body }));
export const setTakeover = (body: Body<'/api/books/takeover', 'post'>) => ok(http.POST('/api/books/takeover', { body }));
export const useTakeoverReport = (unitId: string) =>
  useQuery({
    queryKey: financeKeys.takeover(unitId),
    queryFn: () => ok(http.GET('/api/books/takeover/{unitId}', { params: { path: { unitId } } })),
  });

// Depreciation runs and workloads
export const useDepreciationPreview = (unitId: string | undefined, month: string) =>
  useQuery({
    queryKey: financeKeys.preview(unitId, month),
    queryFn: () => ok(http.GET('/api/depreciation/preview', { params: { query: { unitId: unitId!, month } } })),
    enabled: !!unitId,
  });
export const useDepreciationRuns = (unitId: string | undefined) =>
  useQuery({
    queryKey: financeKeys.runs(unitId),
    queryFn: () => ok(http.GET('/api/depreciation/runs', { params: { query: { unitId } } })),
  });
export const useDepreciationRun = (id: string) =>
  useQuery({ queryKey: financeKeys.run(id), queryFn: () => ok(http.GET('/api/depreciation/runs/{id}', { params: { path: { id } } })) });
export const useRunEntries = (id: string, page: number, pageSize: number) =>
  useQuery({
    queryKey: financeKeys.entries(id, page),
    queryFn: () => ok(http.GET('/api/depreciation/runs/{id}/entries', { params: { path: { id }, query: { page, pageSize } } })),
  });
/** Starts the month's run (one unit, or every unit the user may run) as a job. */
export const startDepreciationRun = (body: Body<'/api/depreciation/runs', 'post'>) => ok(http.POST('/api/depreciation/runs', { body }));
export const closeDepreciationRun = (id: string) => ok(http.POST('/api/depreciation/runs/{id}/close', { params: { path: { id } } }));
export const useWorkloads = (unitId: string | undefined, month: string) =>
  useQuery({
    queryKey: financeKeys.workloads(unitId, month),
    queryFn: () => ok(http.GET('/api/depreciation/workloads', { params: { query: { unitId: unitId!, month } } })),
    enabled: !!unitId,
  });
export const saveWorkloads = (unitId: string, body: Body<'/api/depreciation/workloads/{unitId}', 'put'>) =>
  ok(http.PUT('/api/depreciation/workloads/{unitId}', { params: { path: { unitId } }, body }));

// The dashboard and the reports
export const useDashboard = () => useQuery({ queryKey: financeKeys.dashboard, queryFn: () => ok(http.GET('/api/dashboard')) });
export const useSummary = (filter: ReportFilter) =>
  useQuery({ queryKey: financeKeys.summary(filter), queryFn: () => ok(http.GET('/api/reports/summary', { params: { query: filter } })) });
const getList = (kind: ListKind, filter: ReportFilter, page: number, pageSize: number) =>
  ok(http.GET('/api/reports/lists/{kind}', { params: { path: { kind }, query: { ...filter, page, pageSize } } }));
/** A detail list's page (none asked for while the quota report is shown). */
export const useReportList = (kind: ListKind | 'quota', filter: ReportFilter, page: number, pageSize: number) =>
  useQuery({
    queryKey: financeKeys.list(kind, filter, page, pageSize),
    queryFn: () => getList(kind as ListKind, filter, page, pageSize),
    enabled: kind !== 'quota',
  });
/** A detail list to print: its first 1,000 lines (the Excel export has them all). */
export const useReportListPrint = (kind: ListKind | 'quota', filter: ReportFilter) =>
  useQuery({
    queryKey: financeKeys.listPrint(kind, filter),
    queryFn: () => getList(kind as ListKind, filter, 1, 1000),
    enabled: kind !== 'quota',
  });
const getQuota = (unitId: string | undefined, showAll: boolean) =>
  ok(http.GET('/api/reports/quota', { params: { query: { unitId, showAll: showAll ? 'true' : undefined } } }));
/** The quota report (数量超标), asked for only while it is shown; `print` keeps the print view's cache apart. */
export const useQuota = (unitId: string | undefined, showAll: boolean, enabled: boolean, print = false) =>
  useQuery({
    queryKey: print ? financeKeys.quotaPrint(unitId, showAll) : financeKeys.quota(unitId, showAll),
    queryFn: () => getQuota(unitId, showAll),
    enabled,
  });
export const usePack = (month: string, unitId: string | undefined, annual: boolean) =>
  useQuery({
    queryKey: financeKeys.pack(month, unitId, annual),
    queryFn: () => ok(http.GET('/api/reports/pack', { params: { query: { month, unitId, annual } } })),
  });
export const saveExplanation = (body: Body<'/api/reports/explanations', 'put'>) => ok(http.PUT('/api/reports/explanations', { body }));
/** A report as an Excel file, built by a job. */
export type ReportExport = Body<'/api/reports/export', 'post'>;
export const startReportExport = (body: ReportExport) => ok(http.POST('/api/reports/export', { body }));
