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
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });

/**
 * A bookable shared resource (共享资源): a room of the org's places, a piece of equipment or a pooled
 * vehicle (an asset card), or a service window. Managed by the committee, so it carries no unit_id:
 * who may book is `allowed_unit_ids` (null: every unit).
 */
export const sharingResources = pgTable('sharing_resources', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: text('kind').notNull(), // room | equipment | vehicle | window
  roomId: uuid('room_id'),
  cardId: uuid('card_id'),
  location: text('location'),
  capacity: integer('capacity'),
  equipment: text('equipment').array().notNull().default([]),
  /** Opening hours in minutes after local midnight (Asia/Shanghai), and the ISO weekdays (1 = Monday). */
  openFrom: integer('open_from').notNull().default(480),
  openTo: integer('open_to').notNull().default(1080),
  openDays: integer('open_days').array().notNull().default([1, 2, 3, 4, 5]),
  slotMinutes: integer('slot_minutes').notNull().default(30),
  /** Kept free after each booking (cleaning, handover); part of the database's non-overlap rule. */
  bufferMinutes: integer('buffer_minutes').notNull().default(0),
  minNoticeMinutes: integer('min_notice_minutes').notNull().default(0),
  maxAheadDays: integer('max_ahead_days').notNull().default(60),
  maxMinutes: integer('max_minutes').notNull().default(480),
  needsApproval: boolean('needs_approval').notNull().default(false),
  allowedUnitIds: uuid('allowed_unit_ids').array(),
  /** Roles that may book (e.g. only unit leaders for the auditorium); null: every role that books. */
  allowedRoles: text('allowed_roles').array(),
  /** Days the resource is sealed (holidays: vehicles sealed). */
  blackoutDates: date('blackout_dates').array().notNull().default([]),
  feePerHourFen: fen('fee_per_hour_fen').notNull().default(0),
  /**
   * Check-in (签到) by the QR code at the resource: a confirmed booking nobody checks in to within this
   * many minutes of its start is released (no-show). Null: no check-in asked.
   */
  checkinGraceMinutes: integer('checkin_grace_minutes'),
  /** Quotas (配额): booked minutes per unit and per person in a week or a calendar month (business zone). */
  quotaPeriod: text('quota_period'), // week | month
  unitQuotaMinutes: integer('unit_quota_minutes'),
  personQuotaMinutes: integer('person_quota_minutes'),
  active: boolean('active').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * A booking (预订) of one resource by one unit and person. Pending (a tentative hold awaiting
 * approval) and confirmed bookings block their span plus the resource's buffer: the exclusion
 * constraint of migrations/post/140_bookings.sql refuses an overlap whoever writes.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 'YD' + business year + a sequence: what people quote on the phone. */
    bookingNo: text('booking_no').notNull().unique(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => sharingResources.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    bookedBy: uuid('booked_by').notNull(),
    personName: text('person_name').notNull(),
    title: text('title').notNull(),
    attendees: integer('attendees'),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    /** ends_at plus the resource's buffer at booking time: the end of the span the constraint blocks. */
    blockedUntil: ts('blocked_until').notNull(),
    /** The resource's rate when booked: a later change of the rate does not rewrite past charges. */
    feePerHourFen: fen('fee_per_hour_fen').notNull().default(0),
    status: text('status').notNull(), // pending | confirmed | rejected | cancelled | no_show
    /** Weekly repeats share a series id. */
    seriesId: uuid('series_id'),
    // Trips (vehicles): the request and the trip log.
    destination: text('destination'),
    passengers: integer('passengers'),
    driver: text('driver'),
    odometerOut: integer('odometer_out'),
    odometerIn: integer('odometer_in'),
    tripCostFen: fen('trip_cost_fen'),
    /** Fuel put in on the trip (litres), recorded at return with the costs. */
    fuelLitres: numeric('fuel_litres', { precision: 8, scale: 2, mode: 'number' }),
    dispatchedAt: ts('dispatched_at'),
    returnedAt: ts('returned_at'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
    cancelledAt: ts('cancelled_at'),
    /** Checked in at the resource (QR); a no-show is released at start + the grace period. */
    checkedInAt: ts('checked_in_at'),
    /** Finished early (提前结束): the end moved back to this moment, the rest of the slot freed. */
    finishedAt: ts('finished_at'),
    releasedAt: ts('released_at'),
    version: integer('version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('bookings_unit_idx').on(t.unitId, t.startsAt),
    index('bookings_resource_idx').on(t.resourceId, t.startsAt),
    index('bookings_series_idx').on(t.seriesId),
  ],
);

/** What happened to a booking or a resource, by whom: written in the same transaction as the change. */
export const sharingEvents = pgTable(
  'sharing_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    bookingId: uuid('booking_id'),
    resourceId: uuid('resource_id'),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    at: ts('at').notNull().defaultNow(),
    details: jsonb('details').notNull().default({}),
  },
  (t) => [index('sharing_events_booking_idx').on(t.bookingId)],
);

/** Photos of a resource (the room, the vehicle) shown in the catalogue: small images kept inline. */
export const sharingResourcePhotos = pgTable(
  'sharing_resource_photos',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => sharingResources.id),
    contentType: text('content_type').notNull(),
    base64: text('base64').notNull(),
    caption: text('caption'),
    addedBy: uuid('added_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('sharing_resource_photos_resource_idx').on(t.resourceId)],
);

/**
 * The charges of a month (收费明细), one line per unit and resource: what the unified settlement reads.
 * Written by the month's run (set-based, replacing the month's lines until they are settled).
 */
export const sharingChargeLines = pgTable(
  'sharing_charge_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    month: date('month').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => sharingResources.id),
    bookings: integer('bookings').notNull(),
    minutes: integer('minutes').notNull(),
    /** Vehicles: kilometres and trip costs of the month, charged as recorded. */
    km: integer('km').notNull().default(0),
    feeFen: fen('fee_fen').notNull(),
    tripCostFen: fen('trip_cost_fen').notNull().default(0),
    amountFen: fen('amount_fen').notNull(),
    /** Set by the settlement when it takes the line: a settled month is not rewritten. */
    settledAt: ts('settled_at'),
    generatedBy: uuid('generated_by').notNull(),
    generatedAt: ts('generated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sharing_charge_lines_key').on(t.month, t.unitId, t.resourceId),
    index('sharing_charge_lines_unit_idx').on(t.unitId, t.month),
  ],
);
