// 规格参数 of a pool item (docs/domain.md §11): the offering unit (or the committee) records what the
// item is — memory, storage, seats … (shared/spec-attributes.rules.ts) — so configuration lines are
// matched against it by category and spec. Kept on the card's attributes through the assets
// module's one write (an 信息修改 event on the card's ledger with before and after).
import { eq, sql, type SQL } from 'drizzle-orm';
import { SPEC_KEYS, type SpecAttributes, specKeysFor, specSummary } from '../../../shared/spec-attributes.rules.ts';
import { assertInScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { changeCard, getCardForUpdate } from '../assets/index.ts';
import { poolListings } from './pool.tables.ts';

/** Listings whose item may still be described: not yet gone from the pool. */
const OPEN = ['listed', 'in_repair', 'disposal_proposed'];

/** The spec keys of a card's attributes as one jsonb object (nothing else of the card's attributes). */
export const specOfSql = (attrs: SQL) =>
  sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(
    SPEC_KEYS.map((k) => sql`${k}::text, ${attrs}->${k}::text`),
    sql`, `,
  )}))`;

/** Replaces the item's spec attributes by `spec` (keys left out are cleared); other attributes stay. */
export async function setListingSpec(q: Queryable, actor: Actor, listingId: string, spec: SpecAttributes): Promise<{ summary: string }> {
  return withTx(q, async (tx) => {
    const [listing] = await tx.select().from(poolListings).where(eq(poolListings.id, listingId)).for('update');
    if (!listing) throw notFound('公物仓资产');
    assertInScope(listing.unitId, unitScope(actor, 'pool.offer'), '公物仓资产');
    if (!OPEN.includes(listing.status)) throw new AppError('invalid_transition', '该资产已不在公物仓中');
    const card = await getCardForUpdate(tx, listing.cardId);
    const [cat] = await query<{ code: string }>(tx, sql`SELECT code FROM categories WHERE id = ${card.categoryId}`);
    const allowed = specKeysFor(cat?.code);
    const foreign = Object.keys(spec).filter((k) => !allowed.includes(k as (typeof allowed)[number]));
    if (foreign.length) throw invalid(Object.fromEntries(foreign.map((k) => [k, '该分类的资产没有这一规格参数'])));
    const kept = Object.fromEntries(
      Object.entries((card.attributes ?? {}) as Record<string, unknown>).filter(([k]) => !SPEC_KEYS.includes(k as never)),
    );
    const summary = specSummary(spec);
    await changeCard(tx, { userId: actor.userId }, card.id, {
      set: { attributes: { ...kept, ...spec } },
      eventType: 'edited',
      note: `公物仓登记规格参数：${summary || '（清空）'}；经办：${actor.displayName}`,
      eventWhenUnchanged: false,
    });
    return { summary };
  });
}
