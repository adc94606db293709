import type { ErrorBody } from '../../shared/errors.ts';

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

let unauthorized: (() => void) | null = null;
/** The shell's reaction to a 401 from any call but the sign-in itself; returns an unsubscribe. */
export const onUnauthorized = (handler: () => void) => {
  unauthorized = handler;
  return () => {
    if (unauthorized === handler) unauthorized = null;
  };
};

type Query = Record<string, string | number | boolean | undefined | null | (string | number)[]>;

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

async function request<T>(method: string, url: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { 'x-ui-lang': uiLang };
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(url + toQueryString(query), { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // A proxy or crash page instead of JSON: report it as a server error, not a parse error.
    data = res.ok ? text : { error: 'internal', message: `服务器返回了无法识别的内容（${res.status}）` };
  }
  if (res.status === 401 && url !== '/api/auth/login') unauthorized?.();
  if (!res.ok) throw new ApiError(res.status, (data as ErrorBody | undefined) ?? { error: 'internal', message: res.statusText });
  return data as T;
}

export const api = {
  get: <T>(url: string, query?: Query) => request<T>('GET', url, undefined, query),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body ?? {}),
  patch: <T>(url: string, body?: unknown) => request<T>('PATCH', url, body ?? {}),
  delete: <T>(url: string) => request<T>('DELETE', url),
  /** multipart upload: the file under `file`, other fields beside it. */
  upload: <T>(url: string, file: File | Blob, fields: Record<string, string> = {}, fileName?: string) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, fileName ?? (file as File).name ?? 'upload');
    return request<T>('POST', url, form);
  },
};
