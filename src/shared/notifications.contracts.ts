import { z } from 'zod';

// Notifications: the bell (in the app, pushed over server-sent events), mail over SMTP, group
// robots (企业微信, 钉钉) and a signed webhook. Labels are [zh, en].

export const NOTIFY_EVENTS = {
  document_submitted: ['单据待我审批', 'A document awaits my approval'],
  document_approved: ['我的单据已批准', 'My document was approved'],
  document_rejected: ['我的单据被驳回', 'My document was rejected'],
  document_returned: ['我的单据被退回修改', 'My document was returned'],
  lending_due: ['出借即将到期', 'A lending is due soon'],
  lending_overdue: ['出借已逾期', 'A lending is overdue'],
  count_assigned: ['盘点任务分配给我', 'A count was assigned to me'],
  document_commented: ['我参与的单据有新意见', 'A new comment on a document I took part in'],
  pool_decided: ['公物仓申请已审批', 'A pool request was decided'],
  pool_loan_due: ['公物仓借用即将到期或已逾期', 'A pool loan is due or overdue'],
} as const;
export type NotifyEvent = keyof typeof NOTIFY_EVENTS;
export const NotifyEventSchema = z.enum(Object.keys(NOTIFY_EVENTS) as [NotifyEvent, ...NotifyEvent[]]);

export const CHANNEL_KINDS = {
  smtp: ['邮件（SMTP）', 'Email (SMTP)'],
  wecom: ['企业微信群机器人', 'WeCom group robot'],
  dingtalk: ['钉钉群机器人', 'DingTalk group robot'],
  webhook: ['通用 Webhook（签名）', 'Signed webhook'],
} as const;
export type ChannelKind = keyof typeof CHANNEL_KINDS;
export const ChannelKindSchema = z.enum(Object.keys(CHANNEL_KINDS) as [ChannelKind, ...ChannelKind[]]);

export const Notification = z.object({
  id: z.number().int(),
  event: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export const NotificationList = z.object({ items: z.array(Notification), unread: z.number().int() });
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationPrefs = z.object({
  /** Where mail goes; none: no mail. */
  email: z.string().email().max(200).nullable(),
  /** Events sent by mail (the bell shows every event). */
  mailEvents: z.array(NotifyEventSchema),
  /** When set (0–23, Beijing time), mail comes once a day at this hour as one digest instead. */
  digestHour: z.number().int().min(0).max(23).nullable(),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;

/** SMTP: host, port, TLS; robots: their webhook URL and (钉钉, webhook) signing secret. */
export const ChannelConfig = z.object({
  host: z.string().max(200).optional(),
  port: z.number().int().min(1).max(65535).optional(),
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean().optional(),
  /** Refuse a server whose certificate does not verify (on by default). */
  verifyTls: z.boolean().optional(),
  user: z.string().max(200).optional(),
  password: z.string().max(200).optional(),
  from: z.string().max(200).optional(),
  url: z.string().url().max(1000).optional(),
  secret: z.string().max(200).optional(),
});
export type ChannelConfig = z.infer<typeof ChannelConfig>;

export const ChannelInput = z.object({
  kind: ChannelKindSchema,
  name: z.string().trim().min(1).max(100),
  enabled: z.boolean().default(true),
  config: ChannelConfig,
  /** Robots and webhooks: the events they post (empty: every event). */
  events: z.array(NotifyEventSchema).default([]),
  /** Robots and webhooks: only this unit's records (null: every unit). */
  unitId: z.string().uuid().nullable().default(null),
});
export type ChannelInput = z.infer<typeof ChannelInput>;

export const Channel = ChannelInput.extend({ id: z.string(), createdAt: z.string() });
export type Channel = z.infer<typeof Channel>;

export const DELIVERY_STATUSES = {
  pending: ['待发送', 'Pending'],
  sent: ['已发送', 'Sent'],
  failed: ['发送失败', 'Failed'],
} as const;

export const Delivery = z.object({
  id: z.number().int(),
  channelId: z.string(),
  channelName: z.string(),
  kind: z.string(),
  recipient: z.string().nullable(),
  title: z.string(),
  status: z.string(),
  attempts: z.number().int(),
  nextAt: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});
export type Delivery = z.infer<typeof Delivery>;
