import { sql } from 'drizzle-orm';
import type { CardFilter } from '../../../shared/assets.contracts.ts';
import { LABELS_MAX, type LabelsResponse } from '../../../shared/card-io.contracts.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { cardFilterWhere } from '../assets/index.ts';

/**
 * What a label prints, for a selection (ids) or a filter, within the scope; at most 2,000 (a
 * print job larger than that is split by the user). Ids outside the scope are simply not found.
 */
export async function labelCards(
  q: Queryable,
  scope: 'all' | string[],
  sel: { ids?: string[]; filter: CardFilter },
): Promise<LabelsResponse> {
  const where = sel.ids?.length
    ? sql`${cardFilterWhere({}, scope)} AND cards.id IN (SELECT (jsonb_array_elements_text(${JSON.stringify(sel.ids)}::jsonb))::uuid)`
    : cardFilterWhere(sel.filter, scope);
  const [items, total] = await Promise.all([
    query<LabelsResponse['items'][number]>(
      q,
      sql`
      SELECT cards.id, cards.card_no AS "cardNo", cards.name, coalesce(u.short_name, u.name) AS "unitName",
        coalesce(cards.posted_on, cards.acquired_on)::text AS date
      FROM cards JOIN units u ON u.id = cards.unit_id
      WHERE ${where} ORDER BY cards.card_no LIMIT ${LABELS_MAX}`,
    ),
    queryOne<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM cards WHERE ${where}`),
  ]);
  const n = total?.n ?? 0;
  return { items, total: n, truncated: n > items.length };
}
