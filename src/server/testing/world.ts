// The test world: one way for every module's tests to build their data, through the real writes —
// units and accounts through org's and the platform's services, cards through assets' registerCard
// and changeCard (each with its ledger event), documents through workflow (drafted, decided by the
// committee and executed), months and takeovers through finance. No test imitates a service with
// raw inserts; categories are the one reference table written directly (see createCategoryRow).
import { sql } from 'drizzle-orm';
import type { CardInput } from '../../shared/assets.contracts.ts';
import type { Role } from '../../shared/roles.ts';
import type { DocumentInput } from '../../shared/workflow.contracts.ts';
import { changeCard, findCard, registerCard, type CardRow } from '../modules/assets/index.ts';
import { declareTakeover, runMonth } from '../modules/finance/index.ts';
import { createUnit } from '../modules/org/unit.service.ts';
import { executeDecidedDocument } from '../modules/workflow/index.ts';
import type { Actor } from '../platform/auth/actor.ts';
import { actorOfUser } from '../platform/auth/actor.lookup.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { createUser } from '../platform/auth/user.service.ts';
import { onBusinessDay } from '../platform/clock.ts';
import { queryOne, type Database, type Queryable } from '../platform/db/engine.ts';
import { withTx } from '../platform/db/tx.ts';
import { TEST_PASSWORD } from './test-app.ts';

/** A card as a test describes it: what it is worth, when it was posted, and how it ended. */
export interface CardSpec {
  unitId: string;
  categoryId: string;
  originalValueFen: number;
  usefulLifeMonths?: number | null;
  method?: 'straight_line' | 'units_of_production' | 'none';
  totalWorkload?: number | null;
  /** Default '2026-01-15'; null registers it 'pending_posting' (acquired 2026-01-01). */
  postedOn?: string | null;
  /** Disposed of on this day by a 处置 document (scrap unless disposalMethod says otherwise). */
  disposedOn?: string | null;
  disposalMethod?: string | null;
  acquisitionMethod?: CardInput['acquisitionMethod'];
  accumulatedFen?: number;
  status?: CardInput['status'];
  useMode?: CardInput['useMode'];
  valueType?: CardInput['valueType'];
  quantity?: number;
  name?: string;
  spec?: string;
  brand?: string;
  attributes?: CardInput['attributes'];
}

export interface World {
  database: Database;
  /** A unit through org's createUnit; the code is digits (generated when not given). */
  unit(code?: string, name?: string): Promise<string>;
  category(opts?: CategorySpec): Promise<{ id: string; path: string }>;
  /** An account through the platform's createUser (the test password), holding one role. */
  user(username: string, role: Role, unitId: string | null): Promise<string>;
  /** The actor of an account, as its sign-in makes it. */
  actor(username: string): Promise<Actor>;
  /** A card through registerCard (an opening registration, today), disposed of when the spec says so. */
  card(spec: CardSpec, q?: Queryable): Promise<string>;
  /** 价值变动 on `on`: the new value (and life) through changeCard, one 'revalued' event. */
  revalue(cardId: string, newValueFen: number, on: string, lifeMonths?: number): Promise<void>;
  /** 处置 on `on`: a disposal document, decided and executed through workflow. */
  dispose(cardId: string, on: string, method?: string): Promise<void>;
  /** 调拨 to another unit on `on`: a cross-unit transfer document, decided and executed through workflow. */
  transfer(cardId: string, toUnitId: string, on: string): Promise<void>;
  /** Any document, drafted by the committee, decided and executed on `on` (today when not given). */
  document(input: DocumentInput, on?: string): Promise<{ documentId: string; docNo: string }>;
  /** One month's depreciation run of a unit, through finance's runMonth. */
  month(unitId: string, month: string, userId?: string | null): Promise<{ runId: string; cardCount: number; totalFen: number }>;
  /** 账套接管: the units' books taken over in `month` (their opening balances are the month before). */
  takeover(unitIds: string[], month: string): Promise<void>;
  accumulated(cardId: string): Promise<number>;
  cardRow(cardId: string): Promise<CardRow>;
}

export interface CategorySpec {
  code?: string;
  name?: string;
  depreciable?: boolean;
  parentPath?: string;
  attributeSet?: string;
  lifeMonths?: number;
}

let seq = 0;
const nextCode = () => `9${String(Date.now() % 1e6).padStart(6, '0')}${String(++seq).padStart(4, '0')}`.slice(0, 12);

/**
 * A category row. Catalog's createCategory checks the code against the GB/T 14885 tree (its parent
 * must exist, its format must fit the edition); tests need free-standing categories with made-up
 * codes, and a category has no ledger or rule to run, so this one reference table is written directly.
 */
async function createCategoryRow(database: Database, opts: CategorySpec): Promise<{ id: string; path: string }> {
  const code = opts.code ?? `C${nextCode()}`;
  const path = `${opts.parentPath ?? '/'}${code}/`;
  const level = path.split('/').filter(Boolean).length;
  // A depreciable top-level category needs a life to take cards (card.rules.ts); one month floors no test card.
  const defaultLife = level === 1 && opts.depreciable !== false ? 1 : null;
  const r = await queryOne<{ id: string }>(
    database.db,
    sql`
    INSERT INTO categories (edition, code, name, level, path, depreciable, attribute_set, useful_life_months)
    VALUES ('2010', ${code}, ${opts.name ?? `类别${code}`}, ${level}, ${path}, ${opts.depreciable ?? true}, ${opts.attributeSet ?? 'none'}, ${opts.lifeMonths ?? defaultLife})
    RETURNING id`,
  );
  return { id: r!.id, path };
}

/** What a sale names (disposal.rules.ts): its buyer, a price and how the price was set. */
const SALE_TERMS = { buyer: '测试回收公司', priceFen: 0, pricingBasis: 'public_trading' };

let hashed: Promise<string> | undefined;
const SYSTEM = { userId: null, username: 'test-world', ip: null };
/** The committee officer the world's documents are drafted and decided by. */
const OFFICER = 'world-officer';

export function world(database: Database): World {
  const db = database.db;
  const actors = new Map<string, Actor>();
  const w: World = {
    database,
    async unit(code = nextCode(), name = `单位${code}`) {
      return (await createUnit(db, { code, name, shortName: undefined, classified: false, sort: 0, active: true } as never)).id;
    },
    category: (opts = {}) => createCategoryRow(database, opts),
    async user(username, role, unitId) {
      hashed ??= hashPassword(TEST_PASSWORD);
      const { id } = await createUser(
        db,
        {
          username,
          displayName: username,
          unitId,
          staffId: null,
          roles: [{ role, unitId: role === 'asset_office' ? null : unitId }],
          password: TEST_PASSWORD,
        },
        SYSTEM as never,
        { passwordHash: await hashed },
      );
      return id;
    },
    async actor(username) {
      const known = actors.get(username);
      if (known) return known;
      const a = await actorOfUser(db, { username });
      if (!a) throw new Error(`no account ${username}`);
      actors.set(username, a);
      return a;
    },
    async card(c, q = db) {
      const posted = c.postedOn === undefined ? '2026-01-15' : c.postedOn;
      const input: CardInput = {
        unitId: c.unitId,
        name: c.name ?? '测试资产',
        spec: c.spec,
        brand: c.brand,
        attributes: c.attributes,
        categoryId: c.categoryId,
        quantity: c.quantity ?? 1,
        originalValueFen: c.originalValueFen,
        accumulatedDepreciationFen: c.accumulatedFen ?? 0,
        acquisitionMethod: c.acquisitionMethod ?? 'purchase',
        acquiredOn: posted ?? '2026-01-01',
        postedOn: posted,
        usefulLifeMonths: c.usefulLifeMonths === undefined ? 72 : c.usefulLifeMonths,
        depreciationMethod: c.method ?? undefined,
        totalWorkload: c.totalWorkload ?? undefined,
        status: c.status ?? (posted === null ? 'pending_posting' : undefined),
        useMode: c.useMode ?? 'self_use',
        valueType: c.valueType,
      } as CardInput;
      const row = await withTx(q, (tx) => registerCard(tx, null, input));
      if (c.disposedOn) await w.dispose(row.id, c.disposedOn, c.disposalMethod ?? undefined);
      return row.id;
    },
    async revalue(cardId, newValueFen, on, lifeMonths) {
      await onBusinessDay(on, () =>
        withTx(db, (tx) =>
          changeCard(tx, null, cardId, {
            set: { originalValueFen: newValueFen, ...(lifeMonths !== undefined ? { usefulLifeMonths: lifeMonths } : {}) },
            eventType: 'revalued',
          }),
        ),
      );
    },
    async dispose(cardId, on, method = 'scrap') {
      const card = await w.cardRow(cardId);
      await w.document(
        {
          type: 'disposal',
          unitId: card.unitId,
          title: '报废处置',
          payload: { disposalMethod: method, earlyGround: '测试：提前处置', ...(method === 'sale' ? SALE_TERMS : {}) },
          lines: [{ cardId, reason: '测试处置' }],
        } as DocumentInput,
        on,
      );
    },
    async transfer(cardId, toUnitId, on) {
      const card = await w.cardRow(cardId);
      await w.document(
        {
          type: 'transfer',
          unitId: card.unitId,
          counterpartUnitId: toUnitId,
          title: '调拨',
          payload: {},
          lines: [{ cardId, reason: '测试调拨' }],
        } as DocumentInput,
        on,
      );
    },
    async document(input, on) {
      const officer = await officerActor();
      const run = () => withTx(db, (tx) => executeDecidedDocument(tx, officer, input, '测试世界：委员会决定'));
      return on ? onBusinessDay(on, run) : run();
    },
    month: (unitId, month, userId = null) => runMonth(db, unitId, month, userId),
    takeover: (unitIds, month) => declareTakeover(db, unitIds, month),
    async accumulated(cardId) {
      return (await w.cardRow(cardId)).accumulatedDepreciationFen;
    },
    async cardRow(cardId) {
      const row = await findCard(db, cardId);
      if (!row) throw new Error(`no card ${cardId}`);
      return row;
    },
  };
  async function officerActor(): Promise<Actor> {
    if (!actors.has(OFFICER) && !(await actorOfUser(db, { username: OFFICER }))) await w.user(OFFICER, 'asset_office', null);
    return w.actor(OFFICER);
  }
  return w;
}

// The standing casts and helpers, one import for every test: the compound (two units, their
// people, places and accounts), the seeded small demo, document and card readers, workbooks.
export * from './compound.world.ts';
export * from './demo.world.ts';
export * from './probes.ts';
export * from './sheets.ts';
