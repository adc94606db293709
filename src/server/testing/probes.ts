// Small readers and HTTP steps the tests share: a document created through the API, a card's row
// and its ledger as the tests compare them, and a sale's payload that passes the disposal gates.
import { sql } from 'drizzle-orm';
import type { DocumentInput } from '../../shared/workflow.contracts.ts';
import { query, type Database } from '../platform/db/engine.ts';
import type { Client } from './test-app.ts';

export async function createDoc(c: Client, input: DocumentInput): Promise<string> {
  const res = await c.post('/api/documents', input);
  if (res.statusCode !== 201) throw new Error(`create ${input.type}: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

export async function expectOk(p: Promise<{ statusCode: number; body: string }>, status = 200): Promise<void> {
  const res = await p;
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
}

export async function cardOf(database: Database, id: string) {
  const [row] = await query<{
    status: string;
    version: number;
    unit_id: string;
    custodian_id: string | null;
    original_value_fen: number;
    accumulated_depreciation_fen: number;
    disposal_method: string | null;
    posted_on: string | null;
    voucher_no: string | null;
    recognized_on: string | null;
  }>(
    database.db,
    sql`SELECT status, version, unit_id, custodian_id, original_value_fen, accumulated_depreciation_fen, disposal_method, posted_on, voucher_no, recognized_on FROM cards WHERE id = ${id}`,
  );
  return row;
}

export async function eventsOf(database: Database, cardId: string) {
  return query<{ type: string; document_id: string | null; note: string | null; unit_id: string }>(
    database.db,
    sql`
    SELECT type, document_id, note, unit_id FROM card_events WHERE card_id = ${cardId} ORDER BY seq`,
  );
}

/**
 * A sale's payload that passes the disposal gates (disposal.rules.ts): buyer, price, how it was set,
 * and the ground for selling before the minimum life (the world's cards are recent).
 */
export const SALE = {
  disposalMethod: 'sale',
  buyer: '某再生资源回收有限公司',
  priceFen: 10_000,
  pricingBasis: 'public_trading',
  earlyGround: '设备老化，维修费用高于残值',
} as const;
