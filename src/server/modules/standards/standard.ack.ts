// Items coming in — registered by hand (assets) or accepted (workflow) — against the allocation
// standards (docs/domain.md §5): over a price cap, or beyond the unit's quantity quota (the copier rule
// by headcount, printers, desks per person …), an item goes through only with an acknowledgement and a
// reason, which the card's first ledger event records.
import { type SQL, sql } from 'drizzle-orm';
import { quotaBasis } from '../../../shared/quota.rules.ts';
import { quotaStandardsFor } from '../../../shared/standard.rules.ts';
import type { StandardAck } from '../../../shared/standards.contracts.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { invalid } from '../../platform/errors.ts';
import { checkItem, staffRankAndRoomArea } from './standard.check.ts';
import { quotaHoldings } from './standard.holdings.ts';
import { standardsInForce } from './standard.service.ts';

export interface StandardItem {
  categoryId: string;
  originalValueFen: number;
  quantity?: number | null;
  custodianId?: string | null;
  roomId?: string | null;
  attributes?: Record<string, unknown> | null;
  standardAck?: StandardAck;
}

/**
 * Per item, the ledger note of its acknowledged over-standard warning ('' when within the standards).
 * The items of one call add up against a quota, after what the unit holds now (`heldCard`: assets'
 * held rule on card `c`; null: caps only, no quota). Any item over without an acknowledgement:
 * refused, naming each finding at `field(i)`, nothing written.
 */
export async function standardAckNotes(
  q: Queryable,
  unitId: string,
  items: (StandardItem | null)[],
  heldCard: SQL | null,
  field: (index: number) => string,
): Promise<string[]> {
  const catIds = [...new Set(items.flatMap((i) => (i ? [i.categoryId] : [])))];
  if (!catIds.length) return items.map(() => '');
  const today = businessToday();
  const [standards, cats] = await Promise.all([
    standardsInForce(q, today),
    query<{ id: string; code: string }>(
      q,
      sql`SELECT id, code FROM categories WHERE id IN (${sql.join(
        catIds.map((i) => sql`${i}`),
        sql`, `,
      )})`,
    ),
  ]);
  const codeOf = new Map(cats.map((c) => [c.id, c.code]));
  const { ranks, areas } = await staffRankAndRoomArea(
    q,
    unitId,
    [...new Set(items.flatMap((i) => (i?.custodianId ? [i.custodianId] : [])))],
    [...new Set(items.flatMap((i) => (i?.roomId ? [i.roomId] : [])))],
  );
  const quotaCodes = new Set<string>();
  for (const i of heldCard ? items : []) {
    const code = i && codeOf.get(i.categoryId);
    if (code) for (const s of quotaStandardsFor(standards, code, i.attributes)) quotaCodes.add(s.code);
  }
  const holdings = new Map(
    (heldCard && quotaCodes.size ? await quotaHoldings(q, heldCard, [unitId], today, [...quotaCodes]) : []).map((h) => [h.standardCode, h]),
  );
  const comingSoFar = new Map<string, number>();
  const notes: string[] = [];
  const fields: Record<string, string> = {};
  for (const [index, item] of items.entries()) {
    const code = item && codeOf.get(item.categoryId);
    if (!item || !code) {
      notes.push('');
      continue;
    }
    const quantity = Math.max(1, item.quantity ?? 1);
    const { findings } = checkItem(standards, {
      categoryCode: code,
      attributes: item.attributes,
      unitPriceFen: Math.floor(item.originalValueFen / quantity),
      quantity,
      rank: item.custodianId ? (ranks.get(item.custodianId) ?? null) : null,
      roomAreaM2: item.roomId ? (areas.get(item.roomId) ?? null) : null,
    });
    const messages = findings.filter((f) => f.rule === 'price_cap').map((f) => f.message);
    for (const std of heldCard ? quotaStandardsFor(standards, code, item.attributes) : []) {
      const h = holdings.get(std.code);
      const basis = quotaBasis(std.quota, h?.facts ?? { classified: false, headcount: {}, total: 0 });
      if (!basis) continue;
      const held = h?.held ?? 0;
      const coming = (comingSoFar.get(std.code) ?? 0) + quantity;
      comingSoFar.set(std.code, coming);
      if (held + coming > basis.allowed)
        messages.push(`「${std.name}」数量超标：编制 ${basis.headcount} 人，限额 ${basis.allowed}，现有 ${held}，本次登记 ${coming}`);
    }
    if (!messages.length) {
      notes.push('');
      continue;
    }
    const text = messages.join('；');
    if (!item.standardAck) fields[field(index)] = `${text}：超出配置标准，请确认并填写理由`;
    notes.push(`超配置标准（已确认）：${text}；理由：${item.standardAck?.reason ?? ''}`);
  }
  if (Object.keys(fields).length) throw invalid(fields, Object.values(fields)[0]);
  return notes;
}

/** One item's note (hand registration): standardAckNotes for a single item, the finding at `field`. */
export async function standardAckNote(
  q: Queryable,
  item: StandardItem & { unitId: string },
  heldCard: SQL | null,
  field = 'standardAck',
): Promise<string> {
  const [note] = await standardAckNotes(q, item.unitId, [item], heldCard, () => field);
  return note;
}
