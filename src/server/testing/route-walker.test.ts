import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUSINESS_WRITE_PERMISSIONS,
  hasPermission,
  READ_ONLY_ROLES,
  unitsAllowed,
  type Permission,
  type RoleGrant,
} from '../../shared/roles.ts';
import { grantsOf } from '../platform/auth/session.service.ts';
import { tableDigests } from '../platform/db/backup.ts';
import { queryOne } from '../platform/db/engine.ts';
import type { RouteRecord } from '../platform/http/auth.hook.ts';
import { createTestApp, type Client, type TestApp } from './test-app.ts';
import { openTestDatabase } from './test-db.ts';
import { fillParams, outsideContractIds, unitOwnedIds, vocabularyUrls, type FilledRoute, type WalkerContext } from './walker-ids.ts';
import { sampleBody } from './walker-bodies.ts';
import { readWhenWritten } from './write-mark.ts';

/**
 * Walks every /api route the app registers — including those of modules added later — and checks
 * the access rules from outside: anonymous callers, personas without the permission, and personas
 * of another unit. Nothing a refused call does may change the data.
 */
const DEMO_PASSWORD = 'Gongwu@2026';
const PERSONAS = ['admin', 'officer', 'finance', 'auditor', 'u01-admin', 'u01-finance', 'u01-leader', 'u01-staff'];
const OTHER_UNIT = ['u02-admin', 'u02-staff'];
// O&M vendors (docs/domain.md §11): 'vendor' holds the contract of the first demo machine room,
// 'vendor2' that of the second; the walker's records of machine rooms are under the first.
const VENDORS = ['vendor', 'vendor2'];
const OTHER_VENDOR = 'vendor2';
// Rows these tables gain from signing in or from the refused calls themselves (the log) are not changes.
const VOLATILE = ['sessions', 'security_events', 'jobs'];
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Mutations a read-only role may call: they start an export, or again one of their own jobs (a job and a security-log line), and write no record.
// The auditor also enters violations (责任追究, an oversight finding that changes no business record).
const READ_ONLY_MUTATIONS = new Set([
  'POST /api/card-io/exports',
  'POST /api/reports/export',
  'POST /api/jobs/:id/retry',
  'POST /api/accountability',
]);
const BOUNDARY = 'gongwu-walker-boundary';
// A one-pixel PNG: upload routes check the file's type before anything else.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const MULTIPART = {
  headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  payload: Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="probe.png"\r\nContent-Type: image/png\r\n\r\n`),
    PNG,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]),
};
interface Persona {
  name: string;
  client: Client;
  grants: RoleGrant[];
}

describe('the route walker', { timeout: 180_000 }, () => {
  let t: TestApp;
  let ctx: WalkerContext;
  const personas = new Map<string, Persona>();
  const filled = new Map<RouteRecord, FilledRoute>();
  const fillProblems: string[] = [];
  let ipSeq = 0;
  // Each call from its own address, so the walker's volume never meets the rate limit.
  const ip = () => `10.9.${Math.floor(ipSeq / 250) % 250}.${(ipSeq++ % 250) + 1}`;

  const call = (client: Client, r: RouteRecord, url: string) =>
    client.request(r.method, url, MUTATING.has(r.method) ? {} : undefined, { 'x-forwarded-for': ip() });
  // Every table's digest, read again only after a write (write-mark.ts): the same answer, without
  // reading the whole database after each of the hundreds of refused calls that write nothing.
  let digest: () => Promise<Record<string, string>>;
  const changedTables = (a: Record<string, string>, b: Record<string, string>) => Object.keys({ ...a, ...b }).filter((k) => a[k] !== b[k]);

  beforeAll(async () => {
    const database = await openTestDatabase({ demo: true });
    t = await createTestApp({ database });
    digest = readWhenWritten(database.db, () => tableDigests(database.db, { exclude: VOLATILE }));
    const missing: string[] = [];
    for (const name of [...PERSONAS, ...OTHER_UNIT, ...VENDORS]) {
      const user = await queryOne<{ id: string }>(database.db, sql`select id::text from users where username = ${name}`);
      if (!user) missing.push(name);
    }
    if (missing.length)
      throw new Error(
        `the small demo seed lacks the personas ${missing.join(', ')} (seedDemo scale 'small' must create them with the demo password)`,
      );
    const u1 = await queryOne<{ id: string; unit: string }>(
      database.db,
      sql`select id::text, unit_id::text as unit from users where username = 'u01-admin'`,
    );
    const u2 = await queryOne<{ unit: string }>(database.db, sql`select unit_id::text as unit from users where username = 'u02-admin'`);
    ctx = { u1: u1!.unit, u2: u2!.unit, u1AdminId: u1!.id };
    // An executed disposal of unit 01 with income, for the income routes (上缴国库).
    await database.db.execute(sql`insert into documents (doc_no, type, status, unit_id, applicant_id, payload, executed_at, executed_by)
      select 'CZWALKER000001', 'disposal', 'executed', ${ctx.u1}, ${ctx.u1AdminId}, '{"disposalMethod":"scrap","incomeFen":100}'::jsonb, now(), ${ctx.u1AdminId}
      where not exists (select 1 from documents where doc_no = 'CZWALKER000001')`);
    // A pool repair and a disposal lot of unit 01 (维修再利用, 打包处置), for the pool's reuse routes.
    await database.db.execute(sql`insert into pool_repairs (listing_id, unit_id, vendor, fault, sent_on, sent_by)
      select id, unit_id, 'walker probe', 'walker probe', '2000-01-01', ${ctx.u1AdminId} from pool_listings
      where unit_id = ${ctx.u1} and not exists (select 1 from pool_repairs where unit_id = ${ctx.u1}) order by id limit 1`);
    // A photo of that listing's card (the pool's photo routes).
    await database.db.execute(sql`insert into card_attachments (card_id, unit_id, kind, file_name, content_type, size, sha256, content_base64)
      select card_id, unit_id, 'photo', 'probe.png', 'image/png', 1, 'probe', 'AA==' from pool_listings
      where unit_id = ${ctx.u1} order by id limit 1`);
    await database.db.execute(sql`insert into pool_disposal_lots (unit_id, document_id, buyer, price_fen, pricing_basis, items, created_by)
      select ${ctx.u1}, id, 'walker probe', 100, 'public_trading', 0, ${ctx.u1AdminId} from documents
      where doc_no = 'CZWALKER000001' and not exists (select 1 from pool_disposal_lots where unit_id = ${ctx.u1})`);
    // A job started by unit 01's admin and a token, so /api/jobs/:id and /api/tokens/:id have records to refuse.
    await database.db.execute(
      sql`insert into jobs (kind, status, unit_id, created_by) values ('walker.probe', 'succeeded', ${ctx.u1}, ${ctx.u1AdminId})`,
    );
    await database.db.execute(
      sql`insert into api_tokens (name, token_hash, user_id, scopes) values ('walker probe', 'walker-probe', ${ctx.u1AdminId}, array['org.read'])`,
    );
    // Records the small demo may lack, added only when missing, so those routes too have a unit-01 record to refuse.
    await database.db.execute(sql`insert into card_attachments (card_id, unit_id, kind, file_name, content_type, size, sha256, content_base64)
      select id, unit_id, 'other', 'probe.txt', 'text/plain', 1, 'probe', 'AA==' from cards
      where unit_id = ${ctx.u1} and not exists (select 1 from card_attachments where unit_id = ${ctx.u1}) order by card_no limit 1`);
    // An attachment on the walker's unit-01 document (the first one created), for the document attachment routes.
    await database.db.execute(sql`insert into document_attachments (document_id, unit_id, kind, file_name, content_type, size, sha256, content_base64)
      select id, unit_id, 'other', 'probe.pdf', 'application/pdf', 1, 'probe', 'AA==' from documents
      where unit_id = ${ctx.u1} and counterpart_unit_id is distinct from ${ctx.u2} order by created_at limit 1`);
    // A fault reported from a unit-01 card's QR page, for the self-service routes.
    await database.db.execute(sql`insert into card_reports (card_id, unit_id, kind, note, photo_type, photo_base64, reported_by)
      select id, unit_id, 'fault', 'walker probe', 'image/png', 'AA==', ${ctx.u1AdminId} from cards
      where unit_id = ${ctx.u1} order by card_no limit 1`);
    // A saved filter of unit 01's admin shared with the unit, for the saved-filter routes.
    await database.db.execute(sql`insert into saved_filters (list_id, name, filter, owner_id, unit_id)
      values ('cards', 'walker probe', '{}'::jsonb, ${ctx.u1AdminId}, ${ctx.u1})`);
    await database.db.execute(sql`insert into depreciation_runs (unit_id, month)
      select ${ctx.u1}, '2000-01-01' where not exists (select 1 from depreciation_runs where unit_id = ${ctx.u1})`);
    // A notification of unit 01's admin, a channel (off) and a failed delivery, for the notification routes.
    await database.db.execute(sql`insert into notifications (user_id, unit_id, event, title, link)
      values (${ctx.u1AdminId}, ${ctx.u1}, 'document_submitted', 'walker probe', '/inbox')`);
    await database.db.execute(sql`insert into notification_channels (kind, name, enabled, config)
      values ('webhook', 'walker probe', false, '{"url":"http://127.0.0.1:9/"}')`);
    await database.db.execute(sql`insert into notification_deliveries (channel_id, event, title, status)
      select id, 'document_submitted', 'walker probe', 'failed' from notification_channels limit 1`);
    // A monthly report of unit 01 submitted for review (月报报送), for the filing routes.
    await database.db.execute(sql`insert into report_filings (unit_id, month, submitted_by)
      select ${ctx.u1}, '2000-01-01', ${ctx.u1AdminId} where not exists (select 1 from report_filings where unit_id = ${ctx.u1})`);
    await database.db.execute(sql`insert into period_reopenings (unit_id, month, reason, requested_by)
      select ${ctx.u1}, '2000-01-01', 'walker probe', ${ctx.u1AdminId} where not exists (select 1 from period_reopenings where unit_id = ${ctx.u1})`);
    // An executed disposal of unit 01 with income, for the income routes (上缴国库).
    await database.db.execute(sql`insert into documents (doc_no, type, status, unit_id, applicant_id, payload, executed_at, executed_by)
      select 'CZWALKER000001', 'disposal', 'executed', ${ctx.u1}, ${ctx.u1AdminId}, '{"disposalMethod":"scrap","incomeFen":100}'::jsonb, now(), ${ctx.u1AdminId}
      where not exists (select 1 from documents where doc_no = 'CZWALKER000001')`);
    // A pool repair and a disposal lot of unit 01 (维修再利用, 打包处置), for the pool's reuse routes.
    await database.db.execute(sql`insert into pool_repairs (listing_id, unit_id, vendor, fault, sent_on, sent_by)
      select id, unit_id, 'walker probe', 'walker probe', '2000-01-01', ${ctx.u1AdminId} from pool_listings
      where unit_id = ${ctx.u1} and not exists (select 1 from pool_repairs where unit_id = ${ctx.u1}) order by id limit 1`);
    await database.db.execute(sql`insert into pool_disposal_lots (unit_id, document_id, buyer, price_fen, pricing_basis, items, created_by)
      select ${ctx.u1}, id, 'walker probe', 100, 'public_trading', 0, ${ctx.u1AdminId} from documents
      where doc_no = 'CZWALKER000001' and not exists (select 1 from pool_disposal_lots where unit_id = ${ctx.u1})`);
    for (const name of [...PERSONAS, ...OTHER_UNIT, ...VENDORS]) {
      const user = await queryOne<{ id: string }>(database.db, sql`select id::text from users where username = ${name}`);
      personas.set(name, { name, client: await t.as(name, DEMO_PASSWORD), grants: await grantsOf(database.db, user!.id) });
    }
    for (const r of t.routes) {
      try {
        const f = await fillParams(database.db, r.url, ctx);
        filled.set(r, f);
        if (f.problem && !fillProblems.includes(f.problem)) fillProblems.push(f.problem);
      } catch (err) {
        fillProblems.push((err as Error).message);
      }
    }
  }, 300_000);
  afterAll(async () => {
    await t?.close();
  });

  const label = (r: RouteRecord) => `${r.method} ${r.url}`;

  it('can fill the path parameters of every route', () => {
    expect(t.routes.length).toBeGreaterThan(10);
    expect(fillProblems).toEqual([]);
  });

  it('answers 401 to an anonymous caller on every route that is not public, before validating input, and changes nothing', async () => {
    const problems: string[] = [];
    const before = await digest();
    for (const r of t.routes) {
      const f = filled.get(r);
      if (r.access === 'public' || !f) continue;
      const res = await call(t.anonymous, r, f.url);
      if (res.statusCode !== 401) problems.push(`${label(r)}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    const changed = changedTables(before, await digest());
    expect({ problems, changed }).toEqual({ problems: [], changed: [] });
  });

  it("answers 403 to a signed-in persona without the route's permission, before validating input, and changes nothing", async () => {
    const problems: string[] = [];
    let checked = 0;
    let last = await digest();
    for (const r of t.routes) {
      const f = filled.get(r);
      if (r.access === 'public' || r.access === 'authenticated' || !f) continue;
      const persona = PERSONAS.map((n) => personas.get(n)!).find((p) => !hasPermission(p.grants, r.access as Permission));
      if (!persona) continue; // every persona holds it (e.g. org.read)
      checked++;
      const res = await call(persona.client, r, f.url);
      if (res.statusCode !== 403) problems.push(`${label(r)} as ${persona.name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      if (MUTATING.has(r.method)) {
        const now = await digest();
        const changed = changedTables(last, now);
        if (changed.length) problems.push(`${label(r)} as ${persona.name} changed ${changed.join(', ')}`);
        last = now;
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('answers 403 to the system administrator on every route that writes business records (approve, execute, chains, …), and changes nothing', async () => {
    const admin = personas.get('admin')!;
    expect(admin.grants.map((g) => g.role)).toEqual(['sysadmin']);
    const problems: string[] = [];
    let checked = 0;
    const before = await digest();
    for (const r of t.routes) {
      const f = filled.get(r);
      if (!f || !BUSINESS_WRITE_PERMISSIONS.includes(r.access as Permission)) continue;
      checked++;
      const res = await call(admin.client, r, f.url);
      if (res.statusCode !== 403) problems.push(`${label(r)}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    for (const p of ['document.approve', 'document.execute', 'chain.write'] as const) {
      expect(t.routes.filter((r) => r.access === p).length, p).toBeGreaterThan(0);
    }
    expect(checked).toBeGreaterThan(10);
    expect({ problems, changed: changedTables(before, await digest()) }).toEqual({ problems: [], changed: [] });
  });

  it('answers 403 to the read-only roles on every route that writes, and changes nothing', async () => {
    const problems: string[] = [];
    let checked = 0;
    const readOnly = PERSONAS.map((n) => personas.get(n)!).filter((p) => p.grants.every((g) => READ_ONLY_ROLES.includes(g.role)));
    expect(readOnly.map((p) => p.name)).toEqual(['auditor']);
    const before = await digest();
    for (const persona of readOnly) {
      for (const r of t.routes) {
        const f = filled.get(r);
        // 'authenticated' mutations are the caller's own sign-out, password and language.
        if (!f || !MUTATING.has(r.method) || r.access === 'public' || r.access === 'authenticated' || READ_ONLY_MUTATIONS.has(label(r)))
          continue;
        checked++;
        const res = await call(persona.client, r, f.url);
        if (res.statusCode !== 403) problems.push(`${label(r)} as ${persona.name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(checked).toBeGreaterThan(20);
    expect({ problems, changed: changedTables(before, await digest()) }).toEqual({ problems: [], changed: [] });
  });

  it('answers 403 (password_change_required) to a user who must change their password, on every route but the change, sign-out and who-am-I, and changes nothing', async () => {
    expect(
      t.routes
        .filter((r) => r.beforePasswordChange)
        .map(label)
        .sort(),
    ).toEqual(['GET /api/auth/me', 'POST /api/auth/logout', 'POST /api/auth/password']);
    const client = await t.as('u01-leader', DEMO_PASSWORD);
    await t.database.db.execute(sql`update users set must_change_password = true where username = 'u01-leader'`);
    const problems: string[] = [];
    const before = await digest();
    try {
      for (const r of t.routes) {
        const f = filled.get(r);
        if (!f || r.access === 'public' || r.beforePasswordChange) continue;
        const res = await call(client, r, f.url);
        const id = res.statusCode === 403 ? (res.json() as { error?: string }).error : undefined;
        if (id !== 'password_change_required') problems.push(`${label(r)}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
      expect((await client.get('/api/auth/me')).json().mustChangePassword).toBe(true);
    } finally {
      await t.database.db.execute(sql`update users set must_change_password = false where username = 'u01-leader'`);
    }
    expect({ problems, changed: changedTables(before, await digest()) }).toEqual({ problems: [], changed: ['users'] });
  });

  it("answers 404 (or 403) to unit 02 on routes naming unit 01's records, and changes nothing", async () => {
    const problems: string[] = [];
    let last = await digest();
    for (const r of t.routes) {
      const f = filled.get(r);
      if (r.access === 'public' || !f || !f.scoped) continue;
      for (const name of OTHER_UNIT) {
        const persona = personas.get(name)!;
        let res = await call(persona.client, r, f.url);
        // A mutation with an empty body stops at validation (400) before reaching the record; try
        // again with a body shaped like the route's schema so the scope check is what answers.
        if (res.statusCode === 400 && MUTATING.has(r.method)) {
          const body = sampleBody(t.app, r);
          if (body !== undefined) res = await persona.client.request(r.method, f.url, body, { 'x-forwarded-for': ip() });
          // An upload route: a one-file multipart body.
          if (res.statusCode === 400)
            res = await persona.client.request(r.method, f.url, MULTIPART.payload, { ...MULTIPART.headers, 'x-forwarded-for': ip() });
        }
        if (res.statusCode === 400)
          console.warn(`walker: ${label(r)} as ${name} stopped at validation (400): its scope check is not exercised`);
        const ok = res.statusCode === 404 || res.statusCode === 403 || (res.statusCode === 400 && MUTATING.has(r.method));
        if (!ok) problems.push(`${label(r)} as ${name}: ${res.statusCode} ${res.body.slice(0, 160)}`);
        if (MUTATING.has(r.method)) {
          const now = await digest();
          const changed = changedTables(last, now);
          if (changed.length) problems.push(`${label(r)} as ${name} changed ${changed.join(', ')}`);
          last = now;
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("lists none of unit 01's records to unit 02", async () => {
    const ids = await unitOwnedIds(t.database.db, ctx);
    expect(ids.size).toBeGreaterThan(0);
    const problems: string[] = [];
    let listed = 0;
    for (const r of t.routes) {
      const urls = r.method === 'GET' && r.access !== 'public' ? vocabularyUrls(r.url) : undefined;
      if (!urls) continue;
      for (const name of OTHER_UNIT) {
        const persona = personas.get(name)!;
        if (r.access !== 'authenticated' && unitsAllowed(persona.grants, r.access as Permission) === 'all') continue;
        for (const url of urls) {
          const res = await call(persona.client, r, url);
          const leaked = (res.body.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []).filter((id) =>
            ids.has(id),
          );
          if (leaked.length) problems.push(`GET ${url} as ${name} shows ${new Set(leaked).size} record(s) of unit 01, e.g. ${leaked[0]}`);
          listed++;
        }
      }
    }
    expect(listed).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('answers 403 to a vendor on every route of a permission its role lacks (the other modules), and changes nothing', async () => {
    const problems: string[] = [];
    let checked = 0;
    const before = await digest();
    for (const name of VENDORS) {
      const persona = personas.get(name)!;
      expect(persona.grants.map((g) => g.role)).toEqual(['vendor']);
      for (const r of t.routes) {
        const f = filled.get(r);
        if (!f || r.access === 'public' || r.access === 'authenticated' || hasPermission(persona.grants, r.access as Permission)) continue;
        checked++;
        const res = await call(persona.client, r, f.url);
        if (res.statusCode !== 403) problems.push(`${label(r)} as ${name}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect({ problems, changed: changedTables(before, await digest()) }).toEqual({ problems: [], changed: [] });
  });

  it('answers 404 (or 403) to another vendor on routes naming a record of a contract not its own, and changes nothing', async () => {
    const persona = personas.get(OTHER_VENDOR)!;
    const problems: string[] = [];
    let checked = 0;
    let last = await digest();
    for (const r of t.routes) {
      const f = filled.get(r);
      if (r.access === 'public' || !f || !f.contract) continue;
      checked++;
      let res = await call(persona.client, r, f.url);
      if (res.statusCode === 400 && MUTATING.has(r.method)) {
        const body = sampleBody(t.app, r);
        if (body !== undefined) res = await persona.client.request(r.method, f.url, body, { 'x-forwarded-for': ip() });
      }
      const ok = res.statusCode === 404 || res.statusCode === 403;
      if (!ok) problems.push(`${label(r)} as ${OTHER_VENDOR}: ${res.statusCode} ${res.body.slice(0, 160)}`);
      if (MUTATING.has(r.method)) {
        const now = await digest();
        const changed = changedTables(last, now);
        if (changed.length) problems.push(`${label(r)} as ${OTHER_VENDOR} changed ${changed.join(', ')}`);
        last = now;
      }
    }
    expect(checked).toBeGreaterThan(3);
    expect(problems).toEqual([]);
  });

  it('lists to a vendor nothing outside its contract, and its own contract in full', async () => {
    const problems: string[] = [];
    let listed = 0;
    for (const name of VENDORS) {
      const persona = personas.get(name)!;
      const outside = await outsideContractIds(t.database.db, name);
      expect(outside.size).toBeGreaterThan(0);
      for (const r of t.routes) {
        if (r.method !== 'GET' || r.access === 'public') continue;
        if (r.access !== 'authenticated' && !hasPermission(persona.grants, r.access as Permission)) continue;
        const f = filled.get(r);
        const urls = vocabularyUrls(r.url) ?? (f && !f.problem ? [f.url] : []);
        for (const url of urls) {
          const res = await call(persona.client, r, url);
          const leaked = (res.body.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []).filter((id) =>
            outside.has(id),
          );
          if (leaked.length)
            problems.push(`GET ${url} as ${name} shows ${new Set(leaked).size} record(s) outside its contract, e.g. ${leaked[0]}`);
          listed++;
        }
      }
      // Its own: the rooms of its contract, with their racks.
      const rooms = (await persona.client.get('/api/machine-rooms')).json() as { items: { racks: number }[] };
      expect(rooms.items.length, name).toBe(1);
      expect(rooms.items[0].racks, name).toBeGreaterThan(0);
    }
    expect(listed).toBeGreaterThan(5);
  });

  // Last: these calls succeed and change data (sign-outs, password changes among them, on fresh sessions).
  it('leaves an operation-log entry for every mutating call that succeeds, whichever route it is', async () => {
    const problems: string[] = [];
    const succeeded: string[] = [];
    const logCount = async () => (await queryOne<{ n: number }>(t.database.db, sql`select count(*)::int as n from operation_log`))!.n;
    const routes = t.routes
      .filter((r) => MUTATING.has(r.method) && r.access !== 'public' && filled.get(r))
      .sort((a, b) => Number(!!a.beforePasswordChange) - Number(!!b.beforePasswordChange));
    for (const r of routes) {
      const persona = PERSONAS.map((n) => personas.get(n)!).find(
        (p) => r.access === 'authenticated' || hasPermission(p.grants, r.access as Permission),
      );
      if (!persona) continue;
      // A sign-out or a password change ends the session it runs on: a fresh one.
      const client = r.beforePasswordChange ? await t.as(persona.name, DEMO_PASSWORD) : persona.client;
      const before = await logCount();
      const body = sampleBody(t.app, r) ?? {};
      const res = await client.request(r.method, filled.get(r)!.url, body, { 'x-forwarded-for': ip() });
      if (res.statusCode >= 300) continue;
      succeeded.push(label(r));
      const after = await logCount();
      if (after <= before) problems.push(`${label(r)} as ${persona.name}: ${res.statusCode} and no operation-log entry`);
    }
    console.info(`walker: ${succeeded.length} mutating routes succeeded with a sample body, each checked for its log entry`);
    expect(succeeded.length).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });
});
