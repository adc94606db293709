// The allocation standards (docs/domain.md §5): the committee edits its jurisdiction's copy, every
// change kept with its old value and effective date; the check reads the rows in force on a day.
import { eq, sql } from 'drizzle-orm';
import type { Standard, StandardInput } from '../../../shared/standards.contracts.ts';
import type { StandardRow } from '../../../shared/standard.rules.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { standardsInForceSql } from './standard.queries.ts';
import { standardHistory, standards } from './standard.tables.ts';

const ROW_COLUMNS = sql`s.code, s.name, s.category_codes AS "categoryCodes", s.match_attributes AS "matchAttributes",
  s.cap_fen::float8 AS "capFen", s.rank_caps AS "rankCaps", s.area_caps AS "areaCaps", s.min_life_months AS "minLifeMonths",
  s.min_life_copies AS "minLifeCopies", s.quota`;

/** One row per code: the jurisdiction's own when it has one, else the shipped central default. */
export async function listStandards(q: Queryable): Promise<Standard[]> {
  const rows = await query<Standard & { updatedAt: Date | null }>(
    q,
    sql`
    SELECT DISTINCT ON (s.code) s.id, s.jurisdiction, ${ROW_COLUMNS}, s.effective_from AS "effectiveFrom", s.note,
      s.updated_at AS "updatedAt", u.display_name AS "updatedByName"
    FROM standards s LEFT JOIN users u ON u.id = s.updated_by
    ORDER BY s.code, (s.jurisdiction = 'central'), s.effective_from DESC`,
  );
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null }));
}

/** The standards in force on a day (today by default), in code order. */
export async function standardsInForce(q: Queryable, onDate = businessToday()): Promise<StandardRow[]> {
  return query<StandardRow>(q, sql`SELECT ${ROW_COLUMNS} FROM ${standardsInForceSql(onDate)} s ORDER BY s.code`);
}

/** JSON with object keys sorted (jsonb reorders keys), so an unchanged object is not a change. */
const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
  );

const EDITABLE = [
  'name',
  'categoryCodes',
  'matchAttributes',
  'capFen',
  'rankCaps',
  'areaCaps',
  'minLifeMonths',
  'minLifeCopies',
  'quota',
] as const;

/**
 * Edits a standard for the local jurisdiction: the first edit copies the central default into a
 * local row; every changed field is written to the history with old → new and the effective date.
 */
export async function updateStandard(q: Queryable, actor: Actor, code: string, input: StandardInput): Promise<void> {
  await withTx(q, async (tx) => {
    const rows = await tx.select().from(standards).where(eq(standards.code, code)).for('update');
    const central = rows.find((r) => r.jurisdiction === 'central');
    let local = rows.find((r) => r.jurisdiction === 'local');
    if (!central && !local) throw notFound('配置标准');
    if (!local) {
      const { id: _id, ...base } = central!;
      [local] = await tx
        .insert(standards)
        .values({ ...base, jurisdiction: 'local' })
        .returning();
    }
    const changes: Record<string, unknown> = {};
    for (const k of EDITABLE) {
      const v = input[k];
      if (v === undefined) continue;
      const old = local[k];
      if (canonical(old) === canonical(v)) continue;
      changes[k] = v;
      await tx.insert(standardHistory).values({
        standardCode: code,
        jurisdiction: 'local',
        field: k,
        oldValue: old ?? null,
        newValue: v ?? null,
        effectiveFrom: input.effectiveFrom,
        changedBy: actor.userId,
      });
    }
    if (!Object.keys(changes).length && input.note === undefined) throw invalid({ _: '没有修改任何内容' }, '没有修改任何内容');
    await tx
      .update(standards)
      .set({
        ...changes,
        effectiveFrom: input.effectiveFrom,
        note: input.note ?? local.note,
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(eq(standards.id, local.id));
  });
}

export async function standardHistoryOf(q: Queryable, code: string) {
  const rows = await query<{
    id: number;
    field: string;
    oldValue: unknown;
    newValue: unknown;
    effectiveFrom: string;
    changedByName: string | null;
    changedAt: Date;
  }>(
    q,
    sql`
    SELECT h.id, h.field, h.old_value AS "oldValue", h.new_value AS "newValue", h.effective_from AS "effectiveFrom", u.display_name AS "changedByName", h.changed_at AS "changedAt"
    FROM standard_history h LEFT JOIN users u ON u.id = h.changed_by WHERE h.standard_code = ${code} ORDER BY h.id DESC`,
  );
  return rows.map((r) => ({ ...r, changedAt: new Date(r.changedAt).toISOString() }));
}
