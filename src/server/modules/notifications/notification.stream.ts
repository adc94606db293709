// The bell's push: server-sent events. One poll per process, not per connection: every interval the
// hub reads the notifications written since the last one it saw (by any process: the table is the
// channel, so it works on both engines and across API processes) and writes them to the open
// streams of their recipients; in the same tick it checks that those streams' sessions are still
// signed in, and closes the streams of those that are not (signing out closes the stream).
import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.ts';
import { query } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';

const LOOKBACK = 500;

interface Stream {
  /** Rows up to this id were there when the stream opened (its first 'unread' counts them). */
  since: number;
  userId: string;
  sessionId: string;
  res: ServerResponse;
}

export class NotificationHub {
  private streams = new Set<Stream>();
  private timer?: NodeJS.Timeout;
  private last = -1;
  private pushed = new Set<number>();
  private busy = false;
  /** Milliseconds of the last poll (the decisions record measures it). */
  lastPollMs = 0;

  constructor(
    private db: Db,
    private intervalMs: number,
  ) {}

  get open(): number {
    return this.streams.size;
  }

  async add(userId: string, sessionId: string, res: ServerResponse): Promise<void> {
    const since = await this.maxId();
    const s: Stream = { since, userId, sessionId, res };
    if (this.last < 0) this.last = since;
    this.streams.add(s);
    res.on('close', () => {
      this.streams.delete(s);
      if (!this.streams.size) this.stopTimer();
    });
    this.write(s, 'unread', { unread: await this.unread(userId) });
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
  }

  private stopTimer() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stopTimer();
    for (const s of this.streams) s.res.end();
    this.streams.clear();
  }

  private write(s: Stream, event: string, data: unknown) {
    s.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private async maxId(): Promise<number> {
    const [r] = await query<{ id: number | null }>(this.db, sql`SELECT max(id)::bigint AS id FROM notifications`);
    return Number(r?.id ?? 0);
  }

  private async unread(userId: string): Promise<number> {
    const [r] = await query<{ n: number }>(
      this.db,
      sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${userId} AND read_at IS NULL`,
    );
    return r.n;
  }

  /** One tick: new notifications to their recipients' streams, and streams of ended sessions closed. */
  async poll(): Promise<void> {
    if (this.busy || !this.streams.size) return;
    this.busy = true;
    const t0 = performance.now();
    try {
      const sessions = [...new Set([...this.streams].map((s) => s.sessionId))];
      const live = new Set(
        (
          await query<{ id: string }>(
            this.db,
            sql`SELECT id FROM sessions WHERE id IN (${sql.join(
              sessions.map((s) => sql`${s}`),
              sql`, `,
            )}) AND revoked_at IS NULL AND expires_at > now()`,
          )
        ).map((r) => r.id),
      );
      for (const s of this.streams)
        if (!live.has(s.sessionId)) {
          this.write(s, 'signed-out', {});
          s.res.end();
          this.streams.delete(s);
        }
      const users = [...new Set([...this.streams].map((s) => s.userId))];
      if (!users.length) return;
      // A look-back window: a transaction that took a lower id may commit after a higher one.
      const rows = (
        await query<{ id: number; user_id: string; event: string; title: string; link: string | null; created_at: string }>(
          this.db,
          sql`SELECT id, user_id::text, event, title, link, created_at::text FROM notifications
          WHERE id > ${this.last - LOOKBACK} AND user_id = ANY(${uuidArray(users)}) ORDER BY id LIMIT 5000`,
        )
      ).filter((r) => !this.pushed.has(r.id));
      for (const r of rows) {
        this.pushed.add(r.id);
        this.last = Math.max(this.last, r.id);
      }
      for (const id of this.pushed) if (id <= this.last - LOOKBACK) this.pushed.delete(id);
      const touched = [...new Set(rows.map((r) => r.user_id))];
      const counts = touched.length
        ? new Map(
            (
              await query<{ user_id: string; n: number }>(
                this.db,
                sql`SELECT user_id::text, count(*)::int AS n FROM notifications WHERE user_id = ANY(${uuidArray(touched)}) AND read_at IS NULL GROUP BY user_id`,
              )
            ).map((r) => [r.user_id, r.n]),
          )
        : new Map<string, number>();
      // By recipient: one notification to 3,000 people is 3,000 rows for 3,000 streams, not 9,000,000 comparisons.
      const byUser = new Map<string, typeof rows>();
      for (const r of rows) byUser.set(r.user_id, [...(byUser.get(r.user_id) ?? []), r]);
      for (const s of this.streams) {
        for (const r of byUser.get(s.userId) ?? [])
          if (r.id > s.since)
            this.write(s, 'notification', { id: r.id, event: r.event, title: r.title, link: r.link, createdAt: r.created_at });
        if (counts.has(s.userId)) this.write(s, 'unread', { unread: counts.get(s.userId) });
      }
    } catch {
      /* the database away: the next tick tries again */
    } finally {
      this.lastPollMs = performance.now() - t0;
      this.busy = false;
    }
  }
}
