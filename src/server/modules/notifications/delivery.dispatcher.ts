// Sends the outbox after commit: due deliveries are claimed (FOR UPDATE SKIP LOCKED, so several API
// processes share the work), sent, and marked; a failure waits 30 s, 1 min, 2 min … (at most an
// hour) and after MAX_ATTEMPTS is 'failed' and listed for the administrator. A robot gets at most
// ROBOT_PER_MINUTE messages a minute (钉钉's limit); the rest wait. Once a day at their hour, those
// who chose a digest get one mail; once a business day, lendings due and overdue are announced.
// Time is a parameter (`tick(now)`), so tests move it.
import { sql } from 'drizzle-orm';
import type { ChannelConfig, ChannelKind } from '../../../shared/notifications.contracts.ts';
import type { Db } from '../../platform/db/engine.ts';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { send } from './delivery.senders.ts';
import { notify } from './notify.service.ts';
import { businessClock } from '../../platform/clock.ts';

export const MAX_ATTEMPTS = 8;
export const ROBOT_PER_MINUTE = 20;
const BATCH = 50;

/** The wait after the n-th failed attempt: 30 s doubling, at most an hour. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);

interface DueRow {
  id: number;
  channel_id: string;
  recipient: string | null;
  event: string;
  title: string;
  link: string | null;
  body: string | null;
  attempts: number;
}

interface ChannelRow {
  id: string;
  kind: ChannelKind;
  enabled: boolean;
  config: ChannelConfig;
}

export interface TickResult {
  sent: number;
  failed: number;
  deferred: number;
  digests: number;
  reminders: number;
}

export class NotificationDispatcher {
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private db: Db,
    private opts: { publicUrl: string; log?: (msg: string) => void },
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.busy) return;
      this.busy = true;
      this.tick()
        .catch((err: Error) => this.opts.log?.(`notifications: ${err.message}`))
        .finally(() => {
          this.busy = false;
        });
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  private absolute = (link: string | null) => (link ? `${this.opts.publicUrl.replace(/\/$/, '')}${link}` : null);

  async tick(now = new Date()): Promise<TickResult> {
    const reminders = await this.dailyReminders(now);
    const digests = await this.digests(now);
    const total = { sent: 0, failed: 0, deferred: 0 };
    // Batch after batch until nothing is due (at most 40 batches a tick).
    for (let i = 0; i < 40; i++) {
      const r = await this.deliver(now);
      total.sent += r.sent;
      total.failed += r.failed;
      total.deferred += r.deferred;
      if (r.claimed < BATCH) break;
    }
    return { ...total, digests, reminders };
  }

  /** Once per business day (across processes): lendings due in three days, and those overdue since yesterday. */
  async dailyReminders(now: Date): Promise<number> {
    const { day } = businessClock(now);
    return withTx(this.db, async (tx) => {
      const first = await query(
        tx,
        sql`INSERT INTO notification_days (kind, day) VALUES ('lending', ${day}) ON CONFLICT DO NOTHING RETURNING 1`,
      );
      if (!first.length) return 0;
      const lendings = await query<{ id: string; unit_id: string; doc_no: string; applicant_id: string; due: string }>(
        tx,
        sql`SELECT d.id::text, d.unit_id::text, d.doc_no, d.applicant_id::text, d.payload->>'periodTo' AS due FROM documents d
          WHERE d.type = 'lending' AND d.status = 'executed' AND d.payload->>'returnedOn' IS NULL
            AND d.payload->>'periodTo' IN (to_char(${day}::date + 3, 'YYYY-MM-DD'), to_char(${day}::date - 1, 'YYYY-MM-DD'))`,
      );
      let told = 0;
      for (const l of lendings) {
        const overdue = l.due < day;
        told += await notify(tx, {
          event: overdue ? 'lending_overdue' : 'lending_due',
          unitId: l.unit_id,
          title: overdue ? `出借单 ${l.doc_no} 已逾期（应于 ${l.due} 归还）` : `出借单 ${l.doc_no} 将于 ${l.due} 到期`,
          link: `/documents/${l.id}`,
          users: [l.applicant_id],
          role: 'unit_admin',
        });
      }
      return told;
    });
  }

  /** At each person's hour: one mail with what they were told since the last one (the events they chose). */
  async digests(now: Date): Promise<number> {
    const { day, hour } = businessClock(now);
    const rows = await query<{ n: number }>(
      this.db,
      sql`
      WITH due AS (
        UPDATE notification_prefs SET last_digest_on = ${day}
        WHERE digest_hour = ${hour} AND email IS NOT NULL AND (last_digest_on IS NULL OR last_digest_on < ${day})
        RETURNING user_id, email, mail_events
      ), items AS (
        UPDATE notifications n SET digested_at = ${now.toISOString()}::timestamptz FROM due
        WHERE n.user_id = due.user_id AND n.digested_at IS NULL AND n.event = ANY(due.mail_events)
          AND n.created_at <= ${now.toISOString()}::timestamptz
        RETURNING n.user_id, n.title, n.link, n.created_at
      ), smtp AS (
        SELECT id FROM notification_channels WHERE kind = 'smtp' AND enabled ORDER BY created_at LIMIT 1
      ), queued AS (
        INSERT INTO notification_deliveries (channel_id, user_id, recipient, event, title, body, next_at)
        SELECT (SELECT id FROM smtp), due.user_id, due.email, 'digest', '今日通知摘要（' || count(*) || ' 条）',
          string_agg('· ' || i.title || coalesce('  ' || ${this.opts.publicUrl.replace(/\/$/, '')} || i.link, ''), E'\n' ORDER BY i.created_at),
          ${now.toISOString()}::timestamptz
        FROM due JOIN items i ON i.user_id = due.user_id
        WHERE EXISTS (SELECT 1 FROM smtp)
        GROUP BY due.user_id, due.email
        RETURNING 1
      )
      SELECT count(*)::int AS n FROM queued`,
    );
    return rows[0]?.n ?? 0;
  }

  /** Sends what is due; each delivery once (claimed for two minutes while it is being sent). */
  async deliver(now: Date): Promise<Omit<TickResult, 'digests' | 'reminders'> & { claimed: number }> {
    const out = { sent: 0, failed: 0, deferred: 0, claimed: 0 };
    const at = now.toISOString();
    const due = await query<DueRow>(
      this.db,
      sql`UPDATE notification_deliveries d SET next_at = ${at}::timestamptz + interval '2 minutes'
        WHERE d.id IN (SELECT id FROM notification_deliveries WHERE status = 'pending' AND next_at <= ${at}::timestamptz
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.channel_id::text, d.recipient, d.event, d.title, d.link, d.body, d.attempts`,
    );
    out.claimed = due.length;
    if (!due.length) return out;
    due.sort((a, b) => a.id - b.id);
    const channelIds = [...new Set(due.map((d) => d.channel_id))];
    const channels = new Map(
      (
        await query<ChannelRow>(
          this.db,
          sql`SELECT id::text, kind, enabled, config FROM notification_channels WHERE id IN (${sql.join(
            channelIds.map((c) => sql`${c}::uuid`),
            sql`, `,
          )})`,
        )
      ).map((c) => [c.id, c]),
    );
    // Robots: what each sent in the last minute.
    const recent = new Map(
      (
        await query<{ channel_id: string; n: number; oldest: string }>(
          this.db,
          sql`SELECT channel_id::text, count(*)::int AS n, min(sent_at)::text AS oldest FROM notification_deliveries
            WHERE sent_at > ${at}::timestamptz - interval '1 minute' AND sent_at <= ${at}::timestamptz GROUP BY channel_id`,
        )
      ).map((r) => [r.channel_id, r]),
    );
    for (const d of due) {
      const c = channels.get(d.channel_id);
      if (!c?.enabled) {
        await this.mark(d.id, sql`status = 'failed', last_error = '通道已停用或删除'`);
        out.failed++;
        continue;
      }
      if (c.kind !== 'smtp') {
        const r = recent.get(c.id) ?? { channel_id: c.id, n: 0, oldest: at };
        if (r.n >= ROBOT_PER_MINUTE) {
          const wait = new Date(Math.max(Date.parse(r.oldest) + 60_000, now.getTime() + 1000)).toISOString();
          await this.mark(d.id, sql`next_at = ${wait}::timestamptz`);
          out.deferred++;
          continue;
        }
        recent.set(c.id, { ...r, n: r.n + 1 });
      }
      try {
        await send(c.kind, c.config, { to: d.recipient, title: d.title, link: this.absolute(d.link), event: d.event, body: d.body }, now);
        await this.mark(d.id, sql`status = 'sent', sent_at = ${at}::timestamptz, attempts = attempts + 1, last_error = NULL`);
        out.sent++;
      } catch (err) {
        const attempts = d.attempts + 1;
        const message = (err as Error).message.slice(0, 500);
        if (attempts >= MAX_ATTEMPTS) {
          await this.mark(d.id, sql`status = 'failed', attempts = ${attempts}, last_error = ${message}`);
          out.failed++;
        } else {
          const next = new Date(now.getTime() + backoffMs(attempts)).toISOString();
          await this.mark(d.id, sql`attempts = ${attempts}, last_error = ${message}, next_at = ${next}::timestamptz`);
        }
      }
    }
    return out;
  }

  private async mark(id: number, set: ReturnType<typeof sql>): Promise<void> {
    await this.db.execute(sql`UPDATE notification_deliveries SET ${set} WHERE id = ${id}`);
  }
}
