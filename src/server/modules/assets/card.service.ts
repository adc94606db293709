import { and, eq, sql } from 'drizzle-orm';
import { inScope } from '../../platform/auth/actor.ts';
import type { CardInput } from '../../../shared/assets.contracts.ts';
import type { AssetKind, CardEventType } from '../../../shared/assets.enums.ts';
import { assetKindOf, checkDepreciationRules, deriveCardBooks, resolveFunding } from './card.rules.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import type { Queryable, Tx } from '../../platform/db/engine.ts';
import { allocateCardNumbers } from './card-number.service.ts';
import { cardEvents, cards } from './card.tables.ts';
import { categoryFacts, validateCardInput } from './card.validation.ts';
import { businessYear, eventInstant } from '../../platform/clock.ts';

/**
 * The only writer of cards and their ledger. Other modules (workflow execution, imports, counts)
 * call these inside their own transaction; each function writes the card change and its event
 * together so they commit or roll back as one.
 */

export type CardRow = typeof cards.$inferSelect;
/** Who acted: a user, or null for system work (migrations, scheduled runs). */
export type ActorRef = { userId: string } | null;

/** Fields a change may set. Generated and bookkeeping columns are not among them. */
export type CardChangeSet = Partial<Omit<CardRow, 'id' | 'cardNo' | 'netValueFen' | 'searchText' | 'version' | 'createdAt' | 'updatedAt'>>;

export interface CardChange {
  /** When given, the change fails with AppError('stale') if the card moved on meanwhile. */
  expectVersion?: number;
  set: CardChangeSet;
  eventType: CardEventType;
  documentId?: string | null;
  documentType?: string | null;
  note?: string | null;
  /** Write the event even when no field changed (a document that confirms the current state). Default true. */
  eventWhenUnchanged?: boolean;
}

export interface CardEventInput {
  cardId: string;
  unitId: string;
  type: CardEventType;
  actorId?: string | null;
  documentId?: string | null;
  documentType?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  note?: string | null;
}

/** Appends one ledger event; the trigger sets seq, prev_hash and hash. */
export async function appendCardEvent(tx: Queryable, e: CardEventInput): Promise<{ id: number; seq: number; hash: string }> {
  const [row] = await tx
    .insert(cardEvents)
    .values({
      cardId: e.cardId,
      unitId: e.unitId,
      type: e.type,
      actorId: e.actorId ?? null,
      documentId: e.documentId ?? null,
      documentType: e.documentType ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      note: e.note ?? null,
      // The database's now(), unless a test dates its events (platform/clock.ts).
      occurredAt: eventInstant(),
      // The trigger overwrites these three; the columns are NOT NULL so drizzle wants values.
      seq: 0,
      prevHash: '',
      hash: '',
    })
    .returning({ id: cardEvents.id, seq: cardEvents.seq, hash: cardEvents.hash });
  return row;
}

/**
 * Locks the card row for the rest of the transaction (two documents on one card cannot both win).
 * With a scope, a card of another unit is not found (the scope is part of the query).
 */
export async function getCardForUpdate(tx: Queryable, cardId: string, scope?: 'all' | string[]): Promise<CardRow> {
  const where = scope ? and(eq(cards.id, cardId), inScope(cards.unitId, scope)) : eq(cards.id, cardId);
  const [row] = await tx.select().from(cards).where(where).for('update');
  if (!row) throw notFound('资产卡片');
  return row;
}

/** Reads a card without locking; undefined when it does not exist. */
export async function findCard(q: Queryable, cardId: string): Promise<CardRow | undefined> {
  const [row] = await q.select().from(cards).where(eq(cards.id, cardId));
  return row;
}

/** JSON-comparable form of a field value: dates as ISO text, undefined as null. */
function norm(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  return v;
}
const same = (a: unknown, b: unknown) => JSON.stringify(norm(a)) === JSON.stringify(norm(b));

/** The fields of `set` whose value differs from `row`, as before/after maps. */
export function diffFields(row: CardRow, set: CardChangeSet): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) continue;
    const old = (row as Record<string, unknown>)[k];
    if (same(old, v)) continue;
    before[k] = norm(old);
    after[k] = norm(v);
  }
  return { before, after };
}

/**
 * Changes a card: locks it, checks the version, writes exactly the changed fields, bumps the
 * version and appends one event with their before/after. Returns the updated card.
 */
export async function changeCard(tx: Tx, actor: ActorRef, cardId: string, change: CardChange): Promise<CardRow> {
  const row = await getCardForUpdate(tx, cardId);
  if (change.expectVersion !== undefined && change.expectVersion !== row.version) throw new AppError('stale');
  change = { ...change, set: await applyBookRules(tx, row, change.set) };
  const { before, after } = diffFields(row, change.set);
  const changed = Object.keys(after).length > 0;
  if (!changed && change.eventWhenUnchanged === false) return row;
  let updated = row;
  if (changed) {
    const set = Object.fromEntries(Object.keys(after).map((k) => [k, (change.set as Record<string, unknown>)[k]]));
    [updated] = await tx
      .update(cards)
      .set({ ...set, version: sql`${cards.version} + 1`, updatedAt: new Date() })
      .where(eq(cards.id, cardId))
      .returning();
  }
  await appendCardEvent(tx, {
    cardId,
    unitId: updated.unitId,
    type: change.eventType,
    actorId: actor?.userId ?? null,
    documentId: change.documentId,
    documentType: change.documentType,
    before: changed ? before : null,
    after: changed ? after : null,
    note: change.note,
  });
  return updated;
}

const BOOK_FIELDS = ['usefulLifeMonths', 'depreciationMethod', 'categoryId', 'attributes', 'valueType'] as const;

/**
 * The book rules of card.rules.ts on any change, whoever makes it (an edit, a life-change or
 * revaluation document): a life below its floor, 'none' on a depreciable category or a funding
 * split that does not add up is refused; a new value moves the funding split by the difference
 * (to 财政拨款, unless the card is wholly 非财政拨款); a new category re-decides intangible or not.
 */
async function applyBookRules(tx: Tx, row: CardRow, set: CardChangeSet): Promise<CardChangeSet> {
  const { after } = diffFields(row, set);
  const touched = (k: string) => k in after;
  const out: CardChangeSet = { ...set };
  const fields: Record<string, string> = {};
  const merged = { ...row, ...Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)) } as CardRow;
  if (
    touched('originalValueFen') &&
    !touched('fiscalFundingFen') &&
    !touched('nonFiscalFundingFen') &&
    row.fiscalFundingFen !== null &&
    row.nonFiscalFundingFen !== null
  ) {
    const delta = merged.originalValueFen - row.originalValueFen;
    const toNonFiscal = row.fiscalFundingFen === 0 && row.nonFiscalFundingFen > 0;
    let fiscal = row.fiscalFundingFen + (toNonFiscal ? 0 : delta);
    let nonFiscal = row.nonFiscalFundingFen + (toNonFiscal ? delta : 0);
    if (fiscal < 0) {
      nonFiscal += fiscal;
      fiscal = 0;
    }
    if (nonFiscal < 0) {
      fiscal += nonFiscal;
      nonFiscal = 0;
    }
    out.fiscalFundingFen = fiscal;
    out.nonFiscalFundingFen = nonFiscal;
  } else if (touched('fiscalFundingFen') || touched('nonFiscalFundingFen')) {
    const r = resolveFunding(
      {
        originalValueFen: merged.originalValueFen,
        fiscalFundingFen: set.fiscalFundingFen ?? (touched('nonFiscalFundingFen') ? null : row.fiscalFundingFen),
        nonFiscalFundingFen: set.nonFiscalFundingFen ?? (touched('fiscalFundingFen') ? null : row.nonFiscalFundingFen),
      },
      fields,
    );
    out.fiscalFundingFen = r.fiscalFundingFen;
    out.nonFiscalFundingFen = r.nonFiscalFundingFen;
  }
  if (BOOK_FIELDS.some(touched)) {
    const cat = await categoryFacts(tx, merged.categoryId);
    if (!cat) throw invalid({ categoryId: '资产分类不存在' });
    if (touched('categoryId') && (cat.assetKind === 'intangible' || row.assetKind === 'intangible')) {
      out.assetKind = assetKindOf(cat, {
        originalValueFen: merged.originalValueFen,
        quantity: merged.quantity,
        valueType: merged.valueType,
      });
    }
    checkDepreciationRules(
      cat,
      {
        depreciationMethod: merged.depreciationMethod,
        usefulLifeMonths: merged.usefulLifeMonths,
        valueType: merged.valueType,
        attributes: merged.attributes as Record<string, unknown>,
        assetKind: (out.assetKind ?? row.assetKind) as AssetKind,
      },
      fields,
    );
  }
  if (Object.keys(fields).length) throw invalid(fields);
  return out;
}

export interface RegisterOptions {
  /** 'opening_registration' (an existing asset entered by hand or import) or 'created' (acceptance). */
  eventType?: 'opening_registration' | 'created' | 'count_surplus' | 'transferred_in';
  /** Keep a card number the asset already has (imports); otherwise one is allocated. */
  cardNo?: string;
  documentId?: string | null;
  documentType?: string | null;
  note?: string | null;
  /** Skip validateCardInput when the caller validated in bulk already (imports). */
  skipValidation?: boolean;
}

/**
 * Registers one card with its first ledger event. Opening registrations of existing assets are
 * 'in_use' unless told otherwise; cards created by acceptance are 'pending_posting' until finance posts them.
 */
export async function registerCard(tx: Tx, actor: ActorRef, input: CardInput, opts: RegisterOptions = {}): Promise<CardRow> {
  if (!opts.skipValidation) {
    const fields = await validateCardInput(tx, input);
    if (Object.keys(fields).length) throw invalid(fields);
  }
  const eventType = opts.eventType ?? 'opening_registration';
  const defaultStatus = eventType === 'created' ? 'pending_posting' : 'in_use';
  const [category] = await tx
    .execute(sql`SELECT measure_unit, useful_life_months, depreciable FROM categories WHERE id = ${input.categoryId}`)
    .then((r) => (r as unknown as { rows: { measure_unit: string; useful_life_months: number | null; depreciable: boolean }[] }).rows);
  const facts = await categoryFacts(tx, input.categoryId);
  if (!facts) throw invalid({ categoryId: '资产分类不存在' });
  const books = deriveCardBooks(facts, input, {});
  const cardNo = opts.cardNo ?? (await allocateCardNumbers(tx, input.unitId, businessYear(), 1))[0];
  const [row] = await tx
    .insert(cards)
    .values({
      cardNo,
      unitId: input.unitId,
      name: input.name,
      categoryId: input.categoryId,
      spec: input.spec ?? null,
      brand: input.brand ?? null,
      serialNo: input.serialNo ?? null,
      quantity: input.quantity ?? 1,
      measureUnit: input.measureUnit ?? category?.measure_unit ?? '台',
      originalValueFen: input.originalValueFen,
      accumulatedDepreciationFen: input.accumulatedDepreciationFen ?? 0,
      // The balance month (opening_month) and missing months held are filled by the opening-balance trigger.
      openingDepreciatedMonths: input.openingDepreciatedMonths ?? null,
      fundingSource: input.fundingSource ?? null,
      acquisitionMethod: input.acquisitionMethod,
      acquiredOn: input.acquiredOn,
      postedOn: input.postedOn ?? null,
      inUseOn: input.inUseOn ?? null,
      voucherNo: input.voucherNo ?? null,
      supplier: input.supplier ?? null,
      warrantyUntil: input.warrantyUntil ?? null,
      usefulLifeMonths: books.usefulLifeMonths,
      depreciationMethod: books.depreciationMethod,
      totalWorkload: input.totalWorkload ?? null,
      status: input.status ?? defaultStatus,
      useMode: input.useMode ?? 'self_use',
      counterparty: input.counterparty ?? null,
      managingUnitId: input.managingUnitId ?? input.unitId,
      usingUnitId: input.usingUnitId ?? input.unitId,
      usingDepartmentId: input.usingDepartmentId ?? null,
      custodianId: input.custodianId ?? null,
      roomId: input.roomId ?? null,
      attributes: input.attributes ?? {},
      sourceDocumentId: opts.documentId ?? null,
      assetKind: books.assetKind,
      valueType: input.valueType ?? 'original',
      fiscalFundingFen: books.fiscalFundingFen,
      nonFiscalFundingFen: books.nonFiscalFundingFen,
      procurementForm: input.procurementForm ?? null,
      assetUse: input.assetUse ?? (input.useMode === 'rented' ? 'rented' : input.useMode === 'lent' ? 'lent' : 'self_use'),
      manufacturer: input.manufacturer ?? null,
      originCountry: input.originCountry ?? null,
      manufacturedOn: input.manufacturedOn ?? null,
      contractNo: input.contractNo ?? null,
      invoiceNo: input.invoiceNo ?? null,
    })
    .returning();
  const { id: _id, createdAt: _c, updatedAt: _u, version: _v, searchText: _s, ...snapshot } = row;
  await appendCardEvent(tx, {
    cardId: row.id,
    unitId: row.unitId,
    type: eventType,
    actorId: actor?.userId ?? null,
    documentId: opts.documentId,
    documentType: opts.documentType,
    before: null,
    after: Object.fromEntries(Object.entries(snapshot).map(([k, v]) => [k, norm(v)])),
    note: opts.note,
  });
  return row;
}
