// O&M vendors, their sign-in accounts and contracts (运维合同, docs/domain.md §11). The committee
// writes them; a vendor reads its own contracts only.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ContractInput, ContractView, SlaTable, VendorInput, VendorView } from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
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
}

const contractSelect = sql`
  select c.id, c.contract_no as "contractNo", c.name, c.vendor_id as "vendorId", v.name as "vendorName",
    c.starts_on::text as "startsOn", c.ends_on::text as "endsOn", c.amount_fen::float8 as "amountFen", c.sla,
    c.business_from as "businessFrom", c.business_to as "businessTo", c.inspection_schedule as "inspectionSchedule",
    c.scorecard_rules as "scorecardRules", c.payment_rule as "paymentRule", c.availability_target_bp as "availabilityTargetBp",
    coalesce((select json_agg(json_build_object('id', m.id, 'code', m.code, 'name', m.name) order by m.code)
      from om_contract_rooms cr join machine_rooms m on m.id = cr.machine_room_id where cr.contract_id = c.id), '[]') as rooms
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
      await scheduleInspections(tx, row.id, input.inspectionSchedule, workOrderClock.now());
      await logEvent(tx, 'contract', row.id, 'create', actor, input);
      return row;
    });
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', '合同编号已被使用', { contractNo: '合同编号已被使用' });
    throw err;
  }
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
