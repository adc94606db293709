import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, type WorkflowWorld } from '../../testing/world.ts';
import { NotificationDispatcher, ROBOT_PER_MINUTE } from './delivery.dispatcher.ts';
import { notify } from './notify.service.ts';

interface Mail {
  to: string;
  text: string;
}

/** A real SMTP server from npm, in this process; it can be stopped and started again on its port. */
class SmtpSink {
  mails: Mail[] = [];
  private server?: SMTPServer;
  port = 0;
  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          // Quoted-printable soft breaks undone, so a link reads whole.
          const text = Buffer.concat(chunks)
            .toString('utf8')
            .replace(/=\r?\n/g, '');
          for (const r of session.envelope.rcptTo) this.mails.push({ to: r.address, text });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
  }
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
  to(address: string) {
    return this.mails.filter((m) => m.to === address);
  }
}

const DING_SECRET = 'SECtest-secret-钉钉';
const HOOK_SECRET = 'hook-secret';

/** A webhook receiver: checks 钉钉's signature (and the generic webhook's) as those servers do. */
class Receiver {
  posts: { path: string; body: Record<string, unknown>; signed: boolean }[] = [];
  private server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url!, 'http://x');
      let signed = false;
      if (url.pathname === '/ding') {
        const timestamp = url.searchParams.get('timestamp')!;
        const expected = crypto.createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64');
        // searchParams decodes the url-encoded signature once, as 钉钉 does.
        // (钉钉 also refuses a timestamp an hour off its clock; this test's clock is injected.)
        signed = url.searchParams.get('sign') === expected;
      } else {
        const timestamp = String(req.headers['x-gongwu-timestamp']);
        const expected = `sha256=${crypto.createHmac('sha256', HOOK_SECRET).update(`${timestamp}.${raw}`).digest('hex')}`;
        signed = req.headers['x-gongwu-signature'] === expected;
      }
      this.posts.push({ path: url.pathname, body: JSON.parse(raw), signed });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(signed ? { errcode: 0 } : { errcode: 310000, errmsg: 'sign not match' }));
    });
  });
  port = 0;
  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }
  async stop() {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('notifications', { timeout: 60_000 }, () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let staff: Client, admin: Client, root: Client, admin2: Client;
  const sink = new SmtpSink();
  const receiver = new Receiver();
  let dispatcher: NotificationDispatcher;
  // The injected clock starts at the real one (rows are stamped by the database) and only moves on.
  let clock = Date.now();
  const tick = (ms = 0) => {
    clock = Math.max(clock + ms, Date.now());
    return dispatcher.tick(new Date(clock));
  };
  const ADMIN_MAIL = 'u01-admin@gov.example';
  const STAFF_MAIL = 'u01-staff@gov.example';
  let dingId = '';

  beforeAll(async () => {
    await sink.start();
    await receiver.start();
    t = await createTestApp({ config: { publicUrl: 'https://gongwu.example', notifyStreamMs: 100 } });
    w = await createWorkflowWorld(t.database);
    [staff, admin, root, admin2] = await Promise.all(['u01-staff', 'u01-admin', 'admin', 'u02-admin'].map((u) => t.as(u)));
    dispatcher = new NotificationDispatcher(t.database.db, { publicUrl: 'https://gongwu.example' });
    const channel = async (body: unknown) => {
      const res = await root.post('/api/notification-channels', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    await channel({
      kind: 'smtp',
      name: '政务邮箱',
      config: { host: '127.0.0.1', port: sink.port, secure: false, verifyTls: false, from: 'gongwu@gov.example' },
    });
    dingId = await channel({
      kind: 'dingtalk',
      name: '资产处钉钉群',
      config: { url: `http://127.0.0.1:${receiver.port}/ding?access_token=abc`, secret: DING_SECRET },
      events: ['document_submitted'],
    });
    await channel({
      kind: 'webhook',
      name: 'OA',
      config: { url: `http://127.0.0.1:${receiver.port}/hook`, secret: HOOK_SECRET },
      unitId: w.u01,
    });
    await expectOk(
      admin.put('/api/notifications/preferences', { email: ADMIN_MAIL, mailEvents: ['document_submitted'], digestHour: null }),
    );
    await expectOk(
      staff.put('/api/notifications/preferences', {
        email: STAFF_MAIL,
        mailEvents: ['document_approved', 'document_rejected', 'document_returned'],
        digestHour: null,
      }),
    );
  });
  afterAll(async () => {
    await t.close();
    await sink.stop().catch(() => {});
    await receiver.stop();
  });

  const requisition = (cardId: string) => ({
    type: 'requisition' as const,
    payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
    lines: [{ cardId }],
  });
  const submitted = async () => {
    const card = await idleCard(t.database, w);
    const id = await createDoc(staff, requisition(card.id));
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    return id;
  };
  const bell = async (c: Client) =>
    (await c.get('/api/notifications')).json() as { items: { id: number; title: string; link: string }[]; unread: number };

  it("tells a submitted document's approver in the bell and by mail, and the robots with a title and a link only, signed", async () => {
    const before = (await bell(admin)).unread;
    const id = await submitted();
    const [{ doc_no }] = await query<{ doc_no: string }>(t.database.db, sql`select doc_no from documents where id = ${id}`);
    const mine = await bell(admin);
    expect(mine.unread).toBe(before + 1);
    expect(mine.items[0]).toMatchObject({ title: `领用单 ${doc_no}待您审批`, link: `/documents/${id}` });
    expect(await tick()).toMatchObject({ sent: 3, failed: 0 });
    const mails = sink.to(ADMIN_MAIL);
    expect(mails.length).toBe(1);
    expect(mails[0].text).toContain(`https://gongwu.example/documents/${id}`);
    const ding = receiver.posts.filter((p) => p.path === '/ding');
    expect(ding.length).toBe(1);
    expect(ding[0].signed).toBe(true);
    expect(ding[0].body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: `领用单 ${doc_no}待您审批`,
        text: `### 领用单 ${doc_no}待您审批\n\n[查看](https://gongwu.example/documents/${id})`,
      },
    });
    const hook = receiver.posts.filter((p) => p.path === '/hook');
    expect(hook.map((h) => [h.signed, h.body.event, h.body.link])).toEqual([
      [true, 'document_submitted', `https://gongwu.example/documents/${id}`],
    ]);
    // Nothing went to the applicant, who submitted it.
    expect(sink.to(STAFF_MAIL).length).toBe(0);
  });

  it("tells nobody of another unit: unit 02's administrator hears nothing of unit 01's documents", async () => {
    const before = await bell(admin2);
    await submitted();
    expect((await bell(admin2)).unread).toBe(before.unread);
    expect((await bell(admin2)).items.length).toBe(before.items.length);
  });

  it('commits the approval with the mail server down, and the mail arrives once after it is back', async () => {
    const id = await submitted();
    await tick();
    await sink.stop();
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    const [{ status }] = await query<{ status: string }>(t.database.db, sql`select status from documents where id = ${id}`);
    expect(status).toBe('approved');
    await tick();
    expect(sink.to(STAFF_MAIL).filter((m) => m.text.includes(`/documents/${id}`)).length).toBe(0);
    const [retrying] = (await root.get('/api/notification-deliveries?status=retrying')).json().items;
    expect(retrying).toMatchObject({ recipient: STAFF_MAIL, attempts: 1, status: 'pending' });
    await sink.start();
    expect((await tick(10_000)).sent).toBe(0); // the backoff: 30 s after the first failure
    expect((await tick(25_000)).sent).toBe(1);
    await tick(600_000);
    const got = sink.to(STAFF_MAIL).filter((m) => m.text.includes(`/documents/${id}`));
    expect(got.length).toBe(1);
  });

  it('sends no mail for an event the person opted out of, and still shows it in the bell', async () => {
    await expectOk(staff.put('/api/notifications/preferences', { email: STAFF_MAIL, mailEvents: [], digestHour: null }));
    const id = await submitted();
    await tick();
    const mailsBefore = sink.to(STAFF_MAIL).length;
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    await tick(1000);
    expect(sink.to(STAFF_MAIL).length).toBe(mailsBefore);
    expect((await bell(staff)).items[0].link).toBe(`/documents/${id}`);
  });

  it('sends a digest as one mail at its hour (Beijing time), and none before or again that day', async () => {
    await expectOk(staff.put('/api/notifications/preferences', { email: STAFF_MAIL, mailEvents: ['document_approved'], digestHour: 8 }));
    const a = await submitted();
    const b = await submitted();
    await expectOk(admin.post(`/api/documents/${a}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${b}/approve`, {}));
    const before = sink.to(STAFF_MAIL).length;
    const next = new Date(clock + 86_400_000);
    next.setUTCHours(23, 30, 0, 0);
    clock = next.getTime(); // 07:30 in Beijing
    expect((await tick()).digests).toBe(0);
    expect((await tick(40 * 60_000)).digests).toBe(1); // 08:10
    await tick(30 * 60_000); // 08:40
    const digests = sink.to(STAFF_MAIL).slice(before);
    expect(digests.length).toBe(1);
    expect(digests[0].text).toContain(`/documents/${a}`);
    expect(digests[0].text).toContain(`/documents/${b}`);
    await expectOk(staff.put('/api/notifications/preferences', { email: STAFF_MAIL, mailEvents: ['document_approved'], digestHour: null }));
  });

  it(`posts at most ${ROBOT_PER_MINUTE} messages a minute to one robot; the rest wait for the next minute`, async () => {
    await tick(3600_000);
    await tick(61_000);
    const dings = () => receiver.posts.filter((p) => p.path === '/ding' && p.signed).length;
    const before = dings();
    await withTx(t.database.db, async (tx) => {
      for (let i = 0; i < 25; i++)
        await notify(tx, { event: 'document_submitted', unitId: w.u01, title: `限速 ${i}`, link: '/inbox', users: [w.users['u01-admin']] });
    });
    await tick(61_000);
    expect(dings() - before).toBe(20);
    await tick(30_000);
    expect(dings() - before).toBe(20);
    await tick(31_000);
    expect(dings() - before).toBe(25);
    void dingId;
  });

  it('lists a delivery that kept failing for the administrator, who can send it again', async () => {
    await sink.stop();
    await submitted();
    for (let i = 0; i < 8; i++) await tick(3600_000);
    const failed = (await root.get('/api/notification-deliveries?status=failed')).json().items;
    expect(failed[0]).toMatchObject({ recipient: ADMIN_MAIL, status: 'failed', attempts: 8, channelName: '政务邮箱' });
    expect((await staff.get('/api/notification-deliveries')).statusCode).toBe(403);
    await sink.start();
    await expectOk(root.post(`/api/notification-deliveries/${failed[0].id}/retry`));
    expect((await tick(1000)).sent).toBe(1);
  });

  it('marks read one and all, and answers 404 for a notification of someone else', async () => {
    const mine = await bell(admin);
    expect(mine.unread).toBeGreaterThan(1);
    await expectOk(admin.post(`/api/notifications/${mine.items[0].id}/read`));
    expect((await bell(admin)).unread).toBe(mine.unread - 1);
    expect((await staff.post(`/api/notifications/${mine.items[1].id}/read`)).statusCode).toBe(404);
    await expectOk(admin.post('/api/notifications/read-all'));
    expect((await bell(admin)).unread).toBe(0);
  });

  it('pushes the unread count and each new notification over server-sent events, and closes the stream on sign-out', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'u01-admin', password: TEST_PASSWORD },
    });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = login.json().csrfToken as string;
    const events: { event: string; data: Record<string, unknown> }[] = [];
    let ended = false;
    await new Promise<void>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/api/notifications/stream', headers: { cookie, accept: 'text/event-stream' } },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let buf = '';
          res.on('data', (c: Buffer) => {
            buf += c.toString('utf8');
            let i: number;
            while ((i = buf.indexOf('\n\n')) >= 0) {
              const block = buf.slice(0, i);
              buf = buf.slice(i + 2);
              const event = /^event: (.*)$/m.exec(block)?.[1];
              const data = /^data: (.*)$/m.exec(block)?.[1];
              if (event && data) events.push({ event, data: JSON.parse(data) });
            }
            if (events.length) resolve();
          });
          res.on('end', () => {
            ended = true;
          });
        },
      );
      req.on('error', reject);
    });
    const waitFor = async (ok: () => boolean) => {
      for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
      return ok();
    };
    expect(events[0]).toEqual({ event: 'unread', data: { unread: 0 } });
    const id = await submitted();
    expect(await waitFor(() => events.some((e) => e.event === 'notification'))).toBe(true);
    expect(events.find((e) => e.event === 'notification')!.data).toMatchObject({ link: `/documents/${id}`, event: 'document_submitted' });
    expect(await waitFor(() => events.some((e) => e.event === 'unread' && e.data.unread === 1))).toBe(true);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBeLessThan(300);
    expect(await waitFor(() => ended)).toBe(true);
    expect(events.at(-1)!.event).toBe('signed-out');
  });
});
