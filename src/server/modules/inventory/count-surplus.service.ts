// 盘盈: what a count found that no card describes. Before the close the office registers each such
// scan (unit, category, name, value and its basis, the explanation); the close turns them into a
// registration document per unit (workflow acceptance, acquisition 盘盈) whose execution, after
// approval, creates the cards through the assets module. Nothing here writes a card.
import { sql } from 'drizzle-orm';
import { type SurplusInput, surplusValueProblem } from '../../../shared/inventory.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { loadCount, plans } from './count.service.ts';

export async function registerSurplus(
  q: Queryable,
  actor: Actor,
  countId: string,
  input: SurplusInput & { valueFen: number },
): Promise<{ scanKey: string }> {
  return withTx(q, async (tx) => {
    const c = await loadCount(tx, actor, countId, true);
    if (!plans(actor, c)) throw new AppError('forbidden', '只有计划盘点的资产管理部门可以登记盘盈资产');
    if (c.status !== 'counting') throw new AppError('invalid_transition', c.status === 'planned' ? '盘点尚未开始' : '盘点已结束');
    const scan = await queryOne(
      tx,
      sql`SELECT 1 FROM count_scans WHERE count_id = ${countId} AND scan_key = ${input.scanKey} AND card_id IS NULL AND NOT expected`,
    );
    if (!scan) throw notFound('盘盈扫描记录');
    const fields: Record<string, string> = {};
    const value = surplusValueProblem(input);
    if (value) fields.valueFen = value;
    if (!c.unit_ids.includes(input.unitId)) fields.unitId = '须为本次盘点的单位';
    if (!(await queryOne(tx, sql`SELECT 1 FROM categories WHERE id = ${input.categoryId}`))) fields.categoryId = '资产分类不存在';
    if (input.roomId && !(await queryOne(tx, sql`SELECT 1 FROM rooms WHERE id = ${input.roomId}`))) fields.roomId = '房间不存在';
    if (Object.keys(fields).length) throw invalid(fields);
    await tx.execute(sql`
      INSERT INTO count_surplus (count_id, scan_key, unit_id, category_id, name, value_fen, value_basis, explanation, room_id, registered_by)
      VALUES (${countId}, ${input.scanKey}, ${input.unitId}, ${input.categoryId}, ${input.name}, ${input.valueFen}, ${input.valueBasis},
        ${input.explanation}, ${input.roomId ?? null}, ${actor.userId})
      ON CONFLICT (count_id, scan_key) DO UPDATE SET unit_id = excluded.unit_id, category_id = excluded.category_id, name = excluded.name,
        value_fen = excluded.value_fen, value_basis = excluded.value_basis, explanation = excluded.explanation,
        room_id = excluded.room_id, registered_by = excluded.registered_by`);
    return { scanKey: input.scanKey };
  });
}
