import { sql } from 'drizzle-orm';
import type { CardInput } from '../../../shared/assets.contracts.ts';
import type { Role } from '../../../shared/roles.ts';
import type { DocumentInput } from '../../../shared/workflow.contracts.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import { TEST_PASSWORD, type Client } from '../../testing/test-app.ts';
import { addCard, createCardWorld, type CardWorld } from '../assets/card.factory.ts';
import type { CardRow } from '../assets/index.ts';

/**
 * The card world of the assets tests plus the people the approval chains need: unit leaders and
 * finance officers, a second committee officer, the finance bureau, and establishment staff.
 */
export interface WorkflowWorld extends CardWorld {
  cat: CardWorld['cat'] & { laptop: string };
}

export async function createWorkflowWorld(database: Database): Promise<WorkflowWorld> {
  const w = await createCardWorld(database);
  const hash = await hashPassword(TEST_PASSWORD);
  const user = async (username: string, role: Role, unitId: string | null) => {
    const [{ id }] = await query<{ id: string }>(
      database.db,
      sql`INSERT INTO users (username, display_name, password_hash, unit_id)
      VALUES (${username}, ${username + '（测试）'}, ${hash}, ${unitId}) RETURNING id`,
    );
    await database.db.execute(sql`INSERT INTO role_assignments (user_id, role, unit_id) VALUES (${id}, ${role}, ${unitId})`);
    w.users[username] = id;
  };
  await user('u01-leader', 'unit_leader', w.u01);
  await user('u01-finance', 'unit_finance', w.u01);
  await user('u02-leader', 'unit_leader', w.u02);
  await user('u02-staff', 'staff', w.u02);
  await user('officer2', 'asset_office', null);
  await user('finance', 'finance_bureau', null);
  // An officer who is also the unit leader of u01: the "one person, one step" rule must stop them.
  await user('dual', 'asset_office', null);
  await database.db.execute(sql`INSERT INTO role_assignments (user_id, role, unit_id) VALUES (${w.users.dual}, 'unit_leader', ${w.u01})`);
  // Establishment headcount of u01: 3 (two from the card world are below_bureau; add one more).
  await database.db.execute(
    sql`INSERT INTO staff (unit_id, department_id, name, rank) VALUES (${w.u01}, ${w.u01Dept}, '赵强', 'bureau_deputy')`,
  );
  const [{ id: laptop }] = await query<{ id: string }>(
    database.db,
    sql`INSERT INTO categories (edition, code, name, parent_id, level, path, useful_life_months)
    VALUES ('2010', '2010105', '便携式计算机', ${w.cat.computers}, 3, '/2000000/2010000/2010105/', 72) RETURNING id`,
  );
  return { ...w, cat: { ...w.cat, laptop } };
}

/** An idle desktop of u01 (or another unit), ready for requisition. */
export function idleCard(database: Database, w: CardWorld, over: Partial<CardInput> = {}): Promise<CardRow> {
  return addCard(database, w, { status: 'idle', useMode: 'idle', custodianId: null, usingDepartmentId: null, ...over });
}

export function inUseCard(database: Database, w: CardWorld, over: Partial<CardInput> = {}): Promise<CardRow> {
  return addCard(database, w, over);
}

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
