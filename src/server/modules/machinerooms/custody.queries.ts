// Custody agreements and their register (登记造册): owner and manager shown apart on every line.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { CustodyDetail, CustodyQuery, CustodyView } from '../../../shared/machinerooms.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { type Actor, inScope, unitScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { likePattern, offsetOf } from '../../platform/db/paging.ts';
import { notFound } from '../../platform/errors.ts';

const select = (where: SQL, tail: SQL) => sql`
  select a.id, a.agreement_no as "agreementNo", a.unit_id as "unitId", u.name as "unitName", a.title,
    a.starts_on::text as "startsOn", a.ends_on::text as "endsOn", a.status, a.note, a.decision_note as "decisionNote",
    (select count(*)::int from custody_items i where i.agreement_id = a.id) as items,
    (select coalesce(sum(c.original_value_fen), 0)::float8 from custody_items i join cards c on c.id = i.card_id where i.agreement_id = a.id)
      as "originalValueFen"
  from custody_agreements a join units u on u.id = a.unit_id
  where ${where} ${tail}`;

const SORTS: Record<string, string> = { agreementNo: 'a.agreement_no', startsOn: 'a.starts_on' };

export async function listCustody(q: Queryable, actor: Actor, p: z.output<typeof CustodyQuery>): Promise<Page<CustodyView>> {
  const conds: SQL[] = [inScope('a.unit_id', unitScope(actor, 'custody.read'))];
  if (p.status) conds.push(sql`a.status = ${p.status}`);
  if (p.q) conds.push(sql`(a.agreement_no ilike ${likePattern(p.q)} or a.title ilike ${likePattern(p.q)})`);
  const where = sql.join(conds, sql` and `);
  const [{ n }] = await query<{ n: number }>(q, sql`select count(*)::int as n from custody_agreements a where ${where}`);
  const order = sql.raw(`${SORTS[p.sort ?? 'agreementNo']} ${p.sort ? p.order : 'desc'}, a.id`);
  const items = await query<CustodyView>(q, select(where, sql`order by ${order} limit ${p.pageSize} offset ${offsetOf(p)}`));
  return { items, total: n, page: p.page, pageSize: p.pageSize };
}

export async function getCustody(q: Queryable, actor: Actor, id: string): Promise<CustodyDetail> {
  const [a] = await query<CustodyView>(
    q,
    select(sql`a.id = ${id}::uuid and ${inScope('a.unit_id', unitScope(actor, 'custody.read'))}`, sql``),
  );
  if (!a) throw notFound('委托协议');
  const register = await query<CustodyDetail['register'][number]>(
    q,
    sql`select i.line, c.id as "cardId", c.card_no as "cardNo", c.name, c.spec, c.original_value_fen::float8 as "originalValueFen",
      ou.name as "ownerUnitName", mu.name as "managingUnitName",
      nullif(concat_ws(' ', m.name, r.code, case when s.id is not null then 'U' || s.u_low || '–U' || s.u_high end), '') as location
    from custody_items i join cards c on c.id = i.card_id
    join units ou on ou.id = c.unit_id join units mu on mu.id = c.managing_unit_id
    left join rack_slots s on s.card_id = c.id and s.kind = 'device'
    left join racks r on r.id = s.rack_id left join machine_rooms m on m.id = r.machine_room_id
    where i.agreement_id = ${id}::uuid order by i.line`,
  );
  return { ...a, register };
}
