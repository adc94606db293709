import { Workspace } from '../../../shared/desk.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { getWorkspace } from './workspace.queries.ts';

export async function workspaceRoutes(app: App) {
  app.get(
    '/api/workspace',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['workspace'],
        summary: '我的工作台（按角色：我的资产、我的申请、待我审批、提醒、本单位待办）',
        response: { 200: Workspace },
      },
    },
    async (req) => getWorkspace(app.database.db, req.actor),
  );
}
