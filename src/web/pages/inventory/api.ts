// The counts module's calls (plan, start, sheet, scans, split, recounts, surplus, result, close)
// over the typed client (src/web/api/client.ts): each answer's type comes from the server's schema.
import { type Body, http, ok } from '../../api/client.ts';

const path = (id: string) => ({ params: { path: { id } } });

export const listCounts = (query: { q?: string; mine?: 'true' }) => ok(http.GET('/api/counts', { params: { query } }));
export const planCount = (body: Body<'/api/counts', 'post'>) => ok(http.POST('/api/counts', { body }));
export const getCount = (id: string) => ok(http.GET('/api/counts/{id}', path(id)));
export const startCount = (id: string) => ok(http.POST('/api/counts/{id}/start', path(id)));
export const closeCount = (id: string) => ok(http.POST('/api/counts/{id}/close', path(id)));
export const countResult = (id: string) => ok(http.GET('/api/counts/{id}/result', path(id)));
export const countProgress = (id: string) => ok(http.GET('/api/counts/{id}/progress', path(id)));
export const countSheet = (id: string, after?: string) =>
  ok(http.GET('/api/counts/{id}/sheet', { params: { path: { id }, query: after ? { after } : {} } }));
export const sendScans = (id: string, body: Body<'/api/counts/{id}/scans', 'post'>) =>
  ok(http.POST('/api/counts/{id}/scans', { ...path(id), body }));
export const setAssignments = (id: string, body: Body<'/api/counts/{id}/assignments', 'put'>) =>
  ok(http.PUT('/api/counts/{id}/assignments', { ...path(id), body }));
export const listRecounts = (id: string) => ok(http.GET('/api/counts/{id}/recounts', path(id)));
export const createRecount = (id: string, body: Body<'/api/counts/{id}/recounts', 'post'>) =>
  ok(http.POST('/api/counts/{id}/recounts', { ...path(id), body }));
export const registerSurplus = (id: string, body: Body<'/api/counts/{id}/surplus', 'put'>) =>
  ok(http.PUT('/api/counts/{id}/surplus', { ...path(id), body }));
/** The accounts to choose counters from. */
export const listUsers = () => ok(http.GET('/api/users', { params: { query: { pageSize: 500 } } }));
