import { LedgerVerification } from '../../../shared/assets.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { verifyLedgerFor } from './ledger.service.ts';

export async function auditRoutes(app: App) {
  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], summary: '校验资产卡片台账哈希链（篡改、缺失、顺序错乱）', response: { 200: LedgerVerification } },
    },
    async (req) => verifyLedgerFor(app.database.db, req.actor),
  );
}
