import { z } from 'zod';
import {
  IdParams,
  Ok,
  PasswordResult,
  ResetPasswordInput,
  SecurityEventQuery,
  SecurityEventView,
  SetRolesInput,
  UserCreate,
  UserQuery,
  UserUpdate,
  UserView,
} from '../../../shared/org.contracts.ts';
import { pageOf } from '../../../shared/paging.ts';
import { resetPassword } from '../../platform/auth/user.service.ts';
import type { App } from '../../platform/http/types.ts';
import { changedBy, createAccount, getUser, listSecurityEvents, listUsers, setAccountRoles, updateAccount } from './account.service.ts';

export async function accountRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/users',
    {
      config: { access: 'org.user.read' },
      schema: { tags: ['users'], summary: '用户列表', querystring: UserQuery, response: { 200: pageOf(UserView) } },
    },
    (req) => listUsers(db(), req.actor, req.query),
  );

  app.get(
    '/api/users/:id',
    {
      config: { access: 'org.user.read' },
      schema: { tags: ['users'], summary: '用户详情', params: IdParams, response: { 200: UserView } },
    },
    (req) => getUser(db(), req.actor, req.params.id),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'org.user.write' },
      schema: {
        tags: ['users'],
        summary: '新建用户（绑定人员并授予角色）',
        body: UserCreate,
        response: { 201: z.object({ id: z.string(), password: z.string().nullable() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createAccount(db(), req.actor, req.body, req.ip)),
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'org.user.write' },
      schema: { tags: ['users'], summary: '修改用户（名称、启用、单位、人员）', params: IdParams, body: UserUpdate, response: { 200: Ok } },
    },
    async (req) => {
      await updateAccount(db(), req.actor, req.params.id, req.body, req.ip);
      return { ok: true as const };
    },
  );

  app.put(
    '/api/users/:id/roles',
    {
      config: { access: 'org.user.write' },
      schema: {
        tags: ['users'],
        summary: '设置角色',
        params: IdParams,
        body: SetRolesInput,
        response: { 200: z.object({ granted: z.number(), revoked: z.number() }) },
      },
    },
    async (req) => {
      const r = await setAccountRoles(db(), req.actor, req.params.id, req.body.roles, req.ip);
      return { granted: r.granted.length, revoked: r.revoked.length };
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'org.user.write' },
      schema: {
        tags: ['users'],
        summary: '重置密码（下次登录须修改）',
        params: IdParams,
        body: ResetPasswordInput,
        response: { 200: PasswordResult },
      },
    },
    (req) => resetPassword(db(), req.params.id, req.body.password, changedBy(req.actor, req.ip)),
  );

  app.get(
    '/api/security-events',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['users'],
        summary: '安全日志（登录、权限变更）',
        querystring: SecurityEventQuery,
        response: { 200: pageOf(SecurityEventView) },
      },
    },
    (req) => listSecurityEvents(db(), req.query),
  );
}
