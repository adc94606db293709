// Lists people shape: settings per user and list, and saved filters (personal or shared with the
// unit). A saved filter naming a department, person, room or category that is gone (or deactivated)
// is listed as invalid, with the reason, instead of opening a broken list.
import { sql } from 'drizzle-orm';
import type { ListId, ListSettings, SavedFilter, SavedFilterInput } from '../../../shared/prefs.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';

export async function getListSettings(q: Queryable, actor: Actor, listId: ListId): Promise<ListSettings> {
  const row = await queryOne<{ settings: ListSettings }>(
    q,
    sql`SELECT settings FROM user_settings WHERE user_id = ${actor.userId} AND list_id = ${listId}`,
  );
  return row?.settings ?? {};
}

export async function putListSettings(q: Queryable, actor: Actor, listId: ListId, settings: ListSettings): Promise<void> {
  await withTx(q, async (tx) => {
    await tx.execute(sql`INSERT INTO user_settings (user_id, list_id, settings) VALUES (${actor.userId}, ${listId}, ${JSON.stringify(settings)}::jsonb)
      ON CONFLICT (user_id, list_id) DO UPDATE SET settings = excluded.settings, updated_at = now()`);
  });
}

/** The ids a filter may name, where they live, and what to say when one is gone. */
const REFS: { key: string; table: string; active?: boolean; what: string }[] = [
  { key: 'departmentId', table: 'departments', active: true, what: '部门' },
  { key: 'custodianId', table: 'staff', active: true, what: '保管人' },
  { key: 'roomId', table: 'rooms', what: '房间' },
  { key: 'buildingId', table: 'buildings', what: '楼栋' },
  { key: 'categoryId', table: 'categories', what: '分类' },
  { key: 'unitId', table: 'units', what: '单位' },
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function invalidity(q: Queryable, filter: Record<string, unknown>): Promise<string | null> {
  for (const r of REFS) {
    const id = filter[r.key];
    if (typeof id !== 'string') continue;
    if (!UUID.test(id)) return `${r.what}不存在`;
    const row = await queryOne<{ ok: boolean }>(
      q,
      sql`SELECT ${r.active ? sql`active` : sql`true`} AS ok FROM ${sql.raw(r.table)} WHERE id = ${id}::uuid`,
    );
    if (!row) return `${r.what}已删除`;
    if (!row.ok) return `${r.what}已停用`;
  }
  return null;
}

export async function listSavedFilters(q: Queryable, actor: Actor, listId: ListId): Promise<SavedFilter[]> {
  const rows = await query<{
    id: string;
    name: string;
    filter: Record<string, unknown>;
    unit_id: string | null;
    owner_id: string;
    owner_name: string | null;
  }>(
    q,
    sql`SELECT f.id::text, f.name, f.filter, f.unit_id::text, f.owner_id::text, u.display_name AS owner_name
    FROM saved_filters f LEFT JOIN users u ON u.id = f.owner_id
    WHERE f.list_id = ${listId} AND (f.owner_id = ${actor.userId} OR (f.unit_id IS NOT NULL AND f.unit_id = ${actor.unitId}))
    ORDER BY f.owner_id = ${actor.userId} DESC, f.name, f.id`,
  );
  const out: SavedFilter[] = [];
  for (const r of rows)
    out.push({
      id: r.id,
      listId,
      name: r.name,
      filter: r.filter,
      shared: r.unit_id !== null,
      mine: r.owner_id === actor.userId,
      ownerName: r.owner_name,
      invalid: await invalidity(q, r.filter),
    });
  return out;
}

export async function saveFilter(q: Queryable, actor: Actor, input: SavedFilterInput): Promise<{ id: string }> {
  if (input.shared && !actor.unitId) throw new AppError('validation', '没有所属单位的账号只能保存个人筛选', { shared: '只能保存个人筛选' });
  return withTx(q, async (tx) => {
    const row = await queryOne<{ id: string }>(
      tx,
      sql`INSERT INTO saved_filters (list_id, name, filter, owner_id, unit_id)
      VALUES (${input.listId}, ${input.name}, ${JSON.stringify(input.filter)}::jsonb, ${actor.userId}, ${input.shared ? actor.unitId : null})
      RETURNING id::text`,
    );
    return { id: row!.id };
  });
}

/** Only its owner deletes a saved filter (a shared one too); to anyone else it does not exist. */
export async function deleteSavedFilter(q: Queryable, actor: Actor, id: string): Promise<void> {
  await withTx(q, async (tx) => {
    const gone = await query(tx, sql`DELETE FROM saved_filters WHERE id = ${id} AND owner_id = ${actor.userId} RETURNING id`);
    if (!gone.length) throw notFound('筛选');
  });
}
