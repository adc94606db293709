import { z } from 'zod';
import { PERMISSIONS, type Permission } from '../../../shared/roles.ts';
import type { App } from '../http/types.ts';
import { issueToken, listTokens, revokeToken } from './token.service.ts';

const PermissionName = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  userId: z.string(),
  username: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});

/** API tokens for integrations: `Authorization: Bearer gw_…`, no cookie and so no CSRF header. */
export async function tokenRoutes(app: App) {
  app.post(
    '/api/tokens',
    {
      config: { access: 'token.manage' },
      schema: {
        tags: ['auth'],
        summary: '创建 API 令牌（令牌只显示这一次）',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          userId: z.uuid(),
          scopes: z.array(PermissionName).min(1),
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: z.object({ id: z.string(), token: z.string() }) },
      },
    },
    async (req, reply) => {
      const { expiresAt, ...rest } = req.body;
      const created = await issueToken(app.database.db, req.actor, { ...rest, expiresAt: expiresAt ? new Date(expiresAt) : undefined });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { access: 'token.manage' },
      schema: { tags: ['auth'], summary: 'API 令牌列表', response: { 200: z.object({ items: z.array(TokenView) }) } },
    },
    async () => ({ items: await listTokens(app.database.db) }),
  );

  app.delete(
    '/api/tokens/:id',
    {
      config: { access: 'token.manage' },
      schema: {
        tags: ['auth'],
        summary: '吊销 API 令牌',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await revokeToken(app.database.db, req.actor, req.params.id, req.ip);
      return { ok: true as const };
    },
  );
}
