import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type BuiltApp } from '../app.ts';
import { loadConfig, type Config } from '../platform/config.ts';
import type { Database } from '../platform/db/engine.ts';
import { openTestDatabase } from './test-db.ts';

export interface TestApp extends BuiltApp {
  database: Database;
  close(): Promise<void>;
  /** Signs in and returns a client whose requests carry the session cookie and CSRF header. */
  as(username: string, password?: string): Promise<Client>;
  anonymous: Client;
}

export interface Client {
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string, body?: unknown): Promise<LightMyRequestResponse>;
}

export const TEST_PASSWORD = 'Test-pass-2026';

function client(built: BuiltApp, cookie?: string, csrf?: string): Client {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    built.app.inject({
      method: method as never,
      url,
      payload: body === undefined ? undefined : (body as object),
      headers: { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}), ...headers },
    });
  return {
    request,
    get: (url) => request('GET', url),
    post: (url, body) => request('POST', url, body ?? {}),
    put: (url, body) => request('PUT', url, body ?? {}),
    patch: (url, body) => request('PATCH', url, body ?? {}),
    delete: (url, body) => request('DELETE', url, body),
  };
}

/**
 * An app on a fresh database. Tests stand behind a proxy by default (trustProxy), so a test can sign
 * in from many addresses with X-Forwarded-For; `config` overrides it (and anything else).
 */
export async function createTestApp(opts: { database?: Database; config?: Partial<Config> } = {}): Promise<TestApp> {
  const database = opts.database ?? (await openTestDatabase());
  const config = loadConfig(
    {},
    { dataDir: 'memory://', webDir: '/nonexistent', loginMaxFailures: 5, trustProxy: true, notifyIntervalMs: 0, ...opts.config },
  );
  const built = await buildApp(config, database, { logger: false, startJobs: false });
  await built.app.ready();
  return {
    ...built,
    database,
    anonymous: client(built),
    async as(username, password = TEST_PASSWORD) {
      const res = await built.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      return client(built, cookie, res.json().csrfToken);
    },
    async close() {
      await built.app.close();
      await database.close();
    },
  };
}
