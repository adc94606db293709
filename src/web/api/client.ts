import createClient from 'openapi-fetch';
import { type ErrorBody, ERRORS } from '../../shared/errors.ts';
import type { paths } from './schema.gen.ts';

/** An API refusal, carrying the server's error id, message and field errors. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
  get fields(): Record<string, string> {
    return this.body.fields ?? {};
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

// The UI language, so the server writes its validation messages in it.
let uiLang: 'zh' | 'en' = 'zh';
export const setUiLang = (lang: 'zh' | 'en') => {
  uiLang = lang;
};
/** The UI language calls are made in (for texts shown outside React, such as errors). */
export const uiLanguage = () => uiLang;

let unauthorized: (() => void) | null = null;
/** The shell's reaction to a 401 from any call but the sign-in itself; returns an unsubscribe. */
export const onUnauthorized = (handler: () => void) => {
  unauthorized = handler;
  return () => {
    if (unauthorized === handler) unauthorized = null;
  };
};

type Query = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

/** `?a=1&b=x&b=y` (or ''): empty values left out, arrays repeated. The one query format of every call. */
export function toQueryString(query?: Query): string {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) p.append(k, String(x));
    else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The body of a refusal: the server's error JSON, or (a proxy or crash page) an internal error. */
async function refusal(res: Response): Promise<ApiError> {
  const text = await res.text();
  let body: ErrorBody | undefined;
  try {
    body = text ? (JSON.parse(text) as ErrorBody) : undefined;
  } catch {
    body = { error: 'internal', message: `${ERRORS.internal[uiLang]}（${res.status}）` };
  }
  return new ApiError(res.status, body ?? { error: 'internal', message: res.statusText || ERRORS.internal[uiLang] });
}

/**
 * The typed client, generated from /api/openapi.json (`npm run api:types` writes `schema.gen.ts`):
 * `http.GET('/api/cards/{id}', { params: { path: { id } } })`. Every call sends the UI language and
 * (when it changes something) the CSRF header; a refusal is thrown as `ApiError`, so a resolved call
 * always holds the success body. Pages use it through their module's `api.ts` and `ok(…)`.
 */
export const http = createClient<paths>({
  credentials: 'same-origin',
  querySerializer: (q) => toQueryString(q as Query),
  // Looked up per call, so a test or the service worker can stand in for fetch.
  fetch: (req) => globalThis.fetch(req),
});
http.use({
  onRequest({ request }) {
    request.headers.set('x-ui-lang', uiLang);
    if (request.method !== 'GET' && csrfToken) request.headers.set('x-csrf-token', csrfToken);
  },
  async onResponse({ request, response }) {
    if (response.status === 401 && new URL(request.url).pathname !== '/api/auth/login') unauthorized?.();
    if (!response.ok) throw await refusal(response);
  },
});

/** The success body of a typed call (a refusal has already been thrown as ApiError). */
export const ok = async <D>(call: Promise<{ data?: D }>): Promise<D> => (await call).data as D;

/**
 * A multipart body for a route that takes an upload (the file under `file`, other fields beside it):
 * `http.POST('/api/…', { body: fileBody(file) })`. Such routes declare no JSON body, hence `never`.
 */
export function fileBody(file: Blob, fields: Record<string, string> = {}, fileName?: string): never {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, fileName ?? (file as File).name ?? 'upload');
  return form as never;
}

type JsonBody<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/** The JSON body a route takes, from the generated schema: `Body<'/api/units', 'post'>`. */
export type Body<P extends keyof paths, M extends keyof paths[P]> = JsonBody<paths[P][M]>;
type QueryOf<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;
/** The query parameters a route takes, from the generated schema: `QueryParams<'/api/cards', 'get'>`. */
export type QueryParams<P extends keyof paths, M extends keyof paths[P]> = QueryOf<paths[P][M]>;
type JsonOk<Op> = Op extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;
/** The success body a route answers, from the generated schema: `Answer<'/api/units/{id}', 'get'>`. */
export type Answer<P extends keyof paths, M extends keyof paths[P]> = JsonOk<paths[P][M]>;
type GetOk<P extends keyof paths> = paths[P] extends { get: infer G } ? JsonOk<G> : never;
/** A list route: a path whose GET answers a page, `{ items, total, page, pageSize }` (what ServerTable shows). */
export type ListPath = { [P in keyof paths]: GetOk<P> extends { items: unknown[]; total: number } ? P : never }[keyof paths];
/** One row of a list route's page: `ListItem<'/api/cards'>`. */
export type ListItem<P extends ListPath> = GetOk<P> extends { items: (infer I)[] } ? I : never;
