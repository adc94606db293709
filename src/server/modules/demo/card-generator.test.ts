import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type Database } from '../../platform/db/engine.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import { loadReferenceTrees } from '../catalog/index.ts';
import { seedOrg } from '../org/index.ts';
import { assetKindOf, checkDepreciationRules, type CategoryFacts } from '../assets/index.ts';
import { generateCards } from './card-generator.ts';

let database: Database;
const log = () => undefined;

beforeAll(async () => {
  database = await openTestDatabase();
  await seedOrg(database, log, { scale: 'small' });
  await loadReferenceTrees(database.db);
}, 120_000);
afterAll(async () => database?.close());

describe('card generator', () => {
  it('writes the asked number of cards per run, spread over the chosen units, with building cards', async () => {
    const units = await query<{ code: string }>(database.db, sql`SELECT code FROM units WHERE kind = 'unit' ORDER BY sort, code LIMIT 3`);
    const r = await generateCards(database.db, {
      cards: 600,
      unitCodes: units.map((u) => u.code),
      eventsPerCard: 3,
      buildings: true,
      batchSize: 250,
    });
    const [{ buildings }] = await query<{ buildings: number }>(database.db, sql`SELECT count(*)::int AS buildings FROM buildings`);
    expect(r.cards).toBe(600 + buildings);
    const per = await query<{ code: string; n: number }>(
      database.db,
      sql`
      SELECT u.code, count(c.id)::int AS n FROM units u LEFT JOIN cards c ON c.unit_id = u.id WHERE u.kind = 'unit' GROUP BY u.code ORDER BY u.code`,
    );
    const inChosen = per.filter((p) => units.some((u) => u.code === p.code));
    expect(inChosen.reduce((a, p) => a + p.n, 0)).toBe(600);
    expect(inChosen.every((p) => p.n > 100)).toBe(true);
    expect(per.filter((p) => !units.some((u) => u.code === p.code)).every((p) => p.n === 0)).toBe(true);
    const [{ events }] = await query<{ events: number }>(database.db, sql`SELECT count(*)::int AS events FROM card_events`);
    expect(events).toBe(r.events);
    expect(events / r.cards).toBeGreaterThan(2);
  }, 120_000);

  it('chains every card ledger exactly as the trigger would, so verification passes', async () => {
    const [bad] = await query<{ broken: number; gaps: number; first: number }>(
      database.db,
      sql`
      SELECT
        count(*) FILTER (WHERE e.hash <> card_event_hash(e.prev_hash, e.card_id, e.seq, e.unit_id, e.type, e.document_id, e.document_type,
          e.actor_id, e.occurred_at, e.before, e.after, e.note)
          OR e.prev_hash <> coalesce(p.hash, repeat('0', 64)))::int AS broken,
        count(*) FILTER (WHERE e.seq > 1 AND p.id IS NULL)::int AS gaps,
        count(*) FILTER (WHERE e.seq = 1)::int AS first
      FROM card_events e LEFT JOIN card_events p ON p.card_id = e.card_id AND p.seq = e.seq - 1`,
    );
    const [{ cards }] = await query<{ cards: number }>(database.db, sql`SELECT count(*)::int AS cards FROM cards`);
    expect(bad).toEqual({ broken: 0, gaps: 0, first: cards });
    // The trigger is back on: a new event continues the chain. (A card in use: an edit after a
    // disposal or a loan would contradict its status, which the next test checks.)
    const [card] = await query<{ id: string; unit_id: string; last: number }>(
      database.db,
      sql`SELECT c.id, c.unit_id, max(e.seq)::int AS last FROM cards c JOIN card_events e ON e.card_id = c.id WHERE c.status = 'in_use' GROUP BY c.id ORDER BY c.id LIMIT 1`,
    );
    await database.db.execute(
      sql`INSERT INTO card_events (card_id, unit_id, type, prev_hash, hash, seq) VALUES (${card.id}, ${card.unit_id}, 'edited', '', '', 0)`,
    );
    const [next] = await query<{ seq: number }>(database.db, sql`SELECT max(seq)::int AS seq FROM card_events WHERE card_id = ${card.id}`);
    expect(next.seq).toBe(card.last + 1);
  }, 60_000);

  it('gives statuses consistent with their last event and numbers cards per unit and year', async () => {
    const [mismatch] = await query<{ n: number }>(
      database.db,
      sql`
      SELECT count(*)::int AS n FROM cards c JOIN LATERAL (SELECT type FROM card_events e WHERE e.card_id = c.id ORDER BY seq DESC LIMIT 1) l ON true
      WHERE (c.status = 'disposed') <> (l.type = 'disposed') OR (c.status = 'idle' AND l.type <> 'idle_posted') OR (c.status = 'lent' AND l.type <> 'lent')`,
    );
    expect(mismatch.n).toBe(0);
    const [seqs] = await query<{ n: number }>(
      database.db,
      sql`
      SELECT count(*)::int AS n FROM card_number_sequences s JOIN units u ON u.id = s.unit_id
      WHERE s.last_seq <> (SELECT count(*) FROM cards c WHERE c.unit_id = s.unit_id AND c.card_no LIKE u.code || '-' || s.year || '-%')`,
    );
    expect(seqs.n).toBe(0);
    const [dup] = await query<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM cards WHERE card_no !~ '^[0-9]+-20[0-9]{2}-[0-9]{6}$'`,
    );
    expect(dup.n).toBe(0);
    const [desk] = await query<{ p95: number }>(
      database.db,
      sql`
      SELECT percentile_disc(0.8) WITHIN GROUP (ORDER BY original_value_fen)::bigint AS p95 FROM cards c JOIN categories k ON k.id = c.category_id WHERE k.code = '2010104'`,
    );
    expect(desk.p95).toBeLessThanOrEqual(500000);
  }, 60_000);

  it('writes cards that keep the book rules: lives, exemptions, kinds and the funding split', async () => {
    const cards = await query<
      {
        id: string;
        method: string;
        life: number | null;
        value_type: string;
        attributes: Record<string, unknown>;
        asset_kind: string;
        value: number;
        qty: number;
        fiscal: number;
        non_fiscal: number;
      } & CategoryFacts
    >(
      database.db,
      sql`
      SELECT c.id, c.depreciation_method AS method, c.useful_life_months AS life, c.value_type, c.attributes, c.asset_kind,
        c.original_value_fen AS value, c.quantity AS qty, c.fiscal_funding_fen AS fiscal, c.non_fiscal_funding_fen AS non_fiscal,
        k.code, k.name, k.level, k.useful_life_months AS "usefulLifeMonths", k.depreciable, k.capitalization_threshold_fen::float8 AS "capitalizationThresholdFen",
        k.attribute_set AS "attributeSet", k.asset_kind AS "assetKind", k.batch_fixed AS "batchFixed"
      FROM cards c JOIN categories k ON k.id = c.category_id`,
    );
    const broken = cards.filter((c) => {
      const fields: Record<string, string> = {};
      const kind = assetKindOf(c, { originalValueFen: c.value, quantity: c.qty, valueType: c.value_type });
      checkDepreciationRules(
        c,
        { depreciationMethod: c.method, usefulLifeMonths: c.life, valueType: c.value_type, attributes: c.attributes, assetKind: kind },
        fields,
      );
      return (
        Object.keys(fields).length > 0 ||
        kind !== c.asset_kind ||
        c.fiscal + c.non_fiscal !== c.value ||
        (kind === 'low_value' && c.method !== 'none')
      );
    });
    expect(broken).toEqual([]);
    // Single cheap pieces (a ¥800 tea table) are low-value items; batches of chairs and books are not.
    expect(cards.filter((c) => c.asset_kind === 'low_value').every((c) => c.qty === 1 || !c.batchFixed)).toBe(true);
  }, 60_000);

  it('continues the card number sequences on a second run', async () => {
    const units = await query<{ code: string }>(database.db, sql`SELECT code FROM units WHERE kind = 'unit' ORDER BY sort, code LIMIT 1`);
    await generateCards(database.db, { cards: 50, unitCodes: units.map((u) => u.code), salt: 7 });
    const [{ n }] = await query<{ n: number }>(database.db, sql`SELECT count(*)::int - count(DISTINCT card_no)::int AS n FROM cards`);
    expect(n).toBe(0);
  }, 60_000);
});
