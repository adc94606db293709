// The bell's list, marking read, each person's choices; the administrator's channels and deliveries.
import { sql } from 'drizzle-orm';
import type {
  Channel,
  ChannelInput,
  Delivery,
  Notification,
  NotificationList,
  NotificationPrefs,
} from '../../../shared/notifications.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';

const ISO = (col: string) => sql.raw(`to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export async function listNotifications(
  q: Queryable,
  actor: Actor,
  opts: { unreadOnly?: boolean; limit: number },
): Promise<NotificationList> {
  const items = await query<Notification>(
    q,
    sql`SELECT id, event, title, link, ${ISO('created_at')} AS "createdAt", ${ISO('read_at')} AS "readAt" FROM notifications
      WHERE user_id = ${actor.userId} ${opts.unreadOnly ? sql`AND read_at IS NULL` : sql``} ORDER BY id DESC LIMIT ${opts.limit}`,
  );
  const [{ n }] = await query<{ n: number }>(
    q,
    sql`SELECT count(*)::int AS n FROM notifications WHERE user_id = ${actor.userId} AND read_at IS NULL`,
  );
  return { items, unread: n };
}

/** Marks one of the actor's notifications read (another's is 404: ids cannot be probed). */
export async function markRead(q: Queryable, actor: Actor, id: number): Promise<void> {
  await withTx(q, async (tx) => {
    const row = await queryOne(
      tx,
      sql`UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = ${id} AND user_id = ${actor.userId} RETURNING id`,
    );
    if (!row) throw new AppError('not_found', '通知不存在');
  });
}

export async function markAllRead(q: Queryable, actor: Actor): Promise<number> {
  return withTx(q, async (tx) => {
    const rows = await query(
      tx,
      sql`UPDATE notifications SET read_at = now() WHERE user_id = ${actor.userId} AND read_at IS NULL RETURNING id`,
    );
    return rows.length;
  });
}

export async function getPrefs(q: Queryable, actor: Actor): Promise<NotificationPrefs> {
  const row = await queryOne<NotificationPrefs>(
    q,
    sql`SELECT email, mail_events AS "mailEvents", digest_hour AS "digestHour" FROM notification_prefs WHERE user_id = ${actor.userId}`,
  );
  return row ?? { email: null, mailEvents: [], digestHour: null };
}

export async function setPrefs(q: Queryable, actor: Actor, p: NotificationPrefs): Promise<NotificationPrefs> {
  await withTx(q, (tx) =>
    tx.execute(sql`INSERT INTO notification_prefs (user_id, email, mail_events, digest_hour)
      VALUES (${actor.userId}, ${p.email}, ${sql`ARRAY[${sql.join(
        p.mailEvents.map((e) => sql`${e}`),
        sql`, `,
      )}]::text[]`}, ${p.digestHour})
      ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, mail_events = excluded.mail_events, digest_hour = excluded.digest_hour`),
  );
  return getPrefs(q, actor);
}

const CHANNEL_COLUMNS = sql`id::text, kind, name, enabled, config, events, unit_id::text AS "unitId", ${ISO('created_at')} AS "createdAt"`;

/** Secrets are never read back: the form shows them as set, and keeps them when left empty. */
const masked = (c: Channel): Channel => ({
  ...c,
  config: { ...c.config, password: c.config.password ? '' : undefined, secret: c.config.secret ? '' : undefined },
});

export async function listChannels(q: Queryable): Promise<Channel[]> {
  return (await query<Channel>(q, sql`SELECT ${CHANNEL_COLUMNS} FROM notification_channels ORDER BY created_at`)).map(masked);
}

function checkChannel(c: ChannelInput): void {
  if (c.kind === 'smtp' && !c.config.host) throw invalid({ 'config.host': '请填写邮件服务器地址' });
  if (c.kind !== 'smtp' && !c.config.url) throw invalid({ 'config.url': '请填写机器人或 Webhook 地址' });
}

const textArray = (xs: readonly string[]) =>
  sql`ARRAY[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

export async function createChannel(q: Queryable, c: ChannelInput): Promise<Channel> {
  checkChannel(c);
  const [row] = await withTx(q, (tx) =>
    query<Channel>(
      tx,
      sql`INSERT INTO notification_channels (kind, name, enabled, config, events, unit_id)
      VALUES (${c.kind}, ${c.name}, ${c.enabled}, ${JSON.stringify(c.config)}::jsonb, ${textArray(c.events)}, ${c.unitId}::uuid)
      RETURNING ${CHANNEL_COLUMNS}`,
    ),
  );
  return masked(row);
}

export async function updateChannel(q: Queryable, id: string, c: ChannelInput): Promise<Channel> {
  checkChannel(c);
  const row = await withTx(q, async (tx) => {
    const old = await queryOne<{ config: ChannelInput['config'] }>(
      tx,
      sql`SELECT config FROM notification_channels WHERE id = ${id} FOR UPDATE`,
    );
    if (!old) throw new AppError('not_found', '通道不存在');
    const config = { ...c.config };
    if (!config.password && old.config.password) config.password = old.config.password;
    if (!config.secret && old.config.secret) config.secret = old.config.secret;
    const [r] = await query<Channel>(
      tx,
      sql`UPDATE notification_channels SET kind = ${c.kind}, name = ${c.name}, enabled = ${c.enabled}, config = ${JSON.stringify(config)}::jsonb,
        events = ${textArray(c.events)}, unit_id = ${c.unitId}::uuid WHERE id = ${id} RETURNING ${CHANNEL_COLUMNS}`,
    );
    return r;
  });
  return masked(row);
}

export async function deleteChannel(q: Queryable, id: string): Promise<void> {
  await withTx(q, async (tx) => {
    const row = await queryOne(tx, sql`DELETE FROM notification_channels WHERE id = ${id} RETURNING id`);
    if (!row) throw new AppError('not_found', '通道不存在');
  });
}

/** Deliveries that failed or are being retried, newest first (the administrator's list). */
export async function listDeliveries(q: Queryable, status: 'failed' | 'retrying' | 'all', limit: number): Promise<Delivery[]> {
  const where =
    status === 'failed' ? sql`d.status = 'failed'` : status === 'retrying' ? sql`d.status = 'pending' AND d.attempts > 0` : sql`true`;
  return query<Delivery>(
    q,
    sql`SELECT d.id, d.channel_id::text AS "channelId", coalesce(c.name, '（已删除）') AS "channelName", coalesce(c.kind, '') AS kind,
      d.recipient, d.title, d.status, d.attempts, ${ISO('d.next_at')} AS "nextAt", d.last_error AS "lastError",
      ${ISO('d.created_at')} AS "createdAt", ${ISO('d.sent_at')} AS "sentAt"
    FROM notification_deliveries d LEFT JOIN notification_channels c ON c.id = d.channel_id
    WHERE ${where} ORDER BY d.id DESC LIMIT ${limit}`,
  );
}

/** Sends a failed delivery again at the next tick. */
export async function retryDelivery(q: Queryable, id: number): Promise<void> {
  await withTx(q, async (tx) => {
    const row = await queryOne(
      tx,
      sql`UPDATE notification_deliveries SET status = 'pending', attempts = 0, next_at = now() WHERE id = ${id} AND status = 'failed' RETURNING id`,
    );
    if (!row) throw new AppError('not_found', '没有这条发送失败的记录');
  });
}
