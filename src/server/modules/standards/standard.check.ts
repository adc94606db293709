// One item against the standards in force (docs/domain.md §5): its covering standard and the cap
// findings — by the rank of the person it is for, per m² of its room, by printer kind. The
// configuration-request check (workflow), acceptance (workflow) and hand registration (assets) call it.
import { sql } from 'drizzle-orm';
import { formatYuan } from '../../../shared/money.ts';
import { RANK_LABELS } from '../../../shared/org.contracts.ts';
import type { Rank } from '../../../shared/roles.ts';
import { capFor, capStandardFor, type StandardRow } from '../../../shared/standard.rules.ts';
import type { Finding } from '../../../shared/workflow.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';

export interface ItemTarget {
  categoryCode: string;
  attributes?: Record<string, unknown> | null;
  unitPriceFen: number;
  quantity: number;
  /** Rank of the person the item is for (none named: the general cap). */
  rank?: Rank | null;
  /** Usable area of the room it goes into. */
  roomAreaM2?: number | null;
  /** Amount already set against the same room's area cap by earlier lines of the same request. */
  roomSpentFen?: number;
}

export interface ItemCheck {
  standard: StandardRow | undefined;
  findings: Finding[];
  /** For an area-capped item: what it sets against its room's cap (its total), so later lines add up. */
  roomSpendFen: number;
}

/** The cap findings of one item. Exactly at the cap passes; one fen over is a finding. */
export function checkItem(standards: StandardRow[], item: ItemTarget): ItemCheck {
  const std = capStandardFor(standards, item.categoryCode, item.attributes);
  const findings: Finding[] = [];
  if (!std) return { standard: undefined, findings, roomSpendFen: 0 };
  const cap = capFor(std, { rank: item.rank ?? null, roomAreaM2: item.roomAreaM2 ?? null });
  const price = item.unitPriceFen;
  const total = price * item.quantity;
  if (!cap) return { standard: std, findings, roomSpendFen: 0 };
  if (cap.basis === 'room_required') {
    findings.push({
      rule: 'room_required',
      standardCode: std.code,
      message: `「${std.name}」按会议室使用面积核定价格上限，请注明所在会议室`,
      figures: {},
    });
    return { standard: std, findings, roomSpendFen: 0 };
  }
  if (cap.basis === 'area') {
    const spent = (item.roomSpentFen ?? 0) + total;
    if (spent > cap.capFen)
      findings.push({
        rule: 'price_cap',
        standardCode: std.code,
        message: `「${std.name}」合计 ¥${formatYuan(spent)} 超过会议室 ${cap.areaM2} m² × ¥${formatYuan(cap.fenPerM2)}/m² = ¥${formatYuan(cap.capFen)} 的上限`,
        figures: { totalFen: spent, capFen: cap.capFen, areaM2: cap.areaM2, fenPerM2: cap.fenPerM2 },
      });
    return { standard: std, findings, roomSpendFen: total };
  }
  if (price > cap.capFen) {
    const who = cap.basis === 'rank' ? `（${cap.rank ? RANK_LABELS[cap.rank].zh : '未注明使用人，按处级及以下'}）` : '';
    findings.push({
      rule: 'price_cap',
      standardCode: std.code,
      message: `单价 ¥${formatYuan(price)} 超过「${std.name}」价格上限 ¥${formatYuan(cap.capFen)}${who}`,
      figures: { priceFen: price, capFen: cap.capFen, ...(cap.basis === 'rank' && cap.rank ? { rank: cap.rank } : {}) },
    });
  }
  return { standard: std, findings, roomSpendFen: 0 };
}

/**
 * The ranks of staff and the usable areas of rooms, by id, for the items' targets. Staff of another
 * unit than `unitId` are left out (the caller reports the field); rooms are the compound's.
 */
export async function staffRankAndRoomArea(
  q: Queryable,
  unitId: string,
  staffIds: string[],
  roomIds: string[],
): Promise<{ ranks: Map<string, Rank>; areas: Map<string, number> }> {
  const list = (ids: string[]) =>
    sql.join(
      ids.map((i) => sql`${i}::uuid`),
      sql`, `,
    );
  const staff = staffIds.length
    ? await query<{ id: string; rank: Rank }>(q, sql`SELECT id, rank FROM staff WHERE id IN (${list(staffIds)}) AND unit_id = ${unitId}`)
    : [];
  const rooms = roomIds.length
    ? await query<{ id: string; area: number }>(q, sql`SELECT id, usable_area::float8 AS area FROM rooms WHERE id IN (${list(roomIds)})`)
    : [];
  return { ranks: new Map(staff.map((s) => [s.id, s.rank])), areas: new Map(rooms.map((r) => [r.id, Number(r.area)])) };
}
