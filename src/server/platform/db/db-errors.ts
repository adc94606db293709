/**
 * A failed statement's error and the errors it wraps, outermost first: drizzle wraps the driver's
 * error (DrizzleQueryError) and both engines' drivers put the SQLSTATE on their own error.
 */
export function* causes(err: unknown): Generator<{ code?: unknown; message?: unknown; cause?: unknown }> {
  let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++, e = e.cause as typeof e) yield e;
}

/** The SQLSTATE of a failed statement, read through the wrapping errors. The one place that reads it. */
export function pgCode(err: unknown): string | undefined {
  for (const e of causes(err)) if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return undefined;
}

/**
 * Errors that mean "the database cannot be reached right now" rather than "this request is wrong":
 * the server stopped or restarting (57P01–57P03), connection failures (class 08), a refused,
 * reset or timed-out socket, node-postgres's own "connection terminated" / "not queryable".
 * They answer 503 and the job queue waits and retries; the pool reconnects by itself.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
const MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /Connection ended/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (const e of causes(err)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
    // AggregateError (a host that resolves to several addresses, all refused).
    const errors = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}

/** A statement cancelled by statement_timeout. */
export const isStatementTimeout = (err: unknown) => pgCode(err) === '57014';
