import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { PageQuery, sortOf } from './paging.ts';

// Information points (信息点) of the entrusted machine rooms and their cabling, and the committee's
// working calendar for SLA clocks (docs/domain.md §11). Labels are [zh, en].

export const POINT_STATUSES = {
  active: ['在用', 'Active'],
  spare: ['空闲', 'Spare'],
  faulty: ['故障', 'Faulty'],
  removed: ['已拆除', 'Removed'],
} as const;
export type PointStatus = keyof typeof POINT_STATUSES;

export const PORT_KINDS = { panel: ['配线架', 'Patch panel'], switch: ['交换机', 'Switch'] } as const;
export const LINK_KINDS = { patch: ['跳线', 'Patch cord'], cable: ['线缆', 'Cable'] } as const;

export const CALENDAR_KINDS = { holiday: ['法定节假日', 'Public holiday'], workday: ['调休上班', 'Adjusted working day'] } as const;
export type CalendarKind = keyof typeof CALENDAR_KINDS;

const enumOf = <T extends Record<string, unknown>>(o: T) => z.enum(Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]);
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();

export const PointView = z.object({
  id: z.uuid(),
  code: z.string(),
  machineRoomId: z.uuid(),
  roomName: z.string(),
  rackCode: z.string().nullable(),
  panel: z.string(),
  panelPort: z.string(),
  unitId: z.uuid().nullable(),
  unitName: z.string().nullable(),
  officeRoomId: z.uuid().nullable(),
  officeRoomCode: z.string().nullable(),
  officePort: z.string().nullable(),
  status: enumOf(POINT_STATUSES),
  vlan: z.number().int().nullable(),
  note: z.string().nullable(),
});
export type PointView = z.infer<typeof PointView>;

export const PointQuery = PageQuery.extend({
  sort: sortOf(['code', 'status', 'unit']),
  machineRoomId: z.uuid().optional(),
  status: enumOf(POINT_STATUSES).optional(),
});

/** The committee registers or edits a point: its panel port (created when new) and whom it serves. */
export const PointInput = z
  .object({
    code: text(40),
    machineRoomId: z.uuid(),
    rackId: z.uuid().nullish(),
    panel: text(60),
    panelPort: text(20),
    unitId: z.uuid().nullish(),
    officeRoomId: z.uuid().nullish(),
    officePort: optText(60),
    status: enumOf(POINT_STATUSES),
    vlan: z.number().int().min(1).max(4094).nullish(),
    note: optText(500),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'active' && !v.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: '在用的信息点须指明服务单位' });
  });

export const PortRef = z.object({ rackId: z.uuid().nullish(), kind: enumOf(PORT_KINDS), device: text(60), port: text(20) });
/** A patch cord or cable between two ports of one room (each port holds one link of each kind). */
export const LinkInput = z.object({ machineRoomId: z.uuid(), kind: enumOf(LINK_KINDS), a: PortRef, b: PortRef });

export const TraceHop = z.object({
  depth: z.number().int(),
  kind: z.enum(['office', 'panel', 'switch']),
  device: z.string(),
  port: z.string(),
  rackCode: z.string().nullable(),
  /** How this hop is reached from the one before: the office cable, a patch cord or a cable. */
  via: enumOf(LINK_KINDS).nullable(),
});
export const TraceView = z.object({
  pointId: z.uuid(),
  code: z.string(),
  hops: z.array(TraceHop),
  /** The switch port reached, or null when the cabling stops before one (not patched). */
  switchPort: z.object({ device: z.string(), port: z.string(), rackCode: z.string().nullable() }).nullable(),
});
export type TraceView = z.infer<typeof TraceView>;

export const PointImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
});
export type PointImportReport = z.infer<typeof PointImportReport>;

/** The register's columns, in order (import and export). */
export const POINT_SHEET_COLUMNS = [
  '信息点编号',
  '机房编号',
  '机柜编号',
  '配线架',
  '配线架端口',
  '服务单位编码',
  '办公室编号',
  '办公室端口',
  '状态',
  'VLAN',
  '交换机',
  '交换机端口',
] as const;

export const CalendarDay = z.object({ day: IsoDate, kind: enumOf(CALENDAR_KINDS), name: text(40) });
export type CalendarDay = z.infer<typeof CalendarDay>;
/** A year's list replaces that year's days (the State Council's notice, typed or imported). */
export const CalendarYearInput = z.object({ days: z.array(CalendarDay).max(120) });
export const CalendarYear = z.object({ year: z.number().int(), days: z.array(CalendarDay) });
