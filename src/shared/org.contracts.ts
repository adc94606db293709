// Contracts of the org module (units, departments, staff, user accounts, places, security log).
// The server validates with them and the web forms reuse them, so a field error reads the same on both.
import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { PageQuery, sortOf } from './paging.ts';
import { RANKS, ROLES } from './roles.ts';

export const ROOM_TYPES = ['office', 'meeting', 'machine_room', 'print_room', 'service_hall', 'warehouse', 'other'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];

export const ROOM_TYPE_LABELS: Record<RoomType, { zh: string; en: string }> = {
  office: { zh: '办公室', en: 'Office' },
  meeting: { zh: '会议室', en: 'Meeting room' },
  machine_room: { zh: '机房', en: 'Machine room' },
  print_room: { zh: '文印室', en: 'Print room' },
  service_hall: { zh: '服务大厅', en: 'Service hall' },
  warehouse: { zh: '库房', en: 'Warehouse' },
  other: { zh: '其他', en: 'Other' },
};

export const RANK_LABELS: Record<(typeof RANKS)[number], { zh: string; en: string }> = {
  municipal_head: { zh: '市级正职', en: 'Municipal head' },
  municipal_deputy: { zh: '市级副职', en: 'Municipal deputy' },
  bureau_head: { zh: '局级正职', en: 'Bureau head' },
  bureau_deputy: { zh: '局级副职', en: 'Bureau deputy' },
  below_bureau: { zh: '局级以下', en: 'Below bureau' },
};

export const ROLE_LABELS: Record<(typeof ROLES)[number], { zh: string; en: string }> = {
  sysadmin: { zh: '系统管理员', en: 'System admin' },
  asset_office: { zh: '资产管理处', en: 'Asset office' },
  finance_bureau: { zh: '财政局', en: 'Finance bureau' },
  auditor: { zh: '审计', en: 'Auditor' },
  unit_admin: { zh: '单位资产管理员', en: 'Unit asset admin' },
  unit_finance: { zh: '单位财务', en: 'Unit finance' },
  unit_leader: { zh: '单位负责人', en: 'Unit leader' },
  staff: { zh: '使用人', en: 'Staff' },
  vendor: { zh: '运维服务商', en: 'O&M vendor' },
};

const text = (max: number, what: string) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}不超过 ${max} 个字符`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
/** Query-string booleans arrive as text. */
const queryBool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const IdParams = z.object({ id: z.uuid() });

// ---------- units ----------
export const UnitView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  classified: z.boolean(),
  sort: z.number(),
  active: z.boolean(),
  establishmentQuota: z.number().nullable(),
  leaderName: z.string().nullable(),
  financeHeadName: z.string().nullable(),
  departmentCount: z.number(),
  staffCount: z.number(),
});
export type UnitView = z.infer<typeof UnitView>;

export const UnitInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{3,12}$/, '单位编码为 3–12 位数字'),
  name: text(100, '单位名称'),
  shortName: optionalText(50),
  classified: z.boolean().default(false),
  sort: z.number().int().min(0).max(100000).default(0),
  active: z.boolean().default(true),
  /** 编制数 (机构人员情况表). */
  establishmentQuota: z.number().int().min(0).max(1000000).nullish(),
  /** 单位负责人 and 财务负责人, printed on the reports' cover. */
  leaderName: optionalText(50),
  financeHeadName: optionalText(50),
});
export type UnitInput = z.infer<typeof UnitInput>;

export const UnitQuery = PageQuery.extend({ sort: sortOf(['code', 'name', 'sort']), active: queryBool });

// ---------- departments ----------
export const DepartmentView = z.object({
  id: z.string(),
  unitId: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  sort: z.number(),
  active: z.boolean(),
  staffCount: z.number(),
});
export type DepartmentView = z.infer<typeof DepartmentView>;

export const DepartmentInput = z.object({
  name: text(50, '处室名称'),
  code: optionalText(20),
  sort: z.number().int().min(0).max(100000).default(0),
});
export type DepartmentInput = z.infer<typeof DepartmentInput>;

export const DepartmentQuery = z.object({ includeInactive: queryBool });

// ---------- staff ----------
export const StaffView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  employeeNo: z.string().nullable(),
  name: z.string(),
  rank: z.enum(RANKS),
  onEstablishment: z.boolean(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});
export type StaffView = z.infer<typeof StaffView>;

export const StaffInput = z.object({
  unitId: z.uuid('请选择单位'),
  departmentId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  employeeNo: optionalText(30),
  name: text(50, '姓名'),
  rank: z.enum(RANKS, '请选择职级'),
  onEstablishment: z.boolean().default(true),
  title: optionalText(50),
  phone: z
    .string()
    .trim()
    .regex(/^[\d\-+ ]{0,20}$/, '电话号码格式不对')
    .nullish()
    .transform((v) => (v ? v : null)),
  active: z.boolean().default(true),
});
export type StaffInput = z.infer<typeof StaffInput>;

export const StaffQuery = PageQuery.extend({
  sort: sortOf(['name', 'employeeNo', 'rank', 'unit', 'department']),
  unitId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  rank: z.enum(RANKS).optional(),
  onEstablishment: queryBool,
  active: queryBool,
});

// ---------- user accounts ----------
export const RoleGrantInput = z.object({
  role: z.enum(ROLES),
  unitId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
});

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  staffId: z.string().nullable(),
  staffName: z.string().nullable(),
  active: z.boolean(),
  mustChangePassword: z.boolean(),
  roles: z.array(z.object({ role: z.enum(ROLES), unitId: z.string().nullable(), unitName: z.string().nullable() })),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const UserCreate = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{1,49}$/, '用户名为 2–50 位字母、数字、点、下划线或连字符'),
  /** Defaults to the staff member's name. */
  displayName: optionalText(50),
  /** Accounts of people are bound to their staff record; the unit follows from it. */
  staffId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  unitId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
  roles: z.array(RoleGrantInput).default([]),
  /** Omitted: a random one is generated and returned once. */
  password: z
    .string()
    .max(200)
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type UserCreate = z.input<typeof UserCreate>;

export const UserUpdate = z.object({
  displayName: text(50, '显示名称').optional(),
  active: z.boolean().optional(),
  unitId: z.uuid().nullish(),
  staffId: z.uuid().nullish(),
});

export const SetRolesInput = z.object({ roles: z.array(RoleGrantInput).max(20) });
export const ResetPasswordInput = z.object({
  password: z
    .string()
    .max(200)
    .nullish()
    .transform((v) => (v ? v : null)),
});
export const PasswordResult = z.object({ password: z.string().nullable() });

export const UserQuery = PageQuery.extend({
  sort: sortOf(['username', 'displayName', 'createdAt']),
  unitId: z.uuid().optional(),
  role: z.enum(ROLES).optional(),
  active: queryBool,
});

// ---------- places ----------
export const CompoundView = z.object({ id: z.string(), code: z.string(), name: z.string(), address: z.string().nullable() });
export const CompoundInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,20}$/, '编码为 1–20 位字母或数字'),
  name: text(100, '办公区名称'),
  address: optionalText(200),
});
export const BuildingView = z.object({ id: z.string(), compoundId: z.string(), code: z.string(), name: z.string() });
export const BuildingInput = z.object({ compoundId: z.uuid('请选择办公区'), code: text(20, '楼栋编码'), name: text(100, '楼栋名称') });
export const FloorView = z.object({ id: z.string(), buildingId: z.string(), level: z.number(), name: z.string() });
export const FloorInput = z.object({
  buildingId: z.uuid('请选择楼栋'),
  level: z.number().int().min(-10).max(200),
  name: text(50, '楼层名称'),
});

export const PlaceTree = z.array(
  CompoundView.extend({
    buildings: z.array(BuildingView.extend({ floors: z.array(FloorView) })),
  }),
);
export type PlaceTree = z.infer<typeof PlaceTree>;

export const RoomView = z.object({
  id: z.string(),
  floorId: z.string(),
  buildingId: z.string(),
  compoundId: z.string(),
  compoundName: z.string(),
  buildingName: z.string(),
  floorName: z.string(),
  code: z.string(),
  name: z.string().nullable(),
  type: z.enum(ROOM_TYPES),
  usableArea: z.number(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  occupants: z.array(z.object({ staffId: z.string(), name: z.string() })),
});
export type RoomView = z.infer<typeof RoomView>;

export const RoomInput = z.object({
  floorId: z.uuid('请选择楼层'),
  code: z.string().trim().min(1, '请填写房间号').max(20, '房间号不超过 20 个字符'),
  name: optionalText(50),
  type: z.enum(ROOM_TYPES, '请选择房间类型'),
  usableArea: z.number('请填写使用面积').positive('使用面积须大于 0').max(100000, '使用面积过大'),
  unitId: z
    .uuid()
    .nullish()
    .transform((v) => v ?? null),
});
export type RoomInput = z.infer<typeof RoomInput>;

export const RoomQuery = PageQuery.extend({
  sort: sortOf(['code', 'usableArea', 'type', 'unit', 'floor']),
  compoundId: z.uuid().optional(),
  buildingId: z.uuid().optional(),
  floorId: z.uuid().optional(),
  type: z.enum(ROOM_TYPES).optional(),
  unitId: z.uuid().optional(),
});

export const OccupantInput = z.object({ staffId: z.uuid('请选择人员') });

// ---------- security log ----------
export const SecurityEventView = z.object({
  id: z.number(),
  at: z.string(),
  kind: z.string(),
  userId: z.string().nullable(),
  username: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
});
export const SecurityEventQuery = PageQuery.extend({
  sort: sortOf(['at', 'kind', 'username']),
  kind: z.string().max(40).optional(),
  username: z.string().max(100).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const Ok = z.object({ ok: z.literal(true) });

/**
 * The receiving side of a transfer between units (调拨): any active unit may receive, so a writer of
 * documents may read these few names of any unit — and nothing more (no phones, ranks, occupants).
 */
export const TransferTargetUnit = z.object({ id: z.string(), code: z.string(), name: z.string() });
export const TransferTargetPlaces = z.object({
  unit: TransferTargetUnit,
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  staff: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      employeeNo: z.string().nullable(),
      departmentId: z.string().nullable(),
      departmentName: z.string().nullable(),
    }),
  ),
  rooms: z.array(z.object({ id: z.string(), code: z.string(), name: z.string().nullable(), buildingName: z.string() })),
});
export type TransferTargetUnit = z.infer<typeof TransferTargetUnit>;
export type TransferTargetPlaces = z.infer<typeof TransferTargetPlaces>;
