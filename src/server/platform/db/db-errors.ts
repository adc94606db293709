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
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (SOCKET_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e!.message as string))) return true;
    // AggregateError (a host that resolves to several addresses, all refused).
    const errors = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(errors) && errors.some((x) => isDatabaseUnavailable(x))) return true;
  }
  return false;
}

/** A statement cancelled by statement_timeout. */
export const isStatementTimeout = (err: unknown) =>
  (err as { code?: string })?.code === '57014' || (err as { cause?: { code?: string } })?.cause?.code === '57014';
