import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { type IssueLike, type UiLang, uiLangOf, validationMessage, validationSummary } from './http/validation-messages.ts';
import { ERRORS, type ErrorBody, type ErrorId } from '../../shared/errors.ts';
import { causes, isDatabaseUnavailable, isStatementTimeout, pgCode } from './db/db-errors.ts';

/** A message in both UI languages; a plain string is Chinese. */
export type Message = string | { zh: string; en: string };

/** The only error type services throw on purpose. */
export class AppError extends Error {
  /** The English message, when the thrower gave one. */
  readonly en?: string;
  constructor(
    readonly id: ErrorId,
    message?: Message,
    readonly fields?: Record<string, string>,
    readonly details?: unknown,
  ) {
    super(typeof message === 'object' ? message.zh : (message ?? ERRORS[id].zh));
    this.en = typeof message === 'object' ? message.en : message === undefined ? ERRORS[id].en : undefined;
  }
  get status(): number {
    return ERRORS[this.id].status;
  }
  /**
   * The message in the caller's language. A Chinese-only message reaches the English UI as the
   * error's general English text with the Chinese specifics after it, so nothing is lost.
   */
  messageIn(lang: UiLang): string {
    if (lang === 'zh') return this.message;
    return this.en ?? `${ERRORS[this.id].en} — ${this.message}`;
  }
}

export const notFound = (what?: string) => new AppError('not_found', what ? `${what}不存在` : undefined);
export const conflict = (msg: Message, details?: unknown) => new AppError('conflict', msg, undefined, details);
export const invalid = (fields: Record<string, string>, msg?: string) =>
  new AppError(
    'validation',
    msg ??
      `输入有误：${Object.entries(fields)
        .map(([k, v]) => `${k} ${v}`)
        .join('；')}`,
    fields,
  );

/** The message of the wrapped database error that carries the code. */
function pgMessage(err: unknown): string | undefined {
  for (const e of causes(err)) if (typeof e.code === 'string' && typeof e.message === 'string') return e.message;
  return undefined;
}

/**
 * What a database error that slipped past the services' checks means to the caller: a clash (409),
 * bad data (400), or a lost race to retry (409); undefined for anything else (a 500). Internals
 * (constraint names, SQL) are never shown.
 */
export function databaseError(err: unknown): { id: ErrorId; message: string } | undefined {
  const code = pgCode(err);
  if (!code) return undefined;
  // A write into a closed month, refused by the period triggers (migrations/post/054_periods.sql): their message says which.
  if (code === 'GW001') return { id: 'locked_period', message: pgMessage(err) ?? ERRORS.locked_period.zh };
  if (code === '23505' || code === '23P01') return { id: 'conflict', message: ERRORS.conflict.zh };
  if (code === '23503') return { id: 'conflict', message: '被引用的记录不存在或仍被引用' };
  if (code === '23502' || code === '23514') return { id: 'validation', message: '输入有误：不符合数据约束' };
  if (code === '40001' || code === '40P01') return { id: 'conflict', message: '与他人的操作同时发生，请重试' };
  // 22xxx: data exceptions (bad date 22007/22008, bad text 22P02, out of range 22003, NUL 22021/22P05).
  if (code.startsWith('22')) return { id: 'validation', message: '输入有误：数值超出范围或格式不对' };
  // 54000: a value too large for an index row (an overlong text in a unique or indexed column).
  if (code === '54000') return { id: 'validation', message: '输入有误：内容过长' };
  return undefined;
}

function zodFields(err: ZodError, lang: UiLang): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= validationMessage(issue as IssueLike, lang);
  }
  return fields;
}

export function toErrorBody(err: unknown, lang: UiLang = 'zh'): { status: number; body: ErrorBody; unexpected: boolean } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: { error: err.id, message: err.messageIn(lang), fields: err.fields, details: err.details },
      unexpected: false,
    };
  }
  if (err instanceof ZodError) {
    const fields = zodFields(err, lang);
    return {
      status: 400,
      body: { error: 'validation', message: validationSummary(Object.keys(fields).length, lang), fields },
      unexpected: false,
    };
  }
  const fe = err as FastifyError & {
    validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[];
    validationContext?: string;
  };
  if (fe?.validation) {
    const fields: Record<string, string> = {};
    for (const v of fe.validation) {
      const p =
        (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || String(v.params?.missingProperty ?? v.params?.issue ?? '_');
      fields[p] ??= validationMessage({ ...(v.params as IssueLike), code: (v as { keyword?: string }).keyword, message: v.message }, lang);
    }
    return {
      status: 400,
      body: { error: 'validation', message: validationSummary(Object.keys(fields).length, lang), fields },
      unexpected: false,
    };
  }
  const db = databaseError(err);
  if (db)
    return {
      status: ERRORS[db.id].status,
      body: { error: db.id, message: new AppError(db.id, db.message).messageIn(lang) },
      unexpected: false,
    };
  // The database stopped, restarting or out of reach: the request did nothing; it may be repeated.
  if (isDatabaseUnavailable(err))
    return { status: 503, body: { error: 'unavailable', message: ERRORS.unavailable[lang] }, unexpected: false };
  if (isStatementTimeout(err)) {
    const message = { zh: '数据库查询超时，请稍后重试或缩小查询范围', en: 'The query took too long; try again later or narrow it' };
    return { status: 503, body: { error: 'unavailable', message: message[lang] }, unexpected: false };
  }
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode < 500) {
    const id: ErrorId =
      fe.statusCode === 413
        ? 'payload_too_large'
        : fe.statusCode === 429
          ? 'rate_limited'
          : fe.statusCode === 404
            ? 'not_found'
            : fe.statusCode === 401
              ? 'unauthenticated'
              : fe.statusCode === 403
                ? 'forbidden'
                : 'validation';
    return { status: fe.statusCode, body: { error: id, message: fe.message || ERRORS[id][lang] }, unexpected: false };
  }
  return { status: 500, body: { error: 'internal', message: ERRORS.internal[lang] }, unexpected: true };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, body, unexpected } = toErrorBody(err, uiLangOf(req.headers));
    if (unexpected) req.log.error({ err }, 'unexpected error');
    void reply.status(status).send(body);
  });
}
