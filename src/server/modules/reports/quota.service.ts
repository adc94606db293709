// 数量超标: what each unit holds against the quantity quotas of the allocation standards. The
// holdings come from workflow's set-based query and the allowed quantity from the one quota rule
// (shared/quota.rules.ts), the same two the configuration-request check uses.
import { issuerName } from './summary.queries.ts';
import { sql } from 'drizzle-orm';
import { quotaBasis } from '../../../shared/quota.rules.ts';
import type { QuotaQuery, QuotaRow, QuotaView } from '../../../shared/reports.contracts.ts';
import { type Actor, assertInScope, unitScope } from '../../platform/auth/actor.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import { quotaHoldings } from '../workflow/index.ts';
import { businessToday } from '../../platform/clock.ts';

/** Every unit × quota standard in scope with its figures (a few hundred rows: units × standards). */
async function quotaRows(q: Queryable, scope: 'all' | string[], asOf: string): Promise<QuotaRow[]> {
  const rows: QuotaRow[] = [];
  for (const h of await quotaHoldings(q, scope, asOf)) {
    const basis = quotaBasis(h.quota, h.facts);
    if (!basis) continue;
    rows.push({
      unitId: h.unitId,
      unitCode: h.unitCode,
      unitName: h.unitName,
      classified: h.facts.classified,
      standardCode: h.standardCode,
      standardName: h.standardName,
      ...basis,
      held: h.held,
      excess: Math.max(0, h.held - basis.allowed),
    });
  }
  return rows;
}

/**
 * The quota report within the caller's scope (`unitScope(actor, 'report.read')`), narrowed to one
 * unit when asked (outside the scope: 404). Rows over quota only, unless `showAll`: then every
 * row with a quota or holdings.
 */
/** The quota report in the actor's scope: the committee's roles see every unit, a unit's user their own; another unit's id answers 404. */
export async function quotaReport(q: Queryable, actor: Actor, f: QuotaQuery): Promise<QuotaView> {
  const scope = unitScope(actor, 'report.read');
  let unitName = await issuerName(q, scope);
  if (f.unitId) {
    assertInScope(f.unitId, scope, '单位');
    const unit = await queryOne<{ name: string }>(q, sql`SELECT name FROM units WHERE id = ${f.unitId}`);
    if (!unit) throw new AppError('not_found', '单位不存在');
    unitName = unit.name;
  }
  const asOf = businessToday();
  const all = await quotaRows(q, f.unitId ? [f.unitId] : scope, asOf);
  const items = all.filter((r) => (f.showAll ? r.held > 0 || r.allowed > 0 : r.held > r.allowed));
  const sum = (k: 'allowed' | 'held' | 'excess') => items.reduce((s, r) => s + r[k], 0);
  return { asOf, unitName, items, totals: { count: items.length, allowed: sum('allowed'), held: sum('held'), excess: sum('excess') } };
}

/** For the dashboard: per unit, how many standards' quotas it exceeds. */
export async function overQuotaByUnit(q: Queryable, scope: 'all' | string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const r of await quotaRows(q, scope, businessToday())) if (r.held > r.allowed) counts.set(r.unitId, (counts.get(r.unitId) ?? 0) + 1);
  return counts;
}
