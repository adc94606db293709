import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPermission, type Permission, type RoleGrant } from '../../shared/roles.ts';
import { grantsOf } from '../platform/auth/session.service.ts';
import { query, queryOne } from '../platform/db/engine.ts';
import type { RouteRecord } from '../platform/http/auth.hook.ts';
import { createTestApp, type Client, type TestApp } from './test-app.ts';
import { openTestDatabase } from './test-db.ts';
import { fillParams, type WalkerContext } from './walker-ids.ts';
import type { JsonSchema } from './walker-bodies.ts';
import { readWhenWritten } from './write-mark.ts';

/**
 * Property-based fuzzing over the OpenAPI document: every operation, called by a signed-in persona
 * holding its permission, with bodies, queries and path parameters generated from its schema and
 * sprinkled with hostile values (wrong types, NUL bytes, impossible dates, huge numbers, long
 * strings, unknown ids). Never a 5xx; a 4xx writes nothing; the main lists answer afterwards.
 *
 * FUZZ_RUNS sets the calls per operation (default 10); FUZZ_SEED the seed (fixed by default, so a
 * failure reproduces).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? 20260311);
const DEMO_PASSWORD = 'Gongwu@2026';
// Committee personas first: they reach unit 01's records; unit personas cover unit-only permissions.
const PERSONAS = ['officer', 'admin', 'finance', 'auditor', 'u01-admin', 'u01-finance', 'u01-leader', 'u01-staff'];
// Rows these tables gain from the calls themselves whatever they answer (sign-in, the security log).
const VOLATILE = new Set(['sessions', 'security_events']);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Last: routes that may end a persona's session or change its account.
const LAST = [/^\/api\/users\b/, /^\/api\/auth\//];

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '2026-02-30',
  '0000-01-01',
  '9999-12-31',
  '2026-13',
  '0000-01',
  '2026-02-30T25:61:00Z',
  "'; DROP TABLE cards; --",
  '<script>alert(1)</script>',
  '%00',
  '../../etc/passwd',
  '\uD800',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(40),
  'x'.repeat(5000),
  '长'.repeat(2000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'not-a-uuid',
];
const HOSTILE_NUMBERS = [-1, 0, 1.5, -0.001, 1e308, -1e308, 9e15, 2 ** 53 + 2, 2 ** 63, 9_000_000_000_001, 2_147_483_648];
const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ maxLength: 20 }).map((x) => `${x}\u0000`),
);
const hostileNumber = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }));
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 2 },
  { arbitrary: fc.constantFrom<unknown>(null, true, false, {}, [], [null], { '\u0000': 1 }), weight: 2 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 1 },
);

/** Real ids by the property names that carry them, so generated bodies get past "not found". */
type IdPool = Record<string, string[]>;
const POOL_OF: Record<string, string> = {
  cardId: 'cards',
  cardIds: 'cards',
  replacesCardId: 'cards',
  categoryId: 'categories',
  unitId: 'units',
  counterpartUnitId: 'units',
  departmentId: 'departments',
  usingDepartmentId: 'departments',
  custodianId: 'staff',
  staffId: 'staff',
  roomId: 'rooms',
  userId: 'users',
  orderId: 'documents',
  sourceLineId: 'document_lines',
  buildingId: 'buildings',
  floorId: 'floors',
  compoundId: 'compounds',
  parentId: 'categories',
  managingUnitId: 'units',
  usingUnitId: 'units',
};

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
// A lone surrogate cannot be percent-encoded as UTF-8: send the bytes of one, which is invalid UTF-8.
const encodePathPart = (x: string) => {
  try {
    return encodeURIComponent(x);
  } catch {
    return '%ED%A0%80';
  }
};

function arbitraryOf(
  s: JsonSchema | undefined,
  doc: { components?: { schemas?: Record<string, JsonSchema> } },
  pool: IdPool,
  key = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  const inner = (): fc.Arbitrary<unknown> => {
    if (!s || depth > 6) return fc.constant(null);
    if (s.$ref) return arbitraryOf(doc.components?.schemas?.[s.$ref.split('/').pop()!], doc, pool, key, depth + 1);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    const alt = s.anyOf ?? s.oneOf;
    if (alt?.length) return fc.oneof(...alt.map((a) => arbitraryOf(a, doc, pool, key, depth + 1)));
    if (s.allOf?.length) {
      return fc
        .tuple(...s.allOf.map((a) => arbitraryOf(a, doc, pool, key, depth + 1)))
        .map((parts) => Object.assign({}, ...parts.filter((p) => p && typeof p === 'object')));
    }
    const types = (Array.isArray(s.type) ? s.type : [s.type]).filter(Boolean) as string[];
    const type = types.find((x) => x !== 'null') ?? (s.properties ? 'object' : undefined);
    const base = ((): fc.Arbitrary<unknown> => {
      switch (type) {
        case 'object': {
          const props = Object.fromEntries(
            Object.entries(s.properties ?? {}).map(([k, v]) => [k, arbitraryOf(v, doc, pool, k, depth + 1)]),
          );
          if (!Object.keys(props).length)
            return fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 3 });
          return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
        }
        case 'array':
          return fc.array(arbitraryOf(s.items, doc, pool, key, depth + 1), {
            minLength: s.minItems ?? 0,
            maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
          });
        case 'integer': {
          const min = Math.max(typeof s.minimum === 'number' ? s.minimum : -1e6, Number.MIN_SAFE_INTEGER);
          const max = Math.min(typeof s.maximum === 'number' ? s.maximum : 1e9, Number.MAX_SAFE_INTEGER);
          return fc.oneof(
            fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) }),
            fc.constantFrom(min, Math.max(min, max)).map(Math.round),
          );
        }
        case 'number': {
          const min = typeof s.minimum === 'number' ? s.minimum : -1e6;
          const max = typeof s.maximum === 'number' ? s.maximum : 1e9;
          return fc.double({ min, max: Math.max(min, max), noNaN: true, noDefaultInfinity: true });
        }
        case 'boolean':
          return fc.boolean();
        case 'string': {
          const ids = pool[POOL_OF[key] ?? ''] ?? pool.any;
          if (s.format === 'uuid') return fc.oneof({ arbitrary: fc.constantFrom(...ids), weight: 4 }, { arbitrary: fc.uuid(), weight: 1 });
          if (s.format === 'date-time')
            return fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
          if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}') || s.format === 'date') {
            return fc
              .tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
              .map(([y, m, d]) => `${y}-${pad(m)}-${pad(d)}`);
          }
          if (s.pattern?.includes('\\d{4}-'))
            return fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${pad(m)}`);
          if (s.format === 'email') return fc.emailAddress();
          if (s.pattern) {
            try {
              return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length <= (s.maxLength ?? 200));
            } catch {
              /* a pattern fast-check cannot read: plain strings below */
            }
          }
          const minLength = s.minLength ?? 0;
          return fc.string({
            minLength,
            maxLength: Math.max(minLength, Math.min(s.maxLength ?? 30, 30)),
            unit: fc.constantFrom('a', 'b', '资', '产', '1', '-', ' ', '.', '/'),
          });
        }
        default:
          return fc.constant(null);
      }
    })();
    return types.includes('null') || s.nullable ? fc.oneof(base, fc.constant(null)) : base;
  };
  // Mostly values the schema allows, and at any node, now and then, something hostile: of the
  // node's own type (it passes the type check and goes deeper) or of any type.
  const t0 = Array.isArray(s?.type) ? s.type.find((x) => x !== 'null') : s?.type;
  const ownKind = t0 === 'string' && !s?.enum ? hostileString : t0 === 'integer' || t0 === 'number' ? hostileNumber : hostile;
  return fc.oneof({ arbitrary: inner(), weight: 6 }, { arbitrary: ownKind, weight: 2 }, { arbitrary: hostile, weight: 1 });
}

/** One generated call: path values, query string and body. */
interface Call {
  url: string;
  body: unknown;
}

function callArbitrary(r: RouteRecord, filledUrl: string, op: Operation | undefined, doc: object, pool: IdPool): fc.Arbitrary<Call> {
  const realParts = filledUrl.split('/');
  const parts = r.url.split('/').map((p, i) =>
    p.startsWith(':')
      ? fc.oneof(
          { arbitrary: fc.constant(realParts[i]), weight: 5 },
          {
            arbitrary: fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.filter((x) => x && x.length < 100)), fc.uuid()).map(encodePathPart),
            weight: 1,
          },
        )
      : fc.constant(p),
  );
  const queryParams = (op?.parameters ?? []).filter((p) => p.in === 'query');
  const queryArb = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, arbitraryOf(p.schema, doc, pool, p.name)])), {
    requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name),
  });
  const bodySchema = op?.requestBody?.content?.['application/json']?.schema;
  const bodyArb = bodySchema
    ? fc.oneof(
        { arbitrary: arbitraryOf(bodySchema, doc, pool), weight: 8 },
        { arbitrary: fc.constantFrom<unknown>({}, [], 'x', 0, null), weight: 1 },
      )
    : fc.constantFrom<unknown>(undefined, {}, { file: '\u0000' }, []);
  return fc.tuple(fc.tuple(...parts), queryArb, bodyArb).map(([path, q, body]) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(q as Record<string, unknown>)) {
      if (v === undefined) continue;
      if (Array.isArray(v)) for (const x of v) search.append(k, typeof x === 'object' ? JSON.stringify(x) : String(x));
      else search.append(k, v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
    const qs = search.toString();
    return { url: `${path.join('/')}${qs ? `?${qs}` : ''}`, body: MUTATING.has(r.method) ? body : undefined };
  });
}

describe('the OpenAPI fuzzer', { timeout: 900_000 }, () => {
  let t: TestApp;
  let ctx: WalkerContext;
  let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, JsonSchema> } };
  let pool: IdPool;
  let fingerprintSql: ReturnType<typeof sql.raw>;
  const grants = new Map<string, RoleGrant[]>();
  const clients = new Map<string, Client>();
  let ipSeq = 0;
  const ip = () => `10.7.${Math.floor(ipSeq / 250) % 250}.${(ipSeq++ % 250) + 1}`;

  // Signs in from an address of its own each time: the sign-in route's rate limit is per address.
  const signIn = async (name: string): Promise<Client | undefined> => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: name, password: DEMO_PASSWORD },
      headers: { 'x-forwarded-for': ip() },
    });
    if (res.statusCode !== 200) {
      clients.delete(name); // its password or account was changed by an earlier call
      return undefined;
    }
    const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf: string = res.json().csrfToken;
    const request: Client['request'] = (method, url, body, headers = {}) =>
      t.app.inject({
        method: method as never,
        url,
        payload: body === undefined ? undefined : (body as object),
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
      });
    const c: Client = {
      request,
      get: (url) => request('GET', url),
      post: (url, b) => request('POST', url, b ?? {}),
      put: (url, b) => request('PUT', url, b ?? {}),
      patch: (url, b) => request('PATCH', url, b ?? {}),
      delete: (url, b) => request('DELETE', url, b),
    };
    clients.set(name, c);
    return c;
  };
  // Read again only after a write (write-mark.ts): the same answer, without counting every table
  // after each of the thousands of refused calls that write nothing.
  let fingerprint: () => Promise<string>;

  beforeAll(async () => {
    const database = await openTestDatabase({ demo: true });
    // Thousands of calls in a minute, far past the per-account budget that guards a real server.
    t = await createTestApp({ database, config: { rateLimitPerMinute: 1_000_000 } });
    const u1 = await queryOne<{ id: string; unit: string }>(
      database.db,
      sql`select id::text, unit_id::text as unit from users where username = 'u01-admin'`,
    );
    const u2 = await queryOne<{ unit: string }>(database.db, sql`select unit_id::text as unit from users where username = 'u02-admin'`);
    ctx = { u1: u1!.unit, u2: u2!.unit, u1AdminId: u1!.id };
    await database.db.execute(
      sql`insert into jobs (kind, status, unit_id, created_by) values ('fuzz.probe', 'succeeded', ${ctx.u1}, ${ctx.u1AdminId})`,
    );
    await database.db.execute(
      sql`insert into api_tokens (name, token_hash, user_id, scopes) values ('fuzz probe', 'fuzz-probe', ${ctx.u1AdminId}, array['org.read'])`,
    );
    for (const name of PERSONAS) {
      const user = await queryOne<{ id: string }>(database.db, sql`select id::text from users where username = ${name}`);
      grants.set(name, await grantsOf(database.db, user!.id));
      await signIn(name);
    }
    doc = (await t.anonymous.get('/api/openapi.json')).json();
    pool = {};
    for (const table of new Set(Object.values(POOL_OF))) {
      const unitCol = ['cards', 'departments', 'staff', 'documents'].includes(table) ? sql.raw(`where unit_id = '${ctx.u1}'`) : sql.raw('');
      pool[table] = (
        await query<{ id: string }>(database.db, sql`select id::text from ${sql.identifier(table)} ${unitCol} order by id limit 8`)
      ).map((r) => r.id);
      if (!pool[table].length) pool[table] = ['00000000-0000-4000-8000-000000000000'];
    }
    pool.any = Object.values(pool).flat();
    // Counts of every table and the latest update where there is one: cheap, and any write moves it.
    const cols = await query<{ table: string; has_updated: boolean }>(
      database.db,
      sql`
      select t.table_name as "table", exists (select 1 from information_schema.columns c where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'updated_at') as has_updated
      from information_schema.tables t where t.table_schema = 'public' and t.table_type = 'BASE TABLE' order by t.table_name`,
    );
    const parts = cols
      .filter((c) => !VOLATILE.has(c.table) && !c.table.startsWith('__'))
      .map(
        (c) =>
          `'${c.table}', (select ${c.has_updated ? `count(*)::text || '/' || coalesce(max(updated_at)::text, '')` : 'count(*)::text'} from "${c.table}")`,
      );
    // A function takes at most 100 arguments: 40 tables per jsonb_build_object, joined with ||.
    const chunks: string[] = [];
    for (let i = 0; i < parts.length; i += 40) chunks.push(`jsonb_build_object(${parts.slice(i, i + 40).join(', ')})`);
    fingerprintSql = sql.raw(`select (${chunks.join(' || ')}) as f`);
    fingerprint = readWhenWritten(database.db, async () => JSON.stringify((await query(database.db, fingerprintSql))[0]));
  }, 600_000);
  afterAll(async () => {
    await t?.close();
  });

  it('never answers 5xx to generated and hostile input, writes nothing on a 4xx, and leaves the lists answering', async () => {
    const problems: string[] = [];
    const statuses: Record<string, number> = {};
    const started = Date.now();
    const routes = [...t.routes].sort((a, b) => Number(LAST.some((re) => re.test(a.url))) - Number(LAST.some((re) => re.test(b.url))));
    let calls = 0;
    let before = await fingerprint();
    for (const [i, r] of routes.entries()) {
      const persona =
        r.access === 'public' || r.access === 'authenticated'
          ? PERSONAS.find((n) => clients.has(n))
          : PERSONAS.find((n) => clients.has(n) && hasPermission(grants.get(n)!, r.access as Permission));
      if (!persona) continue;
      // A parameter the walker cannot fill yet fails the route walker; here it gets a random id.
      const filled = await fillParams(t.database.db, r.url, ctx).catch(() => ({
        url: r.url.replace(/:[A-Za-z0-9_]+/g, () => crypto.randomUUID()),
      }));
      const op = doc.paths[r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      const samples = fc.sample(callArbitrary(r, filled.url, op, doc, pool), { numRuns: RUNS, seed: SEED + i });
      for (const c of samples) {
        const client = clients.get(persona) ?? (await signIn(persona));
        if (!client) break;
        const res = await client.request(r.method, c.url, c.body, { 'x-forwarded-for': ip() });
        calls++;
        statuses[`${Math.floor(res.statusCode / 100)}xx`] = (statuses[`${Math.floor(res.statusCode / 100)}xx`] ?? 0) + 1;
        const shown = `${r.method} ${c.url.slice(0, 200)} as ${persona} ${JSON.stringify(c.body)?.slice(0, 300)}`;
        if (res.statusCode >= 500) problems.push(`${res.statusCode} ${shown}`);
        if (MUTATING.has(r.method)) {
          const after = await fingerprint();
          if (res.statusCode >= 400 && res.statusCode < 500 && after !== before) {
            const a = JSON.parse(after),
              b = JSON.parse(before);
            problems.push(
              `${res.statusCode} wrote ${Object.keys(a)
                .filter((k) => a[k] !== b[k])
                .join(', ')}: ${shown}`,
            );
          }
          before = after;
        }
        if (res.statusCode === 401) {
          clients.delete(persona); // signed out by the call (logout, password change): sign in again
          await signIn(persona);
          before = await fingerprint();
        }
      }
    }
    // The main lists still answer, to a persona signed in afresh.
    const officer = await signIn('officer');
    if (!officer) throw new Error('officer can no longer sign in: a fuzzed call changed the account (its 2xx is in the log above)');
    const lists = [
      '/api/cards',
      '/api/documents',
      '/api/inbox',
      '/api/dashboard',
      '/api/reports/summary?from=2026-01&to=2026-12',
      '/api/lendings/overdue',
    ];
    const listStatuses = await Promise.all(lists.map(async (u) => `${u} ${(await officer.get(u)).statusCode}`));
    console.info(
      `fuzzer: ${calls} calls over ${routes.length} routes, ${RUNS} per route, seed ${SEED}, in ${((Date.now() - started) / 1000).toFixed(1)} s; ${JSON.stringify(statuses)}`,
    );
    expect(problems).toEqual([]);
    expect(listStatuses).toEqual(lists.map((u) => `${u} 200`));
    expect(calls).toBeGreaterThan(routes.length * RUNS * 0.8);
  });
});
