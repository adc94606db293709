import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../platform/auth/session.service.ts';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { world } from '../../testing/world.ts';
import { notify } from './notify.service.ts';

const PEOPLE = 200;

interface Seen {
  status: number;
  events: { event: string; data: Record<string, unknown> }[];
  ended: boolean;
  error?: string;
}

/** One bell's stream over real HTTP, its events parsed as they arrive. */
function open(port: number, token: string) {
  const seen: Seen = { status: 0, events: [], ended: false };
  const req = http.get(
    {
      host: '127.0.0.1',
      port,
      path: '/api/notifications/stream',
      headers: { accept: 'text/event-stream', cookie: `gw_session=${token}` },
      agent: false,
    },
    (res) => {
      seen.status = res.statusCode ?? 0;
      let buf = '';
      res.on('data', (c: Buffer) => {
        buf += c.toString('utf8');
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) seen.events.push({ event, data: JSON.parse(data) });
        }
      });
      res.on('end', () => {
        seen.ended = true;
      });
    },
  );
  req.on('error', (e) => {
    seen.error = e.message;
  });
  return { seen, close: () => req.destroy() };
}

const waitFor = async (ok: () => boolean, ms = 30_000) => {
  for (const until = Date.now() + ms; !ok() && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
  return ok();
};

describe('the bell streams of an office signing in at once', () => {
  let t: TestApp;
  let people: { id: string; token: string }[];
  let unitId: string;
  let streams: ReturnType<typeof open>[] = [];

  beforeAll(async () => {
    // The hub polls every 20 ms, so polls run while the streams are being opened.
    t = await createTestApp({ config: { notifyStreamMs: 20 } });
    const w = world(t.database);
    unitId = await w.unit();
    people = [];
    for (let i = 0; i < PEOPLE; i++) people.push({ id: await w.user(`office-${i}`, 'staff', unitId), token: `office-token-${i}` });
    // Signed in: a session row each (a sign-in per person would spend the time on password hashes).
    await t.database.db.execute(sql`INSERT INTO sessions (id, user_id, csrf_token, expires_at)
      SELECT s.id, s.user_id::uuid, 'csrf', now() + interval '1 hour'
      FROM unnest(${`{${people.map((p) => sha256(p.token)).join(',')}}`}::text[], ${`{${people.map((p) => p.id).join(',')}}`}::text[]) AS s(id, user_id)`);
    // The first hundred have one unread notification already.
    await withTx(t.database.db, (tx) =>
      notify(tx, {
        event: 'document_submitted',
        unitId,
        title: '早先的通知',
        link: '/inbox',
        users: people.slice(0, 100).map((p) => p.id),
      }),
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);

  afterAll(async () => {
    for (const s of streams) s.close();
    await t?.close();
  });

  it('gives each of 200 streams opened at the same moment its first unread count, and then the next notification', async () => {
    const port = (t.app.server.address() as AddressInfo).port;
    streams = people.map((p) => open(port, p.token));
    const first = () => streams.filter((s) => s.seen.events.length > 0).length;
    await waitFor(() => first() === PEOPLE || streams.some((s) => s.seen.ended || s.seen.error));
    expect(streams.filter((s) => s.seen.ended || s.seen.error).map((s) => s.seen)).toEqual([]);
    expect(streams.map((s) => s.seen.status)).toEqual(people.map(() => 200));
    expect(streams.map((s) => s.seen.events[0])).toEqual(people.map((_, i) => ({ event: 'unread', data: { unread: i < 100 ? 1 : 0 } })));

    await withTx(t.database.db, (tx) =>
      notify(tx, { event: 'document_submitted', unitId, title: '九点的通知', link: '/inbox', users: people.map((p) => p.id) }),
    );
    const told = (s: (typeof streams)[number]) => s.seen.events.some((e) => e.event === 'notification' && e.data.title === '九点的通知');
    expect(await waitFor(() => streams.every(told))).toBe(true);
    expect(streams.map((s) => s.seen.events.filter((e) => e.event === 'notification').map((e) => e.data.title))).toEqual(
      people.map(() => ['九点的通知']),
    );
    expect(await waitFor(() => streams.every((s) => s.seen.events.at(-1)?.event === 'unread'))).toBe(true);
    expect(streams.map((s) => s.seen.events.at(-1))).toEqual(
      people.map((_, i) => ({ event: 'unread', data: { unread: i < 100 ? 2 : 1 } })),
    );
    const [{ n }] = await query<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM notifications`);
    expect(n).toBe(100 + PEOPLE);
  }, 120_000);
});
