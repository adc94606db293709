import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { LIST_IDS } from '../../shared/prefs.contracts.ts';
import { LIST_KINDS } from '../../shared/reports.contracts.ts';
import { DOCUMENT_TYPES } from '../../shared/workflow.contracts.ts';
import { query, type Queryable } from '../platform/db/engine.ts';

/**
 * How the route walker fills a path parameter: the key is the route's path up to and including
 * the parameter; the query returns the id of a record that belongs to unit 01 (`u1`), so a
 * persona of unit 02 must not reach it. `shared` marks records that belong to no unit (places,
 * the catalog, tokens): only the permission check applies to them.
 *
 * A module that adds a route with a new path parameter adds its line here; the walker fails
 * with a message naming the route until it does.
 */
export interface ParamSource {
  query?: (ctx: WalkerContext) => SQL;
  /** A parameter from a fixed vocabulary (a report kind, a document type): not a record. */
  vocabulary?: readonly string[];
  shared?: boolean;
  /**
   * The record lies within the O&M contract of the demo account 'vendor' and outside that of
   * 'vendor2': the walker checks that 'vendor2' cannot reach it.
   */
  contract?: boolean;
  /** For shared sources: the value to use when no row exists (a code from a fixed vocabulary). */
  fallback?: string;
}

export interface WalkerContext {
  /** Unit 01 and unit 02 (ids). */
  u1: string;
  u2: string;
  /** The account u01-admin, owner of the probe job. */
  u1AdminId: string;
}

/** The machine rooms under the contracts of the demo account 'vendor'. */
const VENDOR_ROOM = sql`select cr.machine_room_id from om_contract_rooms cr join om_contracts c on c.id = cr.contract_id
  join om_vendor_accounts a on a.vendor_id = c.vendor_id join users u on u.id = a.user_id where u.username = 'vendor'`;

export const PARAM_SOURCES: Record<string, ParamSource> = {
  // org
  '/api/units/:id': { query: ({ u1 }) => sql`select ${u1}::text as id` },
  '/api/departments/:id': { query: ({ u1 }) => sql`select id::text from departments where unit_id = ${u1} order by name limit 1` },
  '/api/staff/:id': { query: ({ u1 }) => sql`select id::text from staff where unit_id = ${u1} order by name limit 1` },
  '/api/users/:id': { query: ({ u1 }) => sql`select id::text from users where unit_id = ${u1} order by username limit 1` },
  '/api/compounds/:id': { shared: true, query: () => sql`select id::text from compounds order by code limit 1` },
  '/api/buildings/:id': { shared: true, query: () => sql`select id::text from buildings order by code limit 1` },
  '/api/floors/:id': { shared: true, query: () => sql`select id::text from floors order by level limit 1` },
  '/api/rooms/:id': { query: ({ u1 }) => sql`select id::text from rooms where unit_id = ${u1} order by code limit 1` },
  // A transfer may go to any unit: its writer reads the receiving unit's names by design (ids and names only).
  '/api/transfer-targets/:id': { shared: true, query: ({ u1 }) => sql`select ${u1}::text as id` },
  '/api/rooms/:id/occupants/:staffId': { query: ({ u1 }) => sql`select id::text from staff where unit_id = ${u1} order by name limit 1` },
  // catalog
  '/api/categories/:id': { shared: true, query: () => sql`select id::text from categories order by path limit 1` },
  // assets
  '/api/cards/:id': { query: ({ u1 }) => sql`select id::text from cards where unit_id = ${u1} order by card_no limit 1` },
  '/api/cards/:id/attachments/:attachmentId': {
    query: ({ u1 }) => sql`select id::text from card_attachments where unit_id = ${u1} limit 1`,
  },
  // list settings: a list id from the vocabulary; a saved filter shared with unit 01
  '/api/list-settings/:listId': { shared: true, vocabulary: LIST_IDS },
  '/api/saved-filters/:id': {
    query: ({ u1 }) => sql`select id::text from saved_filters where unit_id = ${u1} order by created_at limit 1`,
  },
  // self-service (扫码自助): a report on a unit-01 card
  '/api/card-reports/:id': { query: ({ u1 }) => sql`select id::text from card_reports where unit_id = ${u1} order by created_at limit 1` },
  // finance
  '/api/depreciation/runs/:id': {
    query: ({ u1 }) => sql`select id::text from depreciation_runs where unit_id = ${u1} order by month limit 1`,
  },
  '/api/depreciation/workloads/:unitId': { query: ({ u1 }) => sql`select ${u1}::text as id` },
  '/api/depreciation/cards/:id': { query: ({ u1 }) => sql`select id::text from cards where unit_id = ${u1} order by card_no limit 1` },
  '/api/books/takeover/:unitId': { query: ({ u1 }) => sql`select ${u1}::text as id` },
  '/api/books/reopen/:id': { query: ({ u1 }) => sql`select id::text from period_reopenings where unit_id = ${u1} limit 1` },
  // workflow
  '/api/documents/:id': {
    query: ({ u1, u2 }) =>
      sql`select id::text from documents where unit_id = ${u1} and counterpart_unit_id is distinct from ${u2} order by created_at limit 1`,
  },
  // a document's attachment: on the walker's unit-01 document above (the walker's setup adds one)
  '/api/documents/:id/attachments/:attachmentId': {
    query: ({ u1, u2 }) =>
      sql`select a.id::text from document_attachments a where a.document_id = (select id from documents where unit_id = ${u1}
        and counterpart_unit_id is distinct from ${u2} order by created_at limit 1) limit 1`,
  },
  // income: an executed document of unit 01 with income (the walker's setup adds one when the seed has none).
  '/api/income/:id': {
    query: ({ u1 }) =>
      sql`select id::text from documents where unit_id = ${u1} and status = 'executed' and type in ('disposal', 'lending')
        and payload ? 'incomeFen' order by created_at limit 1`,
  },
  '/api/delegations/:id': { query: ({ u1 }) => sql`select id::text from approval_delegations where unit_id = ${u1} limit 1` },
  '/api/chains/:type': { shared: true, vocabulary: Object.keys(DOCUMENT_TYPES) },
  '/api/standards/:code': { shared: true, fallback: 'desktop', query: () => sql`select code as id from standards order by code limit 1` },
  // reports
  '/api/reports/lists/:kind': { shared: true, vocabulary: Object.keys(LIST_KINDS) },
  '/api/reports/filings/:id': { query: ({ u1 }) => sql`select id::text from report_filings where unit_id = ${u1} limit 1` },
  '/api/reports/edition-map/:code': {
    shared: true,
    fallback: '2010000',
    query: () => sql`select code_2010 as id from category_edition_map order by code_2010 limit 1`,
  },
  // pool: the catalogue is every unit's to see and request from (DOMAIN §8), so a listing is shared;
  // withdrawing another unit's listing answers 404 (pool.test.ts). Requests belong to the requesting unit.
  '/api/pool/listings/:id': {
    shared: true,
    query: ({ u1 }) => sql`select id::text from pool_listings where unit_id = ${u1} order by id limit 1`,
  },
  // A listing's photos are the pool's, seen by every unit (docs/decisions.md): a photo of the listing above.
  '/api/pool/listings/:id/photos/:photoId': {
    shared: true,
    query: ({ u1 }) => sql`select a.id::text from card_attachments a join pool_listings pl on pl.card_id = a.card_id
      where pl.id = (select id from pool_listings where unit_id = ${u1} order by id limit 1) and a.kind = 'photo' order by a.id limit 1`,
  },
  '/api/pool/requests/:id': { query: ({ u1 }) => sql`select id::text from pool_requests where unit_id = ${u1} limit 1` },
  '/api/pool/repairs/:id': { query: ({ u1 }) => sql`select id::text from pool_repairs where unit_id = ${u1} limit 1` },
  '/api/pool/lots/:id': { query: ({ u1 }) => sql`select id::text from pool_disposal_lots where unit_id = ${u1} limit 1` },
  // evaluation: a unit evaluates itself (another unit's id answers 404); violations are the committee's to handle.
  '/api/evaluation/units/:id': { query: ({ u1 }) => sql`select ${u1}::text as id` },
  '/api/accountability/:id': { query: ({ u1 }) => sql`select id::text from accountability_records where unit_id = ${u1} limit 1` },
  // sharing
  '/api/sharing/resources/:id': { shared: true, query: () => sql`select id::text from sharing_resources order by code limit 1` },
  '/api/sharing/photos/:id': { shared: true, query: () => sql`select id::text from sharing_resource_photos order by created_at limit 1` },
  '/api/bookings/:id': { query: ({ u1 }) => sql`select id::text from bookings where unit_id = ${u1} order by starts_at limit 1` },
  // inventory (the small demo has a count of unit 01 under way)
  '/api/counts/:id': {
    query: ({ u1 }) => sql`select id::text from counts where unit_ids = array[${u1}]::uuid[] order by created_at limit 1`,
  },
  // machine rooms: rooms, racks, vendors and contracts are the committee's (no unit); the records
  // below are those of the first demo room, under the contract of the demo account 'vendor'.
  '/api/machine-rooms/:id': {
    shared: true,
    contract: true,
    query: () => sql`select id::text from machine_rooms where id in (${VENDOR_ROOM}) limit 1`,
  },
  '/api/racks/:id': {
    shared: true,
    contract: true,
    query: () => sql`select id::text from racks where machine_room_id in (${VENDOR_ROOM}) order by code limit 1`,
  },
  '/api/rack-slots/:id': {
    shared: true,
    contract: true,
    query: () =>
      sql`select s.id::text from rack_slots s join racks r on r.id = s.rack_id where r.machine_room_id in (${VENDOR_ROOM}) order by s.u_low limit 1`,
  },
  '/api/om/vendors/:id': {
    shared: true,
    contract: true,
    query: () => sql`select a.vendor_id::text as id from om_vendor_accounts a join users u on u.id = a.user_id where u.username = 'vendor'`,
  },
  // a sign-in account bound to the vendor of 'vendor' (its own username)
  '/api/om/vendors/:id/accounts/:username': { shared: true, contract: true, query: () => sql`select 'vendor' as id` },
  '/api/om/contracts/:id': {
    shared: true,
    contract: true,
    query: () =>
      sql`select c.id::text from om_contracts c join om_vendor_accounts a on a.vendor_id = c.vendor_id join users u on u.id = a.user_id
          where u.username = 'vendor' limit 1`,
  },
  '/api/work-orders/:id': {
    contract: true,
    query: ({ u1 }) =>
      sql`select id::text from work_orders where unit_id = ${u1} and machine_room_id in (${VENDOR_ROOM}) order by order_no limit 1`,
  },
  '/api/inspections/:id': {
    shared: true,
    contract: true,
    query: () => sql`select id::text from inspections where machine_room_id in (${VENDOR_ROOM}) order by due_at limit 1`,
  },
  '/api/om/scorecards/:id': {
    shared: true,
    contract: true,
    query: () =>
      sql`select s.id::text from om_scorecards s join om_contract_rooms cr on cr.contract_id = s.contract_id
          where cr.machine_room_id in (${VENDOR_ROOM}) order by s.month limit 1`,
  },
  // information points: unit 01's point in the first demo room (a unit sees the points serving it,
  // a vendor its contract rooms' points); a patch cord of that room.
  '/api/info-points/:id': {
    contract: true,
    query: ({ u1 }) =>
      sql`select id::text from info_points where unit_id = ${u1} and machine_room_id in (${VENDOR_ROOM}) order by code limit 1`,
  },
  '/api/net-links/:id': {
    shared: true,
    contract: true,
    query: () =>
      sql`select e.link_id::text as id from net_links e join net_ports p on p.id = e.port_id where p.machine_room_id in (${VENDOR_ROOM})
          order by p.device, p.port limit 1`,
  },
  // the SLA calendar is the committee's, a year at a time
  '/api/om/calendar/:year': { vocabulary: ['2027'] },
  '/api/custody/:id': { query: ({ u1 }) => sql`select id::text from custody_agreements where unit_id = ${u1} limit 1` },
  // platform
  '/api/jobs/:id': { query: ({ u1AdminId }) => sql`select id::text from jobs where created_by = ${u1AdminId} limit 1` },
  '/api/tokens/:id': { shared: true, query: () => sql`select id::text from api_tokens limit 1` },
  // notifications: one's own (another's answers 404); channels and deliveries are the administrator's
  '/api/notifications/:id': {
    query: ({ u1AdminId }) => sql`select id::text from notifications where user_id = ${u1AdminId} order by id limit 1`,
  },
  '/api/notification-channels/:id': { shared: true, query: () => sql`select id::text from notification_channels limit 1` },
  '/api/notification-deliveries/:id': { shared: true, query: () => sql`select id::text from notification_deliveries limit 1` },
};

export interface FilledRoute {
  url: string;
  /** True when a parameter names a unit-01 record (the cross-unit check applies). */
  scoped: boolean;
  /** True when a parameter names a record of the contract of 'vendor' (the cross-vendor check applies). */
  contract: boolean;
  /** Why a parameter could not be filled with a real record (the url then carries a random id). */
  problem?: string;
}

/** Replaces each `:param` of a route with a unit-01 record's id (or a shared record's). */
export async function fillParams(q: Queryable, route: string, ctx: WalkerContext): Promise<FilledRoute> {
  const parts = route.split('/');
  let scoped = false;
  let contract = false;
  let problem: string | undefined;
  for (let i = 0; i < parts.length; i++) {
    if (!parts[i].startsWith(':')) continue;
    const key = route
      .split('/')
      .slice(0, i + 1)
      .join('/');
    const source = PARAM_SOURCES[key];
    if (!source)
      throw new Error(`route ${route} has a path parameter the walker cannot fill (${key}): add it to src/server/testing/walker-ids.ts`);
    const [row] = source.query ? await query<{ id: string }>(q, source.query(ctx)) : [];
    const value = source.vocabulary?.[0] ?? row?.id ?? source.fallback;
    if (value === undefined) {
      // The access checks still run (they come before the record is looked up); the scope check cannot.
      problem ??= `no record for ${key} in unit 01: the small demo seed should create one (or fix its query in walker-ids.ts)`;
      parts[i] = crypto.randomUUID();
      continue;
    }
    parts[i] = encodeURIComponent(value);
    if (!source.shared) scoped = true;
    if (source.contract) contract = true;
  }
  return { url: parts.join('/'), scoped: scoped && !problem, contract: contract && !problem, problem };
}

/**
 * For a route whose parameters all come from vocabularies (a list by kind), its url for every
 * value; undefined when a parameter names a record.
 */
export function vocabularyUrls(route: string): string[] | undefined {
  const parts = route.split('/');
  let urls = [''];
  for (let i = 1; i < parts.length; i++) {
    if (!parts[i].startsWith(':')) {
      urls = urls.map((u) => `${u}/${parts[i]}`);
      continue;
    }
    const vocabulary = PARAM_SOURCES[parts.slice(0, i + 1).join('/')]?.vocabulary;
    if (!vocabulary) return undefined;
    urls = urls.flatMap((u) => vocabulary.map((v) => `${u}/${encodeURIComponent(v)}`));
  }
  return urls;
}

/** Unit-owned tables every unit may list by design: the pool's catalogue (DOMAIN §8). */
const SHARED_ACROSS_UNITS = ['pool_listings'];
/** Rows of a unit-owned table that every unit sees by design: the photos of a pool listing (the pool's catalogue). */
const SEEN_BY_ALL: Record<string, string> = {
  card_attachments: `not (kind = 'photo' and card_id in (select card_id from pool_listings))`,
};

/**
 * Every uuid of a record unit 01 owns (tables with a `unit_id` column), leaving out records that
 * also name unit 02 in another unit column (a transfer between the two is rightly seen by both).
 */
export async function unitOwnedIds(q: Queryable, ctx: WalkerContext): Promise<Set<string>> {
  const cols = await query<{ table: string; column: string; type: string }>(
    q,
    sql`
    select c.table_name as "table", c.column_name as "column", c.data_type as type from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' order by c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, { column: string; type: string }[]>();
  for (const c of cols) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  const ids = new Set<string>();
  for (const [table, columns] of byTable) {
    if (SHARED_ACROSS_UNITS.includes(table)) continue;
    if (!columns.some((c) => c.column === 'unit_id') || !columns.some((c) => c.column === 'id' && c.type === 'uuid')) continue;
    const others = columns.filter((c) => c.column !== 'unit_id' && c.column.endsWith('unit_id') && c.type === 'uuid');
    const notU2 = others.map((c) => `"${c.column}" is distinct from '${ctx.u2}'`).join(' and ') || 'true';
    const rows = await query<{ id: string }>(
      q,
      sql.raw(`select id::text as id from "${table}" where unit_id = '${ctx.u1}' and ${notU2} and ${SEEN_BY_ALL[table] ?? 'true'}`),
    );
    for (const r of rows) ids.add(r.id);
  }
  return ids;
}

/**
 * Every id a vendor account must not see: the records of other modules it has no business with
 * (cards outside its contracts' racks and lists, documents, staff, other accounts, custody agreements, …) and
 * the machine rooms, racks, slots, contracts, vendors and work orders outside its contracts.
 */
export async function outsideContractIds(q: Queryable, username: string): Promise<Set<string>> {
  const me = sql`(select id from users where username = ${username})`;
  const vendorId = sql`(select vendor_id from om_vendor_accounts where user_id = ${me})`;
  const contracts = sql`(select id from om_contracts where vendor_id = ${vendorId})`;
  const rooms = sql`(select machine_room_id from om_contract_rooms where contract_id in ${contracts})`;
  const rows = await query<{ id: string }>(
    q,
    sql`
    select id::text from cards where id not in (select s.card_id from rack_slots s join racks r on r.id = s.rack_id
      where s.card_id is not null and r.machine_room_id in ${rooms})
      and id not in (select card_id from om_contract_cards where contract_id in ${contracts})
    union all select id::text from documents
    union all select id::text from staff
    union all select id::text from users where id <> ${me}
    union all select id::text from custody_agreements
    union all select id::text from machine_rooms where id not in ${rooms}
    union all select id::text from rack_rows where machine_room_id not in ${rooms}
    union all select id::text from racks where machine_room_id not in ${rooms}
    union all select s.id::text from rack_slots s join racks r on r.id = s.rack_id where r.machine_room_id not in ${rooms}
    union all select id::text from om_contracts where id not in ${contracts}
    union all select id::text from om_vendors where id is distinct from ${vendorId}
    union all select id::text from work_orders where contract_id not in ${contracts}
    union all select id::text from inspections where contract_id not in ${contracts}
    union all select id::text from om_scorecards where contract_id not in ${contracts}
    union all select id::text from inspection_items where machine_room_id not in ${rooms}
    union all select id::text from info_points where machine_room_id not in ${rooms}`,
  );
  return new Set(rows.map((r) => r.id));
}
