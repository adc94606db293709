// Custody agreements (委托管理协议, docs/domain.md §11). The owner unit submits a register (登记造册)
// of its cards; the committee signs it, and while it is in force each card's managing unit is the
// committee (the owner is unchanged); its end hands them back. The agreement has its own approval
// step here (the committee's asset office decides) rather than a workflow document type; each card
// changes through the assets surface, so its ledger records the hand-over.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { CustodyInput } from '../../../shared/machinerooms.contracts.ts';
import { type Actor, assertInScope, unitScope } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { changeCard } from '../assets/index.ts';
import { logEvent } from './room.service.ts';

async function committeeId(q: Queryable): Promise<string> {
  const c = await queryOne<{ id: string }>(q, sql`select id::text from units where kind = 'committee' order by code limit 1`);
  if (!c) throw new AppError('rule_violation', '没有管委会单位');
  return c.id;
}

/** 提交委托登记册: the unit's cards, each in no other pending or in-force agreement. */
export async function submitCustody(
  q: Queryable,
  actor: Actor,
  input: z.output<typeof CustodyInput>,
): Promise<{ id: string; agreementNo: string }> {
  const unitId = input.unitId ?? actor.unitId;
  if (!unitId) throw invalid({ unitId: '请选择委托单位' });
  assertInScope(unitId, unitScope(actor, 'custody.write'), '单位');
  const ids = [...new Set(input.cardIds)];
  const cards = await query<{ id: string; card_no: string; unit_id: string; status: string; held: boolean }>(
    q,
    sql`select c.id::text, c.card_no, c.unit_id::text, c.status,
          exists (select 1 from custody_items i where i.card_id = c.id and i.active) as held
        from cards c where c.id = any(${uuidArray(ids)})`,
  );
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    const c = cards.find((x) => x.id === id);
    if (!c || c.unit_id !== unitId) fields[`cardIds.${i}`] = '资产卡片不存在或不属于委托单位';
    else if (c.status === 'disposed') fields[`cardIds.${i}`] = `资产 ${c.card_no} 已处置`;
    else if (c.held) fields[`cardIds.${i}`] = `资产 ${c.card_no} 已在其他委托协议中`;
  });
  if (Object.keys(fields).length) throw invalid(fields);
  try {
    return await withTx(q, async (tx) => {
      const n = await queryOne<{ n: number }>(tx, sql`select nextval('custody_no_seq')::int as n`);
      const agreementNo = `WT${businessToday().slice(0, 4)}${String(n!.n).padStart(5, '0')}`;
      const row = await queryOne<{ id: string }>(
        tx,
        sql`insert into custody_agreements (agreement_no, unit_id, title, starts_on, ends_on, status, note, created_by)
            values (${agreementNo}, ${unitId}::uuid, ${input.title}, ${input.startsOn}, ${input.endsOn ?? null}, 'submitted',
              ${input.note ?? null}, ${actor.userId}::uuid) returning id::text`,
      );
      await tx.execute(sql`insert into custody_items (agreement_id, card_id, line)
        select ${row!.id}::uuid, c.id, x.i from unnest(${uuidArray(ids)}) with ordinality x(id, i) join cards c on c.id = x.id`);
      await logEvent(tx, 'custody', row!.id, 'submit', actor, { agreementNo, cards: ids.length });
      return { id: row!.id, agreementNo };
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', '其中有资产刚被列入其他委托协议，请刷新后重试');
    throw err;
  }
}

async function lockAgreement(tx: Tx, actor: Actor, id: string, permission: 'custody.write' | 'custody.decide') {
  const a = await queryOne<{ id: string; agreement_no: string; unit_id: string; status: string }>(
    tx,
    sql`select id::text, agreement_no, unit_id::text, status from custody_agreements where id = ${id}::uuid for update`,
  );
  if (!a) throw notFound('委托协议');
  assertInScope(a.unit_id, unitScope(actor, permission), '委托协议');
  return a;
}

const itemsOf = (tx: Tx, id: string) =>
  query<{ card_id: string; unit_id: string }>(
    tx,
    sql`select i.card_id::text, c.unit_id::text from custody_items i join cards c on c.id = i.card_id
        where i.agreement_id = ${id}::uuid and i.active order by i.line`,
  );

/** 签收 or 退回: the committee decides a submitted agreement; signing hands the cards' management to it. */
export async function decideCustody(q: Queryable, actor: Actor, id: string, approve: boolean, note?: string | null): Promise<void> {
  const committee = await committeeId(q);
  await withTx(q, async (tx) => {
    const a = await lockAgreement(tx, actor, id, 'custody.decide');
    if (a.status !== 'submitted') throw new AppError('invalid_transition', '只有待签收的委托协议可以审批');
    await tx.execute(sql`update custody_agreements set status = ${approve ? 'in_force' : 'rejected'}, decided_by = ${actor.userId}::uuid,
      decided_at = now(), decision_note = ${note ?? null} where id = ${id}::uuid`);
    if (!approve) await tx.execute(sql`update custody_items set active = false where agreement_id = ${id}::uuid`);
    else
      for (const item of await itemsOf(tx, id))
        await changeCard(tx, { userId: actor.userId }, item.card_id, {
          set: { managingUnitId: committee },
          eventType: 'handed_over',
          note: `委托管理协议 ${a.agreement_no} 生效，交管委会管理（产权单位不变）；经办：${actor.displayName}`,
        });
    await logEvent(tx, 'custody', id, approve ? 'approve' : 'reject', actor, { note: note ?? null });
  });
}

/** 终止委托: the cards' management returns to their owner unit. The committee or the owner unit ends it. */
export async function endCustody(q: Queryable, actor: Actor, id: string, note?: string | null): Promise<void> {
  await withTx(q, async (tx) => {
    const a = await lockAgreement(tx, actor, id, 'custody.write');
    if (a.status !== 'in_force') throw new AppError('invalid_transition', '只有委托中的协议可以终止');
    for (const item of await itemsOf(tx, id))
      await changeCard(tx, { userId: actor.userId }, item.card_id, {
        set: { managingUnitId: item.unit_id },
        eventType: 'handed_over',
        note: `委托管理协议 ${a.agreement_no} 终止，交回产权单位管理；经办：${actor.displayName}`,
        eventWhenUnchanged: false,
      });
    await tx.execute(sql`update custody_items set active = false where agreement_id = ${id}::uuid`);
    await tx.execute(sql`update custody_agreements set status = 'ended', ended_by = ${actor.userId}::uuid, ended_at = now(),
      ends_on = least(coalesce(ends_on, ${businessToday()}::date), ${businessToday()}::date) where id = ${id}::uuid`);
    await logEvent(tx, 'custody', id, 'end', actor, { note: note ?? null });
  });
}
