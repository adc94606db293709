// Shared facilities and pooled vehicles (一共享, DOMAIN §9): the API's and the web forms' schemas.
import { z } from 'zod';
import { IsoDate, IsoMonth } from './dates.ts';
import { PageQuery, pageOf, sortOf } from './paging.ts';
import { PERMISSIONS } from './roles.ts';

export const RESOURCE_KINDS = {
  room: ['会议室/场地', 'Room'],
  equipment: ['共享设备', 'Equipment'],
  vehicle: ['公务用车', 'Vehicle'],
  window: ['服务窗口', 'Service window'],
} as const;
export type ResourceKind = keyof typeof RESOURCE_KINDS;
export const ResourceKind = z.enum(Object.keys(RESOURCE_KINDS) as [ResourceKind, ...ResourceKind[]]);

/** The roles a resource may be restricted to: those that book at all. */
export const BookingRole = z.enum(PERMISSIONS['sharing.book']);

export const BOOKING_STATUSES = {
  pending: ['待审批', 'Awaiting approval'],
  confirmed: ['已确认', 'Confirmed'],
  rejected: ['已驳回', 'Rejected'],
  cancelled: ['已取消', 'Cancelled'],
  no_show: ['未签到已释放', 'No-show, released'],
} as const;
export type BookingStatus = keyof typeof BOOKING_STATUSES;
export const BookingStatus = z.enum(Object.keys(BOOKING_STATUSES) as [BookingStatus, ...BookingStatus[]]);

/** A time of day 'HH:MM' (24 h, business zone); '24:00' closes at midnight. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, '时间应为 HH:MM（00:00–24:00）');
export const clockToMinutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
export const minutesToClock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/**
 * An instant with its offset, e.g. '2026-12-03T09:00:00+08:00'. Years outside 1900–2200 are
 * refused here, before they reach SQL.
 */
export const Instant = z.iso.datetime({ offset: true, message: '时间应为带时区的 ISO 8601，如 2026-12-03T09:00:00+08:00' }).refine((s) => {
  const y = Number(s.slice(0, 4));
  return y >= 1900 && y <= 2200 && !Number.isNaN(Date.parse(s));
}, '时间超出范围');

const text = (max: number) => z.string().trim().min(1).max(max);
const minutes = (max: number) => z.number().int().min(0).max(max);
const fen = z.number().int().min(0).max(1_000_000_000);

export const ResourceInput = z
  .object({
    code: text(32).regex(/^[A-Za-z0-9_-]+$/, '编号只能含字母、数字、- 和 _'),
    name: text(100),
    kind: ResourceKind,
    /** A room of the org's places (kind room or window). */
    roomId: z.uuid().nullish(),
    /** An asset card (equipment or vehicle). */
    cardId: z.uuid().nullish(),
    location: z.string().trim().max(200).nullish(),
    capacity: z.number().int().min(1).max(100_000).nullish(),
    equipment: z.array(text(40)).max(30).default([]),
    openFrom: ClockTime.default('08:00'),
    openTo: ClockTime.default('18:00'),
    /** ISO weekdays, 1 = Monday … 7 = Sunday. */
    openDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
    slotMinutes: z.number().int().min(5).max(1440).default(30),
    bufferMinutes: minutes(240).default(0),
    minNoticeMinutes: minutes(60 * 24 * 30).default(0),
    maxAheadDays: z.number().int().min(1).max(730).default(60),
    maxMinutes: z
      .number()
      .int()
      .min(5)
      .max(60 * 24 * 14)
      .default(480),
    needsApproval: z.boolean().default(false),
    /** Units that may book; null or absent: every unit. */
    allowedUnitIds: z.array(z.uuid()).max(500).nullish(),
    /** Roles that may book (held in the booking unit or system-wide); null or absent: every role that books. */
    allowedRoles: z.array(BookingRole).max(10).nullish(),
    blackoutDates: z.array(IsoDate).max(400).default([]),
    feePerHourFen: fen.default(0),
    /** Check-in by the QR code at the resource: released as a no-show this many minutes after the start. Null: no check-in. */
    checkinGraceMinutes: z.number().int().min(5).max(240).nullish(),
    /** Quotas: booked minutes per unit and per person in a week (Monday–Sunday) or a calendar month. */
    quotaPeriod: z.enum(['week', 'month']).nullish(),
    unitQuotaMinutes: z
      .number()
      .int()
      .min(30)
      .max(60 * 24 * 31)
      .nullish(),
    personQuotaMinutes: z
      .number()
      .int()
      .min(30)
      .max(60 * 24 * 31)
      .nullish(),
    active: z.boolean().default(true),
  })
  .refine((r) => clockToMinutes(r.openFrom) < clockToMinutes(r.openTo), { path: ['openTo'], message: '结束时间应晚于开始时间' })
  .refine((r) => !(r.unitQuotaMinutes || r.personQuotaMinutes) || !!r.quotaPeriod, { path: ['quotaPeriod'], message: '请选择配额周期' });
export type ResourceInput = z.input<typeof ResourceInput>;

export const ResourceView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: ResourceKind,
  roomId: z.string().nullable(),
  cardId: z.string().nullable(),
  location: z.string().nullable(),
  capacity: z.number().nullable(),
  equipment: z.array(z.string()),
  openFrom: z.string(),
  openTo: z.string(),
  openDays: z.array(z.number()),
  slotMinutes: z.number(),
  bufferMinutes: z.number(),
  minNoticeMinutes: z.number(),
  maxAheadDays: z.number(),
  maxMinutes: z.number(),
  needsApproval: z.boolean(),
  allowedUnitIds: z.array(z.string()).nullable(),
  allowedRoles: z.array(BookingRole).nullable(),
  blackoutDates: z.array(z.string()),
  feePerHourFen: z.number(),
  checkinGraceMinutes: z.number().nullable(),
  quotaPeriod: z.enum(['week', 'month']).nullable(),
  unitQuotaMinutes: z.number().nullable(),
  personQuotaMinutes: z.number().nullable(),
  active: z.boolean(),
});
export type ResourceView = z.infer<typeof ResourceView>;

export const ResourceQuery = z.object({
  kind: ResourceKind.optional(),
  q: z.string().max(100).optional(),
  /** Only resources seating at least this many. */
  minCapacity: z.coerce.number().int().min(1).max(100_000).optional(),
  /** Only resources having this piece of equipment (any fragment). */
  equipment: z.string().max(40).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});

export const BookingInput = z.object({
  resourceId: z.uuid(),
  startsAt: Instant,
  endsAt: Instant,
  title: text(200),
  attendees: z.number().int().min(1).max(100_000).nullish(),
  /** The unit booking; defaults to the caller's own. */
  unitId: z.uuid().nullish(),
  /** Trips: where to, and how many travel. */
  destination: z.string().trim().max(200).nullish(),
  passengers: z.number().int().min(1).max(100).nullish(),
  /** Weekly repeat: this many further weeks (0: once). */
  repeatWeeks: z.number().int().min(0).max(26).default(0),
});
export type BookingInput = z.input<typeof BookingInput>;

/** Change the time of a booking (extend, shorten, move); refused if it would collide. */
export const BookingChange = z.object({ startsAt: Instant, endsAt: Instant, version: z.number().int().min(1).optional() });
export const BookingDecision = z.object({ approve: z.boolean(), note: z.string().trim().max(500).nullish() });
export const TripDispatch = z.object({
  driver: text(50),
  odometerOut: z.number().int().min(0).max(10_000_000),
  /** The pooled vehicle the dispatcher assigns; absent: the one requested. */
  resourceId: z.uuid().nullish(),
});
export const TripReturn = z.object({
  odometerIn: z.number().int().min(0).max(10_000_000),
  /** Litres of fuel put in on the trip (its cost is part of tripCostFen). */
  fuelLitres: z.number().min(0).max(10_000).multipleOf(0.01).nullish(),
  tripCostFen: fen.default(0),
});

export const BookingView = z.object({
  id: z.string(),
  bookingNo: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  resourceKind: ResourceKind,
  unitId: z.string(),
  unitName: z.string(),
  personName: z.string(),
  title: z.string(),
  attendees: z.number().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: BookingStatus,
  seriesId: z.string().nullable(),
  destination: z.string().nullable(),
  passengers: z.number().nullable(),
  driver: z.string().nullable(),
  odometerOut: z.number().nullable(),
  odometerIn: z.number().nullable(),
  tripCostFen: z.number().nullable(),
  fuelLitres: z.number().nullable(),
  dispatchedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  /** Finished early (提前结束): the end was moved back to this moment's minute. */
  finishedAt: z.string().nullable(),
  /** Hours × the resource's rate at booking time, rounded to the fen. */
  chargeFen: z.number(),
  version: z.number(),
  createdAt: z.string(),
});
export type BookingView = z.infer<typeof BookingView>;

export const BookingQuery = PageQuery.extend({
  sort: sortOf(['startsAt', 'createdAt', 'bookingNo']),
  status: BookingStatus.optional(),
  resourceId: z.uuid().optional(),
  kind: ResourceKind.optional(),
  /** Only the caller's own bookings. */
  mine: z.enum(['true', 'false']).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const BookingPage = pageOf(BookingView);

export const CreatedBookings = z.object({ items: z.array(BookingView) });

export const CalendarQuery = z.object({
  date: IsoDate,
  days: z.coerce.number().int().min(1).max(7).default(1),
  kind: ResourceKind.optional(),
  resourceId: z.uuid().optional(),
});

/** One busy span of the free/busy grid; the caller's own bookings carry their id and title. */
export const CalendarBlock = z.object({
  resourceId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: BookingStatus,
  unitName: z.string(),
  bookingNo: z.string(),
  own: z.boolean(),
  id: z.string().nullable(),
  title: z.string().nullable(),
});
export type CalendarBlock = z.infer<typeof CalendarBlock>;
export const CalendarView = z.object({
  from: z.string(),
  to: z.string(),
  resources: z.array(ResourceView),
  blocks: z.array(CalendarBlock),
});
export type CalendarView = z.infer<typeof CalendarView>;

export const UsageQuery = z.object({ month: IsoMonth });
export const UsageRow = z.object({
  unitId: z.string(),
  unitName: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  resourceKind: ResourceKind,
  bookings: z.number(),
  minutes: z.number(),
  /** Bookings released because nobody checked in (not in the minutes or the charge). */
  noShows: z.number(),
  km: z.number(),
  chargeFen: z.number(),
  tripCostFen: z.number(),
});
export type UsageRow = z.infer<typeof UsageRow>;
export const UtilisationRow = z.object({
  resourceId: z.string(),
  resourceName: z.string(),
  bookedMinutes: z.number(),
  openMinutes: z.number(),
  /** booked ÷ open, 0–1 (rounded to 0.1 %). */
  ratio: z.number(),
});
export const UsageView = z.object({
  month: z.string(),
  rows: z.array(UsageRow),
  totals: z.object({
    bookings: z.number(),
    minutes: z.number(),
    noShows: z.number(),
    km: z.number(),
    chargeFen: z.number(),
    tripCostFen: z.number(),
  }),
  utilisation: z.array(UtilisationRow),
});
export type UsageView = z.infer<typeof UsageView>;

/** What the QR code at a resource opens: the booking to check in to now, if any. */
export const CheckInView = z.object({
  resource: z.object({ id: z.string(), name: z.string(), location: z.string().nullable(), checkinGraceMinutes: z.number().nullable() }),
  /** The caller's unit's booking that can be checked in to now (from 15 minutes before the start to the grace's end). */
  booking: z.lazy(() => BookingView).nullable(),
});
export type CheckInView = z.infer<typeof CheckInView>;

/** One trip of the month's publication of official-vehicle use (公务用车使用情况公示). */
export const TripRow = z.object({
  bookingNo: z.string(),
  vehicleName: z.string(),
  unitName: z.string(),
  personName: z.string(),
  reason: z.string(),
  destination: z.string().nullable(),
  passengers: z.number().nullable(),
  driver: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** Odometer in − out; null while the vehicle is still out. */
  km: z.number().nullable(),
  costFen: z.number().nullable(),
});
export const TripPublication = z.object({
  month: z.string(),
  items: z.array(TripRow),
  totals: z.object({ trips: z.number(), km: z.number(), costFen: z.number() }),
});
export type TripPublication = z.infer<typeof TripPublication>;

/** 按时间、容量、设备查找空闲资源: every resource free for the whole span that the rules let the unit book. */
export const AvailabilityQuery = z.object({
  startsAt: Instant,
  endsAt: Instant,
  kind: ResourceKind.optional(),
  minCapacity: z.coerce.number().int().min(1).max(100_000).optional(),
  /** Every piece named must be there (comma-separated, each any fragment). */
  equipment: z.string().max(200).optional(),
  unitId: z.uuid().optional(),
});
export const AvailabilityView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      name: z.string(),
      kind: ResourceKind,
      location: z.string().nullable(),
      capacity: z.number().nullable(),
      equipment: z.array(z.string()),
      needsApproval: z.boolean(),
      feePerHourFen: z.number(),
      /** What the span would cost at the resource's rate. */
      chargeFen: z.number(),
      photoIds: z.array(z.string()),
    }),
  ),
  /** Resources that match the capacity and equipment but are taken or closed then, with the reason. */
  unavailable: z.array(z.object({ id: z.string(), name: z.string(), reason: z.string() })),
});
export type AvailabilityView = z.infer<typeof AvailabilityView>;

/** A photo of a resource: a JPEG, PNG or WebP of at most 1 MB, as base64. */
export const ResourcePhotoInput = z.object({
  contentType: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  base64: z
    .string()
    .max(1_400_000, '照片不能超过 1 MB')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '照片内容应为 base64'),
  caption: z.string().trim().max(100).nullish(),
});
export const ResourcePhoto = z.object({ id: z.string(), caption: z.string().nullable(), createdAt: z.string() });
export type ResourcePhoto = z.infer<typeof ResourcePhoto>;

/** 收费明细: the lines of a month the unified settlement reads, one per unit and resource. */
export const ChargeLine = z.object({
  id: z.string(),
  month: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  resourceId: z.string(),
  resourceName: z.string(),
  resourceKind: ResourceKind,
  bookings: z.number(),
  minutes: z.number(),
  km: z.number(),
  feeFen: z.number(),
  tripCostFen: z.number(),
  amountFen: z.number(),
  settledAt: z.string().nullable(),
  generatedAt: z.string(),
});
export type ChargeLine = z.infer<typeof ChargeLine>;
export const ChargeLines = z.object({
  month: z.string(),
  items: z.array(ChargeLine),
  /** Per unit: the month's amount (what the settlement adds up). */
  byUnit: z.array(z.object({ unitId: z.string(), unitName: z.string(), amountFen: z.number() })),
  totalFen: z.number(),
});
export type ChargeLines = z.infer<typeof ChargeLines>;
