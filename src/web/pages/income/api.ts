// The income pages' calls (国有资产收入: the documents with income, their turnovers, the report):
// query keys, hooks and writes over the typed client (src/web/api/client.ts).
import { useQuery } from '@tanstack/react-query';
import { type Body, http, ok } from '../../api/client.ts';
import type { paths } from '../../api/schema.gen.ts';

export type IncomeListQuery = NonNullable<paths['/api/income']['get']['parameters']['query']>;
export type IncomeReportQuery = paths['/api/income/report']['get']['parameters']['query'];

export const incomeKeys = {
  all: ['income'] as const,
  list: (q: IncomeListQuery) => ['income', 'list', q] as const,
  detail: (id: string) => ['income', 'detail', id] as const,
  report: (q: IncomeReportQuery) => ['income', 'report', q] as const,
};

export const useIncomeList = (q: IncomeListQuery) =>
  useQuery({ queryKey: incomeKeys.list(q), queryFn: () => ok(http.GET('/api/income', { params: { query: q } })) });

export const useIncomeDetail = (id: string) =>
  useQuery({ queryKey: incomeKeys.detail(id), queryFn: () => ok(http.GET('/api/income/{id}', { params: { path: { id } } })) });

export const useIncomeReport = (q: IncomeReportQuery) =>
  useQuery({ queryKey: incomeKeys.report(q), queryFn: () => ok(http.GET('/api/income/report', { params: { query: q } })) });

/** 上缴国库: a turnover of the document's income (the unit's finance officer). */
export const recordTurnover = (id: string, body: Body<'/api/income/{id}/turnovers', 'post'>) =>
  ok(http.POST('/api/income/{id}/turnovers', { params: { path: { id } }, body }));
