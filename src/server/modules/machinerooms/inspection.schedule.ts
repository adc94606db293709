// The inspections a contract schedules (巡检计划, docs/domain.md §11): one per room of its scope on
// every day its schedule names, due at the schedule's local time, written set-based for the whole
// contract period. Rescheduling keeps what is done or already due and replaces the future.
import { sql } from 'drizzle-orm';
import type { ChecklistItemInput, InspectionSchedule } from '../../../shared/machinerooms.contracts.ts';
import type { Tx } from '../../platform/db/engine.ts';
import type { z } from 'zod';
import { inspectionItems } from './machinerooms.tables.ts';
import { businessInstantSql } from '../../platform/clock.ts';

/** The day filter of a schedule over a generated series `d`. */
function dayFilter(s: InspectionSchedule) {
  switch (s.frequency) {
    case 'daily':
      return sql`true`;
    case 'workdays':
      return sql`extract(isodow from d) between 1 and 5`;
    case 'weekly':
      return sql`extract(isodow from d) = ${s.weekday ?? 1}`;
    case 'monthly':
      return sql`extract(day from d) = ${s.monthDay ?? 1}`;
  }
}

/**
 * Writes the contract's inspections from `from` (a local date; default its start) to its end. Future
 * inspections not yet done are dropped first, so a changed schedule or scope takes effect from then on.
 */
export async function scheduleInspections(tx: Tx, contractId: string, schedule: InspectionSchedule, now: Date): Promise<void> {
  await tx.execute(
    sql`delete from inspections where contract_id = ${contractId}::uuid and done_at is null and due_at > ${now.toISOString()}::timestamptz`,
  );
  // The schedule's day at its local (business-zone) time as an instant.
  await tx.execute(sql`insert into inspections (contract_id, machine_room_id, due_on, due_at)
    select c.id, cr.machine_room_id, d::date, ${businessInstantSql(sql`d::date + ${schedule.dueBy}::time`)}
    from om_contracts c join om_contract_rooms cr on cr.contract_id = c.id,
      generate_series(c.starts_on::timestamp, c.ends_on::timestamp, interval '1 day') d
    where c.id = ${contractId}::uuid and ${dayFilter(schedule)}
      and ${businessInstantSql(sql`d::date + ${schedule.dueBy}::time`)} > ${now.toISOString()}::timestamptz
    on conflict (contract_id, machine_room_id, due_on) do nothing`);
}

/** A new room's checklist: the usual readings with their ranges (GB 50174 for the climate) and checks. */
export const DEFAULT_CHECKLIST: z.output<typeof ChecklistItemInput>[] = [
  { category: 'temperature', label: '冷通道温度', kind: 'reading', unit: '℃', minValue: 18, maxValue: 27 },
  { category: 'humidity', label: '相对湿度', kind: 'reading', unit: '%', minValue: 40, maxValue: 60 },
  { category: 'power', label: '市电输入电压', kind: 'reading', unit: 'V', minValue: 342, maxValue: 418 },
  { category: 'ups', label: 'UPS 负载率', kind: 'reading', unit: '%', minValue: 0, maxValue: 80 },
  { category: 'ups', label: 'UPS 电池后备时间', kind: 'reading', unit: 'min', minValue: 15, maxValue: null },
  { category: 'fire', label: '消防主机无报警、气体灭火装置压力正常', kind: 'check', unit: null, minValue: null, maxValue: null },
  { category: 'access', label: '门禁与出入登记一致、监控正常', kind: 'check', unit: null, minValue: null, maxValue: null },
];

/** Replaces a room's checklist. */
export async function writeChecklist(tx: Tx, machineRoomId: string, items: z.output<typeof ChecklistItemInput>[]): Promise<void> {
  await tx.delete(inspectionItems).where(sql`machine_room_id = ${machineRoomId}::uuid`);
  await tx.insert(inspectionItems).values(
    items.map((i, n) => ({
      machineRoomId,
      position: n + 1,
      category: i.category,
      label: i.label,
      kind: i.kind,
      unit: i.unit ?? null,
      minValue: i.kind === 'reading' && i.minValue != null ? String(i.minValue) : null,
      maxValue: i.kind === 'reading' && i.maxValue != null ? String(i.maxValue) : null,
    })),
  );
}
