// The spec a configuration line names (shared/spec-attributes.rules.ts) as SQL over a card's
// attributes: the same comparison specHolds makes, so the items the query offers are the ones the
// rule says fit. An item without a named number or choice does not fit; a yes/no absent is "no".
import { type SQL, sql } from 'drizzle-orm';
import { SPEC_ATTRIBUTES, SPEC_KEYS, type SpecAttributes, namedSpec } from '../../../shared/spec-attributes.rules.ts';

const OP = { min: sql`>=`, eq: sql`=`, max: sql`<=` } as const;

/**
 * "The card has a spec recorded": the predicate of the partial index cards_idle_spec_idx
 * (migrations/post/319), written out the same so the planner can use it. Keys are the code's own.
 */
const HAS_SPEC = sql.raw(`array[${SPEC_KEYS.map((k) => `'${k}'`).join(',')}]`);

/**
 * One condition per key the line names, over `attrs` (a jsonb expression such as c.attributes),
 * and, when any is named, that the card has a spec at all: an item whose spec was never recorded is
 * not offered to a line that names one (the index holds only the cards with a spec).
 */
export function specFitsSql(attrs: SQL, want: SpecAttributes | null | undefined): SQL[] {
  const named = namedSpec(want);
  if (!named.length) return [];
  return [
    sql`${attrs} ?| ${HAS_SPEC}`,
    ...named.map(([k, v]) => {
      const def = SPEC_ATTRIBUTES[k];
      if (def.kind === 'boolean') return sql`coalesce(${attrs}->${k}::text = 'true'::jsonb, false) = ${v === true}`;
      if (def.kind === 'enum') return sql`coalesce(${attrs}->>${k}::text = ${String(v)}::text, false)`;
      return sql`(CASE WHEN jsonb_typeof(${attrs}->${k}::text) = 'number' THEN (${attrs}->>${k}::text)::numeric ${OP[def.compare]} ${Number(v)}::numeric ELSE false END)`;
    }),
  ];
}
