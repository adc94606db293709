import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { ERRORS, type ErrorBody, type ErrorId } from '../../shared/errors.ts';
import { isDatabaseUnavailable, isStatementTimeout } from './db/db-errors.ts';

/** The only error type services throw on purpose. */
export class AppError extends Error {
  constructor(
    readonly id: ErrorId,
    message?: string,
    readonly fields?: Record<string, string>,
    readonly details?: unknown,
  ) {
    super(message ?? ERRORS[id].zh);
  }
  get status(): number {
    return ERRORS[this.id].status;
  }
}

export const notFound = (what?: string) => new AppError('not_found', what ? `${what}不存在` : undefined);
export const conflict = (msg: string, details?: unknown) => new AppError('conflict', msg, undefined, details);
export const invalid = (fields: Record<string, string>, msg?: string) =>
  new AppError('validation', msg ?? `输入有误：${Object.entries(fields).map(([k, v]) => `${k} ${v}`).join('；')}`, fields);

function zodFields(err: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function toErrorBody(err: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: err.id, message: err.message, fields: err.fields, details: err.details }, unexpected: false };
  }
  if (err instanceof ZodError) {
    const fields = zodFields(err);
    return { status: 400, body: { error: 'validation', message: `输入有误：${Object.keys(fields).join('、')}`, fields }, unexpected: false };
  }
  const fe = err as FastifyError & { validation?: { instancePath?: string; message?: string; params?: Record<string, unknown> }[]; validationContext?: string };
  if (fe && fe.validation) {
    const fields: Record<string, string> = {};
    for (const v of fe.validation) {
      const p = (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.') || String(v.params?.missingProperty ?? v.params?.issue ?? '_');
      fields[p] ??= v.message ?? 'invalid';
    }
    return { status: 400, body: { error: 'validation', message: `输入有误：${Object.keys(fields).join('、')}`, fields }, unexpected: false };
  }
  // Database constraint violations that slipped past the service checks: report the clash, not internals.
  const pgCode = (err as { code?: string })?.code;
  if (pgCode === '23505' || pgCode === '23P01') return { status: 409, body: { error: 'conflict', message: ERRORS.conflict.zh }, unexpected: false };
  if (pgCode === '23503') return { status: 409, body: { error: 'conflict', message: '被引用的记录不存在或仍被引用' }, unexpected: false };
  // The database stopped, restarting or out of reach: the request did nothing; it may be repeated.
  if (isDatabaseUnavailable(err)) return { status: 503, body: { error: 'unavailable', message: ERRORS.unavailable.zh }, unexpected: false };
  if (isStatementTimeout(err)) return { status: 503, body: { error: 'unavailable', message: '数据库查询超时，请稍后重试或缩小查询范围' }, unexpected: false };
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode < 500) {
    const id: ErrorId = fe.statusCode === 413 ? 'payload_too_large' : fe.statusCode === 429 ? 'rate_limited' : fe.statusCode === 404 ? 'not_found' : fe.statusCode === 401 ? 'unauthenticated' : fe.statusCode === 403 ? 'forbidden' : 'validation';
    return { status: fe.statusCode, body: { error: id, message: fe.message || ERRORS[id].zh }, unexpected: false };
  }
  return { status: 500, body: { error: 'internal', message: ERRORS.internal.zh }, unexpected: true };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const { status, body, unexpected } = toErrorBody(err);
    if (unexpected) req.log.error({ err }, 'unexpected error');
    void reply.status(status).send(body);
  });
}
