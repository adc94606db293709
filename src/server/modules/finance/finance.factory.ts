// Test data for finance and reports: rows inserted directly (units, categories, users, cards), so
// the tests do not depend on other modules' services being finished.
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../platform/auth/password.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { TEST_PASSWORD } from '../../testing/test-app.ts';
import type { Role } from '../../../shared/roles.ts';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(++seq).toString(36)}`;

export async function makeUnit(q: Queryable, code = `U${next()}`, name = `单位${code}`): Promise<string> {
  const r = await queryOne<{ id: string }>(q, sql`INSERT INTO units (code, name) VALUES (${code}, ${name}) RETURNING id`);
  return r!.id;
}

export async function makeCategory(
  q: Queryable,
  opts: { code?: string; name?: string; depreciable?: boolean; parentPath?: string; attributeSet?: string; lifeMonths?: number } = {},
): Promise<{ id: string; path: string }> {
  const code = opts.code ?? `C${next()}`;
  const path = `${opts.parentPath ?? '/'}${code}/`;
  const level = path.split('/').filter(Boolean).length;
  const r = await queryOne<{ id: string }>(
    q,
    sql`
    INSERT INTO categories (edition, code, name, level, path, depreciable, attribute_set, useful_life_months)
    VALUES ('2010', ${code}, ${opts.name ?? `类别${code}`}, ${level}, ${path}, ${opts.depreciable ?? true}, ${opts.attributeSet ?? 'none'}, ${opts.lifeMonths ?? null})
    RETURNING id`,
  );
  return { id: r!.id, path };
}

let hashed: string | undefined;
export async function makeUser(q: Queryable, username: string, role: Role, unitId: string | null): Promise<string> {
  hashed ??= await hashPassword(TEST_PASSWORD);
  const r = await queryOne<{ id: string }>(
    q,
    sql`
    INSERT INTO users (username, display_name, password_hash, unit_id) VALUES (${username}, ${username}, ${hashed}, ${unitId}) RETURNING id`,
  );
  await q.execute(sql`INSERT INTO role_assignments (user_id, role, unit_id) VALUES (${r!.id}, ${role}, ${unitId})`);
  return r!.id;
}

export interface CardSpec {
  unitId: string;
  categoryId: string;
  originalValueFen: number;
  usefulLifeMonths?: number | null;
  method?: 'straight_line' | 'units_of_production' | 'none';
  totalWorkload?: number | null;
  postedOn?: string | null;
  disposedOn?: string | null;
  disposalMethod?: string | null;
  acquisitionMethod?: string;
  accumulatedFen?: number;
  status?: string;
  useMode?: string;
  name?: string;
}

export async function makeCard(q: Queryable, c: CardSpec): Promise<string> {
  const no = `T-${next()}`;
  const status = c.status ?? (c.disposedOn ? 'disposed' : c.postedOn === null ? 'pending_posting' : 'in_use');
  const posted = c.postedOn === undefined ? '2026-01-15' : c.postedOn;
  const r = await queryOne<{ id: string }>(
    q,
    sql`
    INSERT INTO cards (card_no, unit_id, name, category_id, original_value_fen, acquisition_method, acquired_on, posted_on,
      useful_life_months, depreciation_method, total_workload, accumulated_depreciation_fen, status, use_mode, managing_unit_id,
      disposed_on, disposal_method)
    VALUES (${no}, ${c.unitId}, ${c.name ?? '测试资产'}, ${c.categoryId}, ${c.originalValueFen}, ${c.acquisitionMethod ?? 'purchase'},
      ${posted ?? '2026-01-01'}, ${posted}, ${c.usefulLifeMonths === undefined ? 72 : c.usefulLifeMonths}, ${c.method ?? 'straight_line'},
      ${c.totalWorkload ?? null}, ${c.accumulatedFen ?? 0}, ${status}, ${c.useMode ?? 'self_use'}, ${c.unitId},
      ${c.disposedOn ?? null}, ${c.disposalMethod ?? (c.disposedOn ? 'scrap' : null)})
    RETURNING id`,
  );
  return r!.id;
}

/** What the card service does on a revaluation (价值变动): new value and its ledger event. */
export async function revalue(q: Queryable, cardId: string, newValueFen: number, on: string, lifeMonths?: number): Promise<void> {
  const before = await queryOne<{ v: number; unit_id: string; life: number | null }>(
    q,
    sql`SELECT original_value_fen AS v, unit_id, useful_life_months AS life FROM cards WHERE id = ${cardId}`,
  );
  await q.execute(
    sql`UPDATE cards SET original_value_fen = ${newValueFen}, useful_life_months = ${lifeMonths ?? before!.life} WHERE id = ${cardId}`,
  );
  await q.execute(sql`
    INSERT INTO card_events (card_id, unit_id, type, occurred_at, before, after, seq, prev_hash, hash)
    VALUES (${cardId}, ${before!.unit_id}, 'revalued', ${`${on}T10:00:00+08:00`}::timestamptz,
      ${JSON.stringify({ originalValueFen: before!.v })}::jsonb, ${JSON.stringify({ originalValueFen: newValueFen })}::jsonb, 0, '', '')`);
}

export async function dispose(q: Queryable, cardId: string, on: string, method = 'scrap'): Promise<void> {
  await q.execute(sql`UPDATE cards SET status = 'disposed', disposed_on = ${on}, disposal_method = ${method} WHERE id = ${cardId}`);
}

export async function cardAccumulated(q: Queryable, cardId: string): Promise<number> {
  const r = await query<{ a: number }>(q, sql`SELECT accumulated_depreciation_fen AS a FROM cards WHERE id = ${cardId}`);
  return Number(r[0].a);
}

/** What a cross-unit transfer does to the card (workflow's execution): the transfer-out event, then the new owner. */
export async function transfer(q: Queryable, cardId: string, toUnitId: string, on: string): Promise<void> {
  const card = await queryOne<{ unit_id: string }>(q, sql`SELECT unit_id FROM cards WHERE id = ${cardId}`);
  await q.execute(sql`
    INSERT INTO card_events (card_id, unit_id, type, occurred_at, before, after, seq, prev_hash, hash)
    VALUES (${cardId}, ${card!.unit_id}, 'transferred_out', ${`${on}T10:00:00+08:00`}::timestamptz,
      ${JSON.stringify({ unitId: card!.unit_id })}::jsonb, ${JSON.stringify({ unitId: toUnitId })}::jsonb, 0, '', '')`);
  await q.execute(sql`UPDATE cards SET unit_id = ${toUnitId}, managing_unit_id = ${toUnitId} WHERE id = ${cardId}`);
}
