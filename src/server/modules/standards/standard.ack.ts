// An item coming in — registered by hand (assets) or accepted (workflow) — against the allocation
// standards (docs/domain.md §5): over a cap it goes through only with an acknowledgement and a reason,
// which the card's first ledger event records.
import { sql } from 'drizzle-orm';
import type { StandardAck } from '../../../shared/standards.contracts.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { invalid } from '../../platform/errors.ts';
import { checkItem, staffRankAndRoomArea } from './standard.check.ts';
import { standardsInForce } from './standard.service.ts';

export interface StandardItem {
  unitId: string;
  categoryId: string;
  originalValueFen: number;
  quantity?: number | null;
  custodianId?: string | null;
  roomId?: string | null;
  attributes?: Record<string, unknown> | null;
  standardAck?: StandardAck;
}

/**
 * The ledger note of an acknowledged over-standard registration ('' when within the standards).
 * Over a cap without an acknowledgement: refused, naming the finding, nothing written. `field` is
 * where the form shows it.
 */
export async function standardAckNote(q: Queryable, item: StandardItem, field = 'standardAck'): Promise<string> {
  const cat = await queryOne<{ code: string }>(q, sql`SELECT code FROM categories WHERE id = ${item.categoryId}`);
  if (!cat) return '';
  const quantity = Math.max(1, item.quantity ?? 1);
  const { ranks, areas } = await staffRankAndRoomArea(
    q,
    item.unitId,
    item.custodianId ? [item.custodianId] : [],
    item.roomId ? [item.roomId] : [],
  );
  const { findings } = checkItem(await standardsInForce(q), {
    categoryCode: cat.code,
    attributes: item.attributes,
    unitPriceFen: Math.floor(item.originalValueFen / quantity),
    quantity,
    rank: item.custodianId ? (ranks.get(item.custodianId) ?? null) : null,
    roomAreaM2: item.roomId ? (areas.get(item.roomId) ?? null) : null,
  });
  const over = findings.filter((f) => f.rule === 'price_cap');
  if (!over.length) return '';
  const text = over.map((f) => f.message).join('；');
  if (!item.standardAck) throw invalid({ [field]: `${text}：超出配置标准，请确认并填写理由` }, `${text}：超出配置标准，请确认并填写理由`);
  return `超配置标准（已确认）：${text}；理由：${item.standardAck.reason}`;
}
