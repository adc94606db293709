// O&M vendors, their sign-in accounts and contracts (运维合同, docs/domain.md §11). The committee
// writes them; a vendor reads its own contracts only.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ContractInput,
  ContractPatch,
  ContractView,
  SlaTable,
  VendorInput,
  VendorView,
} from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { listedCardsJson, resolveScopeCards, writeScopeCards } from './contract.cards.ts';
import { settledMonthRefusals } from './contract.settled.ts';
import { omContractRooms, omContracts, omVendorAccounts, omVendors } from './machinerooms.tables.ts';
import { scheduleInspections } from './inspection.schedule.ts';
import { workOrderClock } from './om.clock.ts';
import { logEvent } from './room.service.ts';
import { roomScope } from './scope.service.ts';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export async function listVendors(q: Queryable, actor: Actor): Promise<VendorView[]> {
  const scope = await roomScope(q, actor);
  const only = scope.kind === 'vendor' ? sql`v.id = ${scope.vendorId ?? '00000000-0000-0000-0000-000000000000'}::uuid` : sql`true`;
  return query<VendorView>(
    q,
    sql`select v.id, v.name, v.credit_code as "creditCode", v.contact, v.phone,
      coalesce(array(select u.username from om_vendor_accounts a join users u on u.id = a.user_id where a.vendor_id = v.id order by 1), '{}') as accounts
    from om_vendors v where ${only} order by v.name`,
  );
}

export async function createVendor(q: Queryable, actor: Actor, input: z.output<typeof VendorInput>): Promise<{ id: string }> {
  try {
    return await withTx(q, async (tx) => {
      const [row] = await tx
        .insert(omVendors)
        .values({ name: input.name, creditCode: input.creditCode ?? null, contact: input.contact ?? null, phone: input.phone ?? null })
        .returning({ id: omVendors.id });
      await logEvent(tx, 'vendor', row.id, 'create', actor, input);
      return row;
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', '该服务商已登记', { name: '该服务商已登记' });
    throw err;
  }
}

/** Binds a sign-in account holding the vendor role to a vendor (the account is created by the system administrator). */
export async function linkVendorAccount(q: Queryable, actor: Actor, vendorId: string, username: string): Promise<void> {
  if (!(await queryOne(q, sql`select 1 from om_vendors where id = ${vendorId}::uuid`))) throw notFound('服务商');
  const user = await queryOne<{ id: string; vendor: boolean }>(
    q,
    sql`select u.id::text, exists (select 1 from role_assignments r where r.user_id = u.id and r.role = 'vendor') as vendor
        from users u where u.username = ${username}`,
  );
  if (!user) throw invalid({ username: '账号不存在' });
  if (!user.vendor) throw invalid({ username: '该账号没有“运维服务商”角色' });
  await withTx(q, async (tx) => {
    await tx
      .insert(omVendorAccounts)
      .values({ userId: user.id, vendorId })
      .onConflictDoUpdate({ target: omVendorAccounts.userId, set: { vendorId } });
    await logEvent(tx, 'vendor', vendorId, 'account_link', actor, { username });
  });
}

/** Edits a vendor's record (name, credit code, contact, phone). */
export async function updateVendor(q: Queryable, actor: Actor, id: string, input: z.output<typeof VendorInput>): Promise<void> {
  try {
    await withTx(q, async (tx) => {
      const [row] = await tx
        .update(omVendors)
        .set({ name: input.name, creditCode: input.creditCode ?? null, contact: input.contact ?? null, phone: input.phone ?? null })
        .where(sql`id = ${id}::uuid`)
        .returning({ id: omVendors.id });
      if (!row) throw notFound('服务商');
      await logEvent(tx, 'vendor', id, 'update', actor, input);
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', '该服务商已登记', { name: '该服务商已登记' });
    throw err;
  }
}

/** Unbinds a sign-in account from its vendor: it keeps its role but sees no contract any more. */
export async function unlinkVendorAccount(q: Queryable, actor: Actor, vendorId: string, username: string): Promise<void> {
  await withTx(q, async (tx) => {
    const gone = await query<{ user_id: string }>(
      tx,
      sql`delete from om_vendor_accounts a using users u
          where a.user_id = u.id and u.username = ${username} and a.vendor_id = ${vendorId}::uuid returning a.user_id::text`,
    );
    if (!gone.length) throw notFound('该服务商的登录账号');
    await logEvent(tx, 'vendor', vendorId, 'account_unlink', actor, { username });
  });
}

interface ContractRow {
  id: string;
  contractNo: string;
  name: string;
  vendorId: string;
  vendorName: string;
  startsOn: string;
  endsOn: string;
  amountFen: number;
  sla: SlaTable;
  businessFrom: number;
  businessTo: number;
  inspectionSchedule: ContractView['inspectionSchedule'];
  scorecardRules: ContractView['scorecardRules'];
  paymentRule: ContractView['paymentRule'];
  availabilityTargetBp: number;
  rooms: { id: string; code: string; name: string }[];
  cards: ContractView['cards'];
}

const contractSelect = sql`
  select c.id, c.contract_no as "contractNo", c.name, c.vendor_id as "vendorId", v.name as "vendorName",
    c.starts_on::text as "startsOn", c.ends_on::text as "endsOn", c.amount_fen::float8 as "amountFen", c.sla,
    c.business_from as "businessFrom", c.business_to as "businessTo", c.inspection_schedule as "inspectionSchedule",
    c.scorecard_rules as "scorecardRules", c.payment_rule as "paymentRule", c.availability_target_bp as "availabilityTargetBp",
    coalesce((select json_agg(json_build_object('id', m.id, 'code', m.code, 'name', m.name) order by m.code)
      from om_contract_rooms cr join machine_rooms m on m.id = cr.machine_room_id where cr.contract_id = c.id), '[]') as rooms,
    ${listedCardsJson} as cards
  from om_contracts c join om_vendors v on v.id = c.vendor_id`;

const view = (r: ContractRow): ContractView => ({ ...r, businessFrom: hhmm(r.businessFrom), businessTo: hhmm(r.businessTo) });

/** The contracts the caller may read: the committee all, a vendor its own. */
export async function listContracts(q: Queryable, actor: Actor, id?: string): Promise<ContractView[]> {
  const scope = await roomScope(q, actor);
  const only = scope.kind === 'vendor' ? sql`c.id = any(${uuidArray(scope.contractIds)})` : sql`true`;
  const rows = await query<ContractRow>(
    q,
    sql`${contractSelect} where ${only} ${id ? sql`and c.id = ${id}::uuid` : sql``} order by c.starts_on desc, c.contract_no`,
  );
  return rows.map(view);
}

export async function getContract(q: Queryable, actor: Actor, id: string): Promise<ContractView> {
  const [c] = await listContracts(q, actor, id);
  if (!c) throw notFound('运维合同');
  return c;
}

export async function createContract(q: Queryable, actor: Actor, input: z.output<typeof ContractInput>): Promise<{ id: string }> {
  if (!(await queryOne(q, sql`select 1 from om_vendors where id = ${input.vendorId}::uuid`))) throw invalid({ vendorId: '服务商不存在' });
  const rooms = [...new Set(input.machineRoomIds)];
  const found = await query<{ n: number }>(q, sql`select count(*)::int as n from machine_rooms where id = any(${uuidArray(rooms)})`);
  if (found[0].n !== rooms.length) throw invalid({ machineRoomIds: '机房不存在' });
  const cards = await resolveScopeCards(q, rooms, input.cards);
  try {
    return await withTx(q, async (tx) => {
      const [row] = await tx
        .insert(omContracts)
        .values({
          contractNo: input.contractNo,
          name: input.name,
          vendorId: input.vendorId,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          amountFen: input.amountFen,
          sla: input.sla,
          businessFrom: minutesOf(input.businessFrom),
          businessTo: minutesOf(input.businessTo),
          inspectionSchedule: input.inspectionSchedule,
          scorecardRules: input.scorecardRules,
          paymentRule: input.paymentRule,
          availabilityTargetBp: input.availabilityTargetBp,
          createdBy: actor.userId,
        })
        .returning({ id: omContracts.id });
      await tx.insert(omContractRooms).values(rooms.map((machineRoomId) => ({ contractId: row.id, machineRoomId })));
      await writeScopeCards(tx, row.id, cards);
      await scheduleInspections(tx, row.id, input.inspectionSchedule, workOrderClock.now());
      await logEvent(tx, 'contract', row.id, 'create', actor, input);
      return row;
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', '合同编号已被使用', { contractNo: '合同编号已被使用' });
    throw err;
  }
}

/**
 * Edits a contract: the fields given replace the stored ones in one transaction, with its event
 * (the fields before and after). The merged contract must still hold together, and a change that
 * would alter a settled month (a locked scorecard) is refused (contract.settled.ts). A changed
 * period, scope or schedule reschedules the rounds not yet due.
 */
export async function updateContract(q: Queryable, actor: Actor, id: string, patch: z.output<typeof ContractPatch>): Promise<ContractView> {
  if (!(await getContract(q, actor, id))) throw notFound('运维合同');
  const rooms = patch.machineRoomIds ? [...new Set(patch.machineRoomIds)] : null;
  if (rooms) {
    const found = await query<{ n: number }>(q, sql`select count(*)::int as n from machine_rooms where id = any(${uuidArray(rooms)})`);
    if (found[0].n !== rooms.length) throw invalid({ machineRoomIds: '机房不存在' }, '机房不存在');
  }
  const changed = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined);
  try {
    await withTx(q, async (tx) => {
      // The contract row is locked before anything is read: a scorecard lock (lockScorecard) takes
      // the same lock, so a month settled in the same instant is seen here, or waits for this edit.
      await tx.execute(sql`select 1 from om_contracts where id = ${id}::uuid for update`);
      const [before] = await listContracts(tx, actor, id);
      if (!before) throw notFound('运维合同');
      const after = {
        ...before,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      } as ContractView & z.output<typeof ContractPatch>;
      const f: Record<string, string> = {};
      if (after.endsOn < after.startsOn) f.endsOn = '合同终止日不能早于起始日';
      if (after.businessTo <= after.businessFrom) f.businessTo = '工作时间的结束应晚于开始';
      if (after.scorecardRules.passMark > after.scorecardRules.fullMarks) f['scorecardRules.passMark'] = '合格分不能高于满分';
      if (Object.keys(f).length) throw invalid(f, Object.values(f)[0]);
      // The listed cards stay maintained from rooms of the contract: checked again when either changes.
      const cards =
        rooms || patch.cards
          ? await resolveScopeCards(
              tx,
              rooms ?? before.rooms.map((r) => r.id),
              patch.cards ?? before.cards.map((k) => ({ cardId: k.id, machineRoomId: k.machineRoomId })),
            )
          : null;
      const settled = await query<{ month: string }>(
        tx,
        sql`select to_char(month, 'YYYY-MM') as month from om_scorecards where contract_id = ${id}::uuid and status = 'locked' order by month`,
      );
      const refused = settledMonthRefusals(
        before,
        after,
        settled.map((r) => r.month),
      );
      if (Object.keys(refused).length)
        throw new AppError('locked_period', `合同已有结算月份，不能这样修改：${Object.values(refused).join('；')}`, refused);
      await tx
        .update(omContracts)
        .set({
          contractNo: after.contractNo,
          name: after.name,
          startsOn: after.startsOn,
          endsOn: after.endsOn,
          amountFen: after.amountFen,
          sla: after.sla,
          businessFrom: minutesOf(after.businessFrom),
          businessTo: minutesOf(after.businessTo),
          inspectionSchedule: after.inspectionSchedule,
          scorecardRules: after.scorecardRules,
          paymentRule: after.paymentRule,
          availabilityTargetBp: after.availabilityTargetBp,
        })
        .where(sql`id = ${id}::uuid`);
      if (rooms) {
        await tx.execute(
          sql`delete from om_contract_rooms where contract_id = ${id}::uuid and machine_room_id <> all(${uuidArray(rooms)})`,
        );
        await tx
          .insert(omContractRooms)
          .values(rooms.map((machineRoomId) => ({ contractId: id, machineRoomId })))
          .onConflictDoNothing();
      }
      if (cards) await writeScopeCards(tx, id, cards);
      if (rooms || patch.startsOn || patch.endsOn || patch.inspectionSchedule)
        await scheduleInspections(tx, id, after.inspectionSchedule, workOrderClock.now());
      const pick = (c: object) =>
        Object.fromEntries(
          changed.map((k) => [
            k,
            k === 'machineRoomIds'
              ? (c as ContractView).rooms?.map((r) => r.id)
              : k === 'cards'
                ? (c as { cards: { id?: string; cardId?: string; machineRoomId?: string | null }[] }).cards.map((x) => ({
                    cardId: x.cardId ?? x.id,
                    machineRoomId: x.machineRoomId,
                  }))
                : (c as Record<string, unknown>)[k],
          ]),
        );
      await logEvent(tx, 'contract', id, 'update', actor, {
        before: pick(before),
        after: { ...pick(after), ...(rooms ? { machineRoomIds: rooms } : {}), ...(cards && patch.cards ? { cards } : {}) },
      });
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', '合同编号已被使用', { contractNo: '合同编号已被使用' });
    throw err;
  }
  return getContract(q, actor, id);
}

/** The contract covering a machine room on a day (the latest started), for a new work order. */
export async function contractFor(q: Queryable, machineRoomId: string, day: string) {
  return queryOne<{ id: string; sla: SlaTable; business_from: number; business_to: number }>(
    q,
    sql`select c.id::text, c.sla, c.business_from, c.business_to from om_contracts c
        join om_contract_rooms cr on cr.contract_id = c.id and cr.machine_room_id = ${machineRoomId}::uuid
        where ${day}::date between c.starts_on and c.ends_on order by c.starts_on desc limit 1`,
  );
}

/** A contract's SLA terms by id (for a work order on a card the contract lists). */
export async function contractById(q: Queryable, id: string) {
  return queryOne<{ id: string; sla: SlaTable; business_from: number; business_to: number }>(
    q,
    sql`select c.id::text, c.sla, c.business_from, c.business_to from om_contracts c where c.id = ${id}::uuid`,
  );
}
