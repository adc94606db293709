// The bell's push: server-sent events. One poll per process, not per connection: every interval the
// hub reads the notifications written since the last one it saw (by any process: the table is the
// channel, so it works on both engines and across API processes) and writes them to the open
// streams of their recipients; in the same tick it asks which of those streams' sessions have ended,
// and closes their streams (signing out closes the stream).
//
// Streams opened together are welcomed together: an office signing in at nine opens hundreds at
// once, and each waits for one batch (the highest id and the unread counts of all of them, two
// statements) rather than queueing two statements of its own. A poll closes only streams whose
// session it asked about and found ended; a stream opened while the poll's statement ran is not
// among them (docs/decisions.md: "Streams opened at once were told they were signed out").
import type { ServerResponse } from 'node:http';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/engine.ts';
import { query } from '../../platform/db/engine.ts';

const LOOKBACK = 500;
/** Rows one poll reads at most; a bigger fan-out is finished by the next ticks. */
const BATCH = 5000;

interface Stream {
  /** Rows up to this id were there when the stream opened (its first 'unread' counts them). */
  since: number;
  userId: string;
  sessionId: string;
  res: ServerResponse;
}

interface Pending {
  userId: string;
  sessionId: string;
  res: ServerResponse;
  done: () => void;
}

/** One bound parameter for a list of ids (an array literal), however many streams are open. */
const textArray = (ids: Iterable<string>) => `{${[...ids].join(',')}}`;

export class NotificationHub {
  /** Open streams by recipient and by session. */
  private byUser = new Map<string, Set<Stream>>();
  private bySession = new Map<string, Set<Stream>>();
  private count = 0;
  private pending: Pending[] = [];
  private welcoming = false;
  private timer?: NodeJS.Timeout;
  private last = -1;
  private pushed = new Set<number>();
  private busy = false;
  private closed = false;
  /** Milliseconds of the last poll (the decisions record measures it). */
  lastPollMs = 0;

  constructor(
    private db: Db,
    private intervalMs: number,
  ) {}

  get open(): number {
    return this.count;
  }

  /** Registers the stream and writes its first 'unread' event; resolves once that is written (or the stream is gone). */
  add(userId: string, sessionId: string, res: ServerResponse): Promise<void> {
    return new Promise<void>((done) => {
      this.pending.push({ userId, sessionId, res, done });
      if (!this.welcoming) void this.welcome();
    });
  }

  /** Welcomes every stream that arrived since the last batch: two statements per batch, not per stream. */
  private async welcome(): Promise<void> {
    this.welcoming = true;
    try {
      while (this.pending.length && !this.closed) {
        const batch = this.pending.splice(0, this.pending.length);
        let since: number;
        let counts: Map<string, number>;
        try {
          since = await this.maxId();
          counts = await this.unread(batch.map((p) => p.userId));
        } catch {
          // The database away: these streams end; EventSource opens them again after its retry.
          for (const p of batch) {
            p.res.end();
            p.done();
          }
          continue;
        }
        if (this.last < 0) this.last = since;
        for (const p of batch) {
          if (p.res.destroyed || this.closed) {
            p.res.end();
            p.done();
            continue;
          }
          this.register({ since, userId: p.userId, sessionId: p.sessionId, res: p.res });
          this.write(p.res, 'unread', { unread: counts.get(p.userId) ?? 0 });
          p.done();
        }
      }
    } finally {
      this.welcoming = false;
    }
    if (this.closed) for (const p of this.pending.splice(0)) p.done();
  }

  private register(s: Stream) {
    for (const [index, key] of [
      [this.byUser, s.userId],
      [this.bySession, s.sessionId],
    ] as const) {
      const set = index.get(key) ?? new Set<Stream>();
      index.set(key, set);
      set.add(s);
    }
    this.count++;
    s.res.on('close', () => this.drop(s));
    if (!this.timer) {
      this.timer = setInterval(() => void this.poll(), this.intervalMs);
      this.timer.unref();
    }
  }

  private drop(s: Stream) {
    const mine = this.byUser.get(s.userId);
    if (!mine?.delete(s)) return;
    if (!mine.size) this.byUser.delete(s.userId);
    const theirs = this.bySession.get(s.sessionId);
    theirs?.delete(s);
    if (!theirs?.size) this.bySession.delete(s.sessionId);
    if (!--this.count) this.stopTimer();
  }

  private stopTimer() {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
    for (const mine of this.byUser.values()) for (const s of mine) s.res.end();
    for (const p of this.pending.splice(0)) {
      p.res.end();
      p.done();
    }
    this.byUser.clear();
    this.bySession.clear();
    this.count = 0;
  }

  private write(res: ServerResponse, event: string, data: unknown) {
    if (!res.writableEnded && !res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  private async maxId(): Promise<number> {
    const [r] = await query<{ id: number | null }>(this.db, sql`SELECT max(id)::bigint AS id FROM notifications`);
    return Number(r?.id ?? 0);
  }

  private async unread(userIds: Iterable<string>): Promise<Map<string, number>> {
    const rows = await query<{ user_id: string; n: number }>(
      this.db,
      sql`SELECT user_id::text, count(*)::int AS n FROM notifications
          WHERE user_id = ANY(${textArray(new Set(userIds))}::uuid[]) AND read_at IS NULL GROUP BY user_id`,
    );
    return new Map(rows.map((r) => [r.user_id, r.n]));
  }

  /**
   * One tick: streams of ended sessions closed, and new notifications to their recipients' streams.
   * The work in this process is per row read and per stream closed, not per open stream: streams are
   * found by recipient, and the sessions statement answers only the ended ones.
   */
  async poll(): Promise<void> {
    if (this.busy || !this.count) return;
    this.busy = true;
    const t0 = performance.now();
    try {
      const ended = await query<{ id: string }>(
        this.db,
        sql`SELECT id FROM sessions WHERE id = ANY(${textArray(this.bySession.keys())}::text[])
            AND (revoked_at IS NOT NULL OR expires_at <= now())`,
      );
      for (const { id } of ended)
        for (const s of [...(this.bySession.get(id) ?? [])]) {
          this.write(s.res, 'signed-out', {});
          s.res.end();
          this.drop(s);
        }
      if (!this.count) return;
      // A look-back window: a transaction that took a lower id may commit after a higher one.
      const rows = (
        await query<{ id: number; user_id: string; event: string; title: string; link: string | null; created_at: string }>(
          this.db,
          sql`SELECT id, user_id::text, event, title, link, created_at::text FROM notifications
          WHERE id > ${this.last - LOOKBACK} AND user_id = ANY(${textArray(this.byUser.keys())}::uuid[]) ORDER BY id LIMIT ${BATCH}`,
        )
      ).filter((r) => !this.pushed.has(r.id));
      if (!rows.length) return;
      for (const r of rows) {
        this.pushed.add(r.id);
        this.last = Math.max(this.last, r.id);
      }
      for (const id of this.pushed) if (id <= this.last - LOOKBACK) this.pushed.delete(id);
      const counts = await this.unread(rows.map((r) => r.user_id));
      const touched = new Set<string>();
      for (const r of rows) {
        touched.add(r.user_id);
        for (const s of this.byUser.get(r.user_id) ?? [])
          if (r.id > s.since)
            this.write(s.res, 'notification', { id: r.id, event: r.event, title: r.title, link: r.link, createdAt: r.created_at });
      }
      for (const u of touched) for (const s of this.byUser.get(u) ?? []) this.write(s.res, 'unread', { unread: counts.get(u) ?? 0 });
    } catch {
      /* the database away: the next tick tries again */
    } finally {
      this.lastPollMs = performance.now() - t0;
      this.busy = false;
    }
  }
}
