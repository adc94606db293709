import { z } from 'zod';
import { IdParams, TransferTargetPlaces, TransferTargetUnit } from '../../../shared/org.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { transferTargetPlaces, transferTargetUnits } from './transfer-target.service.ts';

/** The receiving side of a transfer form: any active unit, then its departments, staff and rooms. */
export async function transferTargetRoutes(app: App) {
  const db = () => app.database.db;
  app.get(
    '/api/transfer-targets',
    {
      config: { access: 'document.write' },
      schema: { tags: ['org'], summary: '调拨可选的调入单位', response: { 200: z.object({ items: z.array(TransferTargetUnit) }) } },
    },
    async () => ({ items: await transferTargetUnits(db()) }),
  );
  app.get(
    '/api/transfer-targets/:id',
    {
      config: { access: 'document.write' },
      schema: {
        tags: ['org'],
        summary: '调入单位的处室、人员和房间（调拨单用）',
        params: IdParams,
        response: { 200: TransferTargetPlaces },
      },
    },
    (req) => transferTargetPlaces(db(), req.params.id),
  );
}
