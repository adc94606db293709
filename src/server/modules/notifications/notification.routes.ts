import { z } from 'zod';
import { Channel, ChannelInput, Delivery, NotificationList, NotificationPrefs } from '../../../shared/notifications.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import type { NotificationHub } from './notification.stream.ts';
import {
  createChannel,
  deleteChannel,
  getPrefs,
  listChannels,
  listDeliveries,
  listNotifications,
  markAllRead,
  markRead,
  retryDelivery,
  setPrefs,
  updateChannel,
} from './notification.queries.ts';

const tags = ['notifications'];
const IdParam = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
const UuidParam = z.object({ id: z.string().uuid() });
const Ok = z.object({ ok: z.literal(true) });

export function notificationRoutes(hub: NotificationHub) {
  return async (app: App) => {
    const db = () => app.database.db;

    app.get(
      '/api/notifications',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '我的通知（最近的在前）与未读数',
          querystring: z.object({
            unread: z.enum(['true', 'false']).optional(),
            limit: z.coerce.number().int().min(1).max(200).default(30),
          }),
          response: { 200: NotificationList },
        },
      },
      async (req) => listNotifications(db(), req.actor, { unreadOnly: req.query.unread === 'true', limit: req.query.limit }),
    );

    // Server-sent events for a browser (Accept: text/event-stream, as EventSource sends); anything
    // else gets the unread count once, as JSON.
    app.get(
      '/api/notifications/stream',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '通知推送（text/event-stream：unread、notification、signed-out 事件）' },
      },
      async (req, reply) => {
        if (!String(req.headers.accept ?? '').includes('text/event-stream') || !req.actor.sessionId)
          return { unread: (await listNotifications(db(), req.actor, { limit: 1 })).unread };
        // The stream's first 'unread' comes from the hub, counted with every stream opened at the same moment.
        reply.hijack();
        reply.raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        reply.raw.write('retry: 5000\n\n');
        await hub.add(req.actor.userId, req.actor.sessionId, reply.raw);
      },
    );

    app.post(
      '/api/notifications/:id/read',
      { config: { access: 'authenticated' }, schema: { tags, summary: '标为已读', params: IdParam, response: { 200: Ok } } },
      async (req) => {
        await markRead(db(), req.actor, req.params.id);
        return { ok: true as const };
      },
    );

    app.post(
      '/api/notifications/read-all',
      {
        config: { access: 'authenticated' },
        schema: { tags, summary: '全部标为已读', response: { 200: z.object({ marked: z.number().int() }) } },
      },
      async (req) => ({ marked: await markAllRead(db(), req.actor) }),
    );

    app.get(
      '/api/notifications/preferences',
      { config: { access: 'authenticated' }, schema: { tags, summary: '我的通知设置', response: { 200: NotificationPrefs } } },
      async (req) => getPrefs(db(), req.actor),
    );

    app.put(
      '/api/notifications/preferences',
      {
        config: { access: 'authenticated' },
        schema: {
          tags,
          summary: '修改我的通知设置（邮件事件、每日摘要时间）',
          body: NotificationPrefs,
          response: { 200: NotificationPrefs },
        },
      },
      async (req) => setPrefs(db(), req.actor, req.body),
    );

    app.get(
      '/api/notification-channels',
      {
        config: { access: 'notify.manage' },
        schema: { tags, summary: '通知通道（邮件服务器、群机器人、Webhook）', response: { 200: z.object({ items: z.array(Channel) }) } },
      },
      async () => ({ items: await listChannels(db()) }),
    );

    app.post(
      '/api/notification-channels',
      { config: { access: 'notify.manage' }, schema: { tags, summary: '新增通知通道', body: ChannelInput, response: { 201: Channel } } },
      async (req, reply) => reply.status(201).send(await createChannel(db(), req.body)),
    );

    app.put(
      '/api/notification-channels/:id',
      {
        config: { access: 'notify.manage' },
        schema: {
          tags,
          summary: '修改通知通道（密码、密钥留空则不变）',
          params: UuidParam,
          body: ChannelInput,
          response: { 200: Channel },
        },
      },
      async (req) => updateChannel(db(), req.params.id, req.body),
    );

    app.delete(
      '/api/notification-channels/:id',
      { config: { access: 'notify.manage' }, schema: { tags, summary: '删除通知通道', params: UuidParam, response: { 200: Ok } } },
      async (req) => {
        await deleteChannel(db(), req.params.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/api/notification-deliveries',
      {
        config: { access: 'notify.manage' },
        schema: {
          tags,
          summary: '发送记录（失败的、重试中的）',
          querystring: z.object({
            status: z.enum(['failed', 'retrying', 'all']).default('failed'),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ items: z.array(Delivery) }) },
        },
      },
      async (req) => ({ items: await listDeliveries(db(), req.query.status, req.query.limit) }),
    );

    app.post(
      '/api/notification-deliveries/:id/retry',
      { config: { access: 'notify.manage' }, schema: { tags, summary: '重新发送一条失败的消息', params: IdParam, response: { 200: Ok } } },
      async (req) => {
        await retryDelivery(db(), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
