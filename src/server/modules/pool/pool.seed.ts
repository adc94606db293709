import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { grantsOf } from '../../platform/auth/session.service.ts';
import { query, type Database, type Queryable } from '../../platform/db/engine.ts';
import type { SeedOptions } from '../../platform/module.ts';
import { offerCards, requestListing } from './pool.service.ts';
import { createLot } from './pool-lot.service.ts';
import { sendForRepair } from './pool-repair.service.ts';
import { recordViolation } from './accountability.service.ts';
import { businessToday } from '../../platform/clock.ts';

async function actorOf(database: Database, username: string): Promise<Actor | undefined> {
  const [u] = await query<{ id: string; display_name: string; unit_id: string | null }>(
    database.db,
    sql`SELECT id, display_name, unit_id FROM users WHERE username = ${username}`,
  );
  if (!u) return undefined;
  return {
    userId: u.id,
    username,
    displayName: u.display_name,
    unitId: u.unit_id,
    grants: await grantsOf(database.db, u.id),
    via: 'session',
  };
}

/**
 * Demo pool: units 01–03 each offer two idle cards (unit 03's physically), and unit 01 asks for
 * one of unit 02's, so the catalogue, the requests and the committee's queue have something to show.
 */
export async function seedPool(database: Database, log: (msg: string) => void, _opts: SeedOptions): Promise<void> {
  const listed: Record<string, string[]> = {};
  for (const n of ['01', '02', '03']) {
    const actor = await actorOf(database, `u${n}-admin`);
    if (!actor?.unitId) continue;
    const cards = await query<{ id: string }>(
      database.db,
      sql`SELECT c.id FROM cards c WHERE c.unit_id = ${actor.unitId} AND c.status = 'idle'
        AND NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.card_id = c.id AND l.open) ORDER BY c.card_no LIMIT 2`,
    );
    if (!cards.length) continue;
    try {
      const res = await offerCards(database.db, actor, {
        cardIds: cards.map((c) => c.id),
        mode: n === '03' ? 'physical' : 'virtual',
        reason: 'idle',
        condition: 'good',
        note: '演示数据：闲置入仓',
      });
      listed[n] = res.ids;
    } catch (err) {
      log(`  pool: unit ${n} offered nothing: ${(err as Error).message}`);
    }
  }
  const asker = await actorOf(database, 'u01-admin');
  if (asker && listed['02']?.[0]) await requestListing(database.db, asker, listed['02'][0], { purpose: '新进人员办公使用' });
  // One accountability record of unit 01, as the committee would enter it.
  const office = await actorOf(database, 'officer');
  if (office && asker?.unitId)
    await recordViolation(database.db, office, {
      unitId: asker.unitId,
      personName: '演示人员',
      kind: 'other',
      rule: '资产应及时登记入账',
      evidence: '演示数据：一台打印机到货后未登记',
      occurredOn: businessToday(),
    });
  if (office && asker?.unitId) await seedReuse(database, office, asker, log);
  log(`  pool: ${Object.values(listed).flat().length} listings`);
}

/**
 * Repair for reuse and bundled disposal: two more idle cards of unit 01 in the pool, one sent to a
 * vendor, the other in a disposal lot (an open sale, in approval).
 */
async function seedReuse(database: Database, office: Actor, owner: Actor, log: (msg: string) => void): Promise<void> {
  const cards = await query<{ id: string }>(
    database.db,
    sql`SELECT c.id FROM cards c WHERE c.unit_id = ${owner.unitId} AND c.status = 'idle'
      AND NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.card_id = c.id AND l.open)
      AND NOT EXISTS (SELECT 1 FROM pool_listings pl WHERE pl.card_id = c.id AND pl.status = 'listed') ORDER BY c.card_no LIMIT 2`,
  );
  if (cards.length < 2) return;
  try {
    const { ids } = await offerCards(database.db, owner, {
      cardIds: cards.map((c) => c.id),
      mode: 'virtual',
      reason: 'idle',
      condition: 'needs_repair',
      note: '演示数据：久置无人申请',
    });
    await sendForRepair(database.db, office, ids[0], { vendor: '演示维修服务部', fault: '演示数据：无法开机', estimateFen: 30_000 });
    await createLot(database.db, office, {
      listingIds: [ids[1]],
      buyer: '演示再生资源回收公司',
      priceFen: 20_000,
      pricingBasis: 'public_trading',
      earlyGround: '演示数据：久置无人申请，公开出售',
    });
  } catch (err) {
    log(`  pool: no repair or lot: ${(err as Error).message}`);
  }
}

/**
 * The benchmark's pool: `n` listings of held cards (idle or in use), spread over every unit, in one
 * set-based statement with the same snapshot (category, search text) an offer takes.
 */
export async function seedBenchListings(q: Queryable, n: number): Promise<number> {
  const [row] = await query<{ n: number }>(
    q,
    sql`
    WITH ins AS (
      INSERT INTO pool_listings (card_id, unit_id, mode, reason, condition, category_id, search_text, net_value_fen, listed_on, expires_on)
      SELECT c.id, c.unit_id, 'virtual', 'idle', (ARRAY['good', 'fair', 'needs_repair'])[1 + abs(hashtext(c.id::text)) % 3],
        c.category_id, lower(concat_ws(chr(31), c.card_no, c.name, c.spec, c.brand, k.code, k.name, u.name)), c.net_value_fen,
        ${businessToday()}::date - (abs(hashtext(c.card_no)) % 180), ${businessToday()}::date + 30
      FROM cards c LEFT JOIN categories k ON k.id = c.category_id LEFT JOIN units u ON u.id = c.unit_id
      WHERE c.status IN ('idle', 'in_use') AND NOT EXISTS (SELECT 1 FROM pool_listings pl WHERE pl.card_id = c.id AND pl.status = 'listed')
      ORDER BY c.id LIMIT ${n}
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`,
  );
  return row.n;
}
