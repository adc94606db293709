// How one message leaves: mail over SMTP (nodemailer), the 企业微信 and 钉钉 group robots, and a
// generic webhook signed with HMAC-SHA256. Robots get a title and a link only.
import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { ChannelConfig, ChannelKind } from '../../../shared/notifications.contracts.ts';

export interface Message {
  to: string | null;
  title: string;
  /** Absolute link to the record. */
  link: string | null;
  event: string;
  /** A digest's lines (mail only). */
  body?: string | null;
}

/** 钉钉's signature: base64(HMAC-SHA256 of "timestamp\nsecret" keyed by the secret), url-encoded. */
export function dingtalkSign(timestamp: number, secret: string): string {
  return encodeURIComponent(crypto.createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64'));
}

/** The generic webhook's signature: hex HMAC-SHA256 of "timestamp.body" keyed by the secret. */
export function webhookSignature(timestamp: number, body: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status} ${text.slice(0, 200)}`);
  return text;
}

/** The robots answer 200 with an errcode; anything but 0 is a failure. */
function robotAnswer(text: string): void {
  let parsed: { errcode?: number; errmsg?: string } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: take the 200 */
  }
  if (parsed.errcode !== undefined && parsed.errcode !== 0) throw new Error(`errcode ${parsed.errcode} ${parsed.errmsg ?? ''}`);
}

export async function send(kind: ChannelKind, c: ChannelConfig, m: Message, now: Date): Promise<void> {
  const linkLine = m.link ? `\n\n[查看](${m.link})` : '';
  switch (kind) {
    case 'smtp': {
      if (!m.to) throw new Error('no mail address');
      const transport = nodemailer.createTransport({
        host: c.host,
        port: c.port ?? (c.secure ? 465 : 25),
        secure: c.secure ?? false,
        auth: c.user ? { user: c.user, pass: c.password ?? '' } : undefined,
        tls: { rejectUnauthorized: c.verifyTls !== false },
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
      try {
        await transport.sendMail({
          from: c.from ?? c.user ?? 'gongwu@localhost',
          to: m.to,
          subject: `【公物】${m.title}`,
          text: m.body ?? `${m.title}${m.link ? `\n\n${m.link}` : ''}`,
        });
      } finally {
        transport.close();
      }
      return;
    }
    case 'wecom':
      robotAnswer(await post(c.url!, { msgtype: 'markdown', markdown: { content: `**${m.title}**${linkLine}` } }));
      return;
    case 'dingtalk': {
      let url = c.url!;
      if (c.secret) {
        const timestamp = now.getTime();
        url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${dingtalkSign(timestamp, c.secret)}`;
      }
      robotAnswer(await post(url, { msgtype: 'markdown', markdown: { title: m.title, text: `### ${m.title}${linkLine}` } }));
      return;
    }
    case 'webhook': {
      const body = JSON.stringify({ event: m.event, title: m.title, link: m.link, at: now.toISOString() });
      const timestamp = now.getTime();
      await post(c.url!, body, {
        'x-gongwu-timestamp': String(timestamp),
        'x-gongwu-signature': c.secret ? `sha256=${webhookSignature(timestamp, body, c.secret)}` : '',
      });
      return;
    }
  }
}
