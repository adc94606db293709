// What the card-io routes ask, with the caller's unit scope computed here (the routes pass the actor):
// the template for a unit, the unit an import goes to, the scope an export runs in, and labels.
import { sql } from 'drizzle-orm';
import type { CardFilter } from '../../../shared/assets.contracts.ts';
import type { LabelsResponse } from '../../../shared/card-io.contracts.ts';
import { assertInScope, scopeIncludes, unitScope, type Actor, type UnitScope } from '../../platform/auth/actor.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import { labelCards } from './card-labels.queries.ts';
import { buildTemplate } from './card-template.service.ts';

/** The import template, with the unit's own lists when the unit (named, or the caller's) is in scope; another named unit → 404. */
export async function templateFor(q: Queryable, actor: Actor, unitId: string | undefined): Promise<Buffer> {
  const scope = unitScope(actor, 'card.import');
  if (unitId) assertInScope(unitId, scope, '单位');
  const unit = unitId ?? actor.unitId ?? undefined;
  return buildTemplate(q, unit && scopeIncludes(scope, unit) ? unit : null);
}

/** The unit an import goes to: the one named (committee staff) or the caller's own; outside the scope or unknown → 404. */
export async function importUnitOf(q: Queryable, actor: Actor, unitId: string | undefined): Promise<string> {
  const scope = unitScope(actor, 'card.import');
  const id = unitId ?? actor.unitId ?? (scope !== 'all' && scope.length === 1 ? scope[0] : undefined);
  if (!id) throw new AppError('validation', '请选择导入到哪个单位', { unitId: '必填' });
  assertInScope(id, scope, '单位');
  const unit = await queryOne<{ id: string }>(q, sql`SELECT id FROM units WHERE id = ${id}`);
  if (!unit) throw new AppError('not_found', '单位不存在');
  return id;
}

/** The scope an export job runs in; a named unit outside it answers 404 now rather than as a failed job. */
export function exportScopeOf(actor: Actor, filter: CardFilter): UnitScope {
  const scope = unitScope(actor, 'card.export');
  if (filter.unitId) assertInScope(filter.unitId, scope, '单位');
  return scope;
}

/** The cards to label (the ids, or the filter's matches) within the caller's read scope. */
export async function labelsFor(q: Queryable, actor: Actor, sel: { ids?: string[]; filter: CardFilter }): Promise<LabelsResponse> {
  const scope = unitScope(actor, 'card.read');
  if (sel.filter.unitId) assertInScope(sel.filter.unitId, scope, '单位');
  return labelCards(q, scope, sel);
}
