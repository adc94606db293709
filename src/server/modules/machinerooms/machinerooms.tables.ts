import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { DEFAULT_PAYMENT_RULE, DEFAULT_SCORECARD_RULES } from '../../../shared/machinerooms.contracts.ts';
import { cards } from '../assets/card.tables.ts';
import { rooms, units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });

/**
 * A data-centre machine room (机房, docs/domain.md §11) managed by the committee: its floor area and
 * its grade per GB 50174 (A/B/C). Optionally the org place it occupies. No unit_id: the committee
 * manages it for every unit; vendors see it through their contract's scope.
 */
export const machineRooms = pgTable('machine_rooms', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  placeId: uuid('place_id').references(() => rooms.id),
  areaM2: numeric('area_m2', { precision: 10, scale: 2 }).notNull(),
  grade: text('grade').notNull(), // A | B | C
  note: text('note'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** A row of racks (列) in a machine room. */
export const rackRows = pgTable('rack_rows', {
  id: uuid('id').primaryKey().defaultRandom(),
  machineRoomId: uuid('machine_room_id')
    .notNull()
    .references(() => machineRooms.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
});

/** A rack (机柜): its height in U and its power budget in watts. */
export const racks = pgTable(
  'racks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    machineRoomId: uuid('machine_room_id')
      .notNull()
      .references(() => machineRooms.id),
    rowId: uuid('row_id')
      .notNull()
      .references(() => rackRows.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    heightU: integer('height_u').notNull().default(42),
    powerBudgetW: integer('power_budget_w').notNull().default(5000),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('racks_room_idx').on(t.machineRoomId, t.rowId, t.position)],
);

/**
 * What occupies a U range of a rack: a device (an asset card) or a reservation (预留) with its
 * reason. One table, so the exclusion constraint of migrations/post/190_rack_slots.sql refuses two
 * devices in one U and a reservation over a device alike. `side`: front | rear (a half-depth device
 * or reservation on one face) or both (full depth).
 */
export const rackSlots = pgTable(
  'rack_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rackId: uuid('rack_id')
      .notNull()
      .references(() => racks.id),
    kind: text('kind').notNull(), // device | reservation
    uLow: integer('u_low').notNull(),
    uHigh: integer('u_high').notNull(),
    side: text('side').notNull().default('both'),
    cardId: uuid('card_id').references(() => cards.id),
    label: text('label'),
    powerW: integer('power_w').notNull().default(0),
    reason: text('reason'),
    reservedUntil: date('reserved_until'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('rack_slots_rack_idx').on(t.rackId, t.uLow), index('rack_slots_card_idx').on(t.cardId)],
);

/** An O&M vendor (运维服务商), chosen by tender. */
export const omVendors = pgTable('om_vendors', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  creditCode: text('credit_code'),
  contact: text('contact'),
  phone: text('phone'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Which vendor a sign-in account with the vendor role works for: the root of the vendor's scope. */
export const omVendorAccounts = pgTable('om_vendor_accounts', {
  userId: uuid('user_id').primaryKey(),
  vendorId: uuid('vendor_id')
    .notNull()
    .references(() => omVendors.id),
});

/**
 * An O&M contract (运维合同): vendor, period, amount, and the SLA per priority (`sla`: per priority
 * the response, on-site and resolution minutes and whether the clock runs in business hours or 24×7).
 * Business hours are minutes after local midnight on ISO weekdays 1–5.
 */
export const omContracts = pgTable('om_contracts', {
  id: uuid('id').primaryKey().defaultRandom(),
  contractNo: text('contract_no').notNull().unique(),
  name: text('name').notNull(),
  vendorId: uuid('vendor_id')
    .notNull()
    .references(() => omVendors.id),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  amountFen: fen('amount_fen').notNull(),
  sla: jsonb('sla').notNull(),
  businessFrom: integer('business_from').notNull().default(540),
  businessTo: integer('business_to').notNull().default(1080),
  /** When the vendor inspects each room (巡检): `{ frequency, weekday?, monthDay?, dueBy }`, docs/domain.md §11. */
  inspectionSchedule: jsonb('inspection_schedule').notNull().default({ frequency: 'daily', dueBy: '17:00' }),
  /** The monthly scorecard's rules: full marks, pass mark, per item the points and penalty (docs/domain.md §11). */
  scorecardRules: jsonb('scorecard_rules').notNull().default(DEFAULT_SCORECARD_RULES),
  /** The year's mean score → share of the contract amount paid (bands). */
  paymentRule: jsonb('payment_rule').notNull().default(DEFAULT_PAYMENT_RULE),
  /** The availability the vendor guarantees, in basis points (9990 = 99.90 %). */
  availabilityTargetBp: integer('availability_target_bp').notNull().default(9990),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** The machine rooms a contract covers (its scope). */
export const omContractRooms = pgTable(
  'om_contract_rooms',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => omContracts.id),
    machineRoomId: uuid('machine_room_id')
      .notNull()
      .references(() => machineRooms.id),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.machineRoomId] })],
);

/**
 * The asset cards a contract covers beyond its racks (its scope: "which rooms and cards"), e.g. a
 * room's UPS or precision air conditioner, or a switch not placed in a managed rack. Each is
 * maintained from one of the contract's rooms (machine_room_id), where its work orders are counted.
 */
export const omContractCards = pgTable(
  'om_contract_cards',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => omContracts.id),
    cardId: uuid('card_id')
      .notNull()
      .references(() => cards.id),
    machineRoomId: uuid('machine_room_id')
      .notNull()
      .references(() => machineRooms.id),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.cardId] }), index('om_contract_cards_card_idx').on(t.cardId)],
);

/**
 * A work order (运维工单): a fault reported by a unit (unit_id: the reporting unit, the committee's
 * own unit when the committee reports) on a card or a rack, handled by the contract's vendor. The
 * SLA deadlines are fixed when reported (from the contract's SLA for the priority).
 */
export const workOrders = pgTable(
  'work_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderNo: text('order_no').notNull().unique(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => omContracts.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    machineRoomId: uuid('machine_room_id')
      .notNull()
      .references(() => machineRooms.id),
    rackId: uuid('rack_id').references(() => racks.id),
    cardId: uuid('card_id').references(() => cards.id),
    /** The information point at fault, when the report names one (its room and patch-panel rack). */
    pointId: uuid('point_id').references(() => infoPoints.id),
    priority: text('priority').notNull(), // p1 | p2 | p3 | p4
    clock: text('clock').notNull(), // business | 24x7
    title: text('title').notNull(),
    description: text('description'),
    status: text('status').notNull(), // reported | accepted | on_site | resolved | confirmed
    reportedBy: uuid('reported_by').notNull(),
    reporterName: text('reporter_name').notNull(),
    reportedAt: ts('reported_at').notNull(),
    acceptedAt: ts('accepted_at'),
    arrivedAt: ts('arrived_at'),
    resolvedAt: ts('resolved_at'),
    confirmedAt: ts('confirmed_at'),
    responseDue: ts('response_due').notNull(),
    onsiteDue: ts('onsite_due').notNull(),
    resolveDue: ts('resolve_due').notNull(),
    resolution: text('resolution'),
    reopenCount: integer('reopen_count').notNull().default(0),
  },
  (t) => [index('work_orders_contract_idx').on(t.contractId, t.reportedAt), index('work_orders_unit_idx').on(t.unitId, t.reportedAt)],
);

/**
 * A room's inspection checklist (巡检项): a reading with its expected range (temperature, humidity,
 * power, UPS) or a check (fire, access). Replaced as a whole by the committee; an inspection keeps a
 * copy of each item it was done against.
 */
export const inspectionItems = pgTable(
  'inspection_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    machineRoomId: uuid('machine_room_id')
      .notNull()
      .references(() => machineRooms.id),
    position: integer('position').notNull(),
    category: text('category').notNull(), // temperature | humidity | power | ups | fire | access
    label: text('label').notNull(),
    kind: text('kind').notNull(), // reading | check
    unit: text('unit'),
    minValue: numeric('min_value', { precision: 12, scale: 2 }),
    maxValue: numeric('max_value', { precision: 12, scale: 2 }),
  },
  (t) => [index('inspection_items_room_idx').on(t.machineRoomId, t.position)],
);

/**
 * One scheduled inspection of a room under a contract, due at `due_at` (the schedule's day and
 * time). Done by the vendor with readings and a photo; not done by its due time, it is missed (a
 * scorecard deduction), computed against "now" at every read.
 */
export const inspections = pgTable(
  'inspections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => omContracts.id),
    machineRoomId: uuid('machine_room_id')
      .notNull()
      .references(() => machineRooms.id),
    dueOn: date('due_on').notNull(),
    dueAt: ts('due_at').notNull(),
    doneAt: ts('done_at'),
    doneBy: uuid('done_by'),
    inspectorName: text('inspector_name'),
    note: text('note'),
    anomalies: integer('anomalies').notNull().default(0),
    photoType: text('photo_type'),
    photoBase64: text('photo_base64'),
  },
  (t) => [
    uniqueIndex('inspections_once').on(t.contractId, t.machineRoomId, t.dueOn),
    index('inspections_due_idx').on(t.contractId, t.dueAt),
  ],
);

/** A reading of an inspection, with the item as it was (label, range) and whether it is out of range. */
export const inspectionReadings = pgTable(
  'inspection_readings',
  {
    inspectionId: uuid('inspection_id')
      .notNull()
      .references(() => inspections.id),
    position: integer('position').notNull(),
    itemId: uuid('item_id').notNull(),
    category: text('category').notNull(),
    label: text('label').notNull(),
    kind: text('kind').notNull(),
    unit: text('unit'),
    minValue: numeric('min_value', { precision: 12, scale: 2 }),
    maxValue: numeric('max_value', { precision: 12, scale: 2 }),
    value: numeric('value', { precision: 12, scale: 2 }),
    ok: boolean('ok'),
    outOfRange: boolean('out_of_range').notNull(),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.inspectionId, t.itemId] })],
);

/** The vendor's monthly O&M report as submitted (报送): late after the rules' due day of the next month. */
export const omMonthlyReports = pgTable(
  'om_monthly_reports',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => omContracts.id),
    month: date('month').notNull(), // first day of the month
    submittedAt: ts('submitted_at').notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    submitterName: text('submitter_name').notNull(),
    summary: text('summary'),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.month] })],
);

/**
 * A contract's monthly scorecard (月度考核): computed from the month's work orders, inspections and
 * report per the contract's rules; reviewed, then locked by the committee. `lines` keep each item's
 * count, points and penalty as computed; a locked scorecard never changes.
 */
export const omScorecards = pgTable(
  'om_scorecards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => omContracts.id),
    month: date('month').notNull(),
    status: text('status').notNull(), // draft | reviewed | locked
    fullMarks: numeric('full_marks', { precision: 6, scale: 1 }).notNull(),
    passMark: numeric('pass_mark', { precision: 6, scale: 1 }).notNull(),
    score: numeric('score', { precision: 6, scale: 1 }).notNull(),
    penaltyFen: fen('penalty_fen').notNull(),
    lines: jsonb('lines').notNull(),
    computedAt: ts('computed_at').notNull(),
    computedBy: uuid('computed_by').notNull(),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
    reviewNote: text('review_note'),
    lockedBy: uuid('locked_by'),
    lockedAt: ts('locked_at'),
  },
  (t) => [uniqueIndex('om_scorecards_month').on(t.contractId, t.month)],
);

/** The vendor's statement (结算清单) per contract and month: the month's fee and the penalty lines of its locked scorecard. */
export const omStatementLines = pgTable(
  'om_statement_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => omContracts.id),
    month: date('month').notNull(),
    kind: text('kind').notNull(), // fee | penalty
    description: text('description').notNull(),
    amountFen: fen('amount_fen').notNull(),
    scorecardId: uuid('scorecard_id').references(() => omScorecards.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('om_statement_lines_month').on(t.contractId, t.month)],
);

/**
 * A custody agreement (委托管理协议): the owner unit hands the management of the listed cards to the
 * committee (owner unchanged, managing unit = committee) while in force; its end hands them back.
 */
export const custodyAgreements = pgTable('custody_agreements', {
  id: uuid('id').primaryKey().defaultRandom(),
  agreementNo: text('agreement_no').notNull().unique(),
  unitId: uuid('unit_id')
    .notNull()
    .references(() => units.id),
  title: text('title').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on'),
  status: text('status').notNull(), // submitted | in_force | rejected | ended
  note: text('note'),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  decidedBy: uuid('decided_by'),
  decidedAt: ts('decided_at'),
  decisionNote: text('decision_note'),
  endedBy: uuid('ended_by'),
  endedAt: ts('ended_at'),
});

/** The register (登记造册): one line per card; `active` while the agreement is pending or in force. */
export const custodyItems = pgTable(
  'custody_items',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => custodyAgreements.id),
    cardId: uuid('card_id')
      .notNull()
      .references(() => cards.id),
    line: integer('line').notNull(),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.cardId] })],
);

/** What happened in the module, by whom: written in the same transaction as the change. */
export const machineroomEvents = pgTable(
  'machineroom_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    at: ts('at').notNull().defaultNow(),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [index('machineroom_events_entity_idx').on(t.entityId)],
);

/**
 * A port of the machine room's cabling: a patch-panel port (kind panel) or a switch port (kind
 * switch), named by its device (the panel or switch label) and port, in a rack of the room.
 */
export const netPorts = pgTable(
  'net_ports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    machineRoomId: uuid('machine_room_id')
      .notNull()
      .references(() => machineRooms.id),
    rackId: uuid('rack_id').references(() => racks.id),
    kind: text('kind').notNull(), // panel | switch
    device: text('device').notNull(),
    port: text('port').notNull(),
  },
  (t) => [uniqueIndex('net_ports_name').on(t.machineRoomId, t.device, t.port)],
);

/**
 * The ends of the links between ports: a patch cord (kind patch, on a panel's front or a switch
 * port) or a permanent cable (kind cable, a panel's rear to another panel); a link is two rows
 * with one `link_id`. The key (port, kind) lets a port hold at most one link of each kind, so a
 * trace from a point's panel port to its switch port never forks.
 */
export const netLinks = pgTable(
  'net_links',
  {
    linkId: uuid('link_id').notNull(),
    portId: uuid('port_id')
      .notNull()
      .references(() => netPorts.id),
    kind: text('kind').notNull(), // patch | cable
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.portId, t.kind] }), index('net_links_link_idx').on(t.linkId)],
);

/**
 * An information point (信息点, docs/domain.md §11): an office port cabled to a patch-panel port of a
 * machine room, serving a unit's office (unit_id: the unit served, the scope a unit sees it by),
 * with its status and VLAN. Installed, moved and removed by a unit's request document.
 */
export const infoPoints = pgTable(
  'info_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    machineRoomId: uuid('machine_room_id')
      .notNull()
      .references(() => machineRooms.id),
    panelPortId: uuid('panel_port_id')
      .notNull()
      .unique()
      .references(() => netPorts.id),
    unitId: uuid('unit_id').references(() => units.id),
    officeRoomId: uuid('office_room_id').references(() => rooms.id),
    officePort: text('office_port'),
    status: text('status').notNull(), // active | spare | faulty | removed
    vlan: integer('vlan'),
    note: text('note'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('info_points_unit_idx').on(t.unitId, t.code), index('info_points_room_idx').on(t.machineRoomId, t.code)],
);

/**
 * The committee's working calendar for business-hours SLA clocks: a public holiday (holiday, a
 * weekday off) or an adjusted working day (workday, 调休: a weekend day worked). Other days follow
 * the contract's weekdays.
 */
export const omCalendarDays = pgTable('om_calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind').notNull(), // holiday | workday
  name: text('name').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
