import { boolean, index, integer, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const area = (name: string) => numeric(name, { precision: 10, scale: 2, mode: 'number' });

/** 委办局 (and the committee itself, kind 'committee'): each an accounting entity with a unit code. */
export const units = pgTable('units', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  shortName: text('short_name'),
  kind: text('kind').notNull().default('unit'), // committee | unit
  /** 涉密单位: desktop quota 150 % instead of 100 %. */
  classified: boolean('classified').notNull().default(false),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  /** 编制数: the posts the establishment authorises (机构人员情况 reports it against the staff actually held). */
  establishmentQuota: integer('establishment_quota'),
  /** The report cover's 单位负责人 and 财务负责人 (docs/domain.md §7). */
  leaderName: text('leader_name'),
  financeHeadName: text('finance_head_name'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** 处室 */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    code: text('code'),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique('departments_unit_name').on(t.unitId, t.name)],
);

/** 人员: rank and establishment drive the allocation and office-space standards. */
export const staff = pgTable(
  'staff',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    departmentId: uuid('department_id').references(() => departments.id),
    employeeNo: text('employee_no'),
    name: text('name').notNull(),
    rank: text('rank').notNull(), // shared/roles.ts RANKS
    onEstablishment: boolean('on_establishment').notNull().default(true),
    title: text('title'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('staff_unit_idx').on(t.unitId, t.departmentId), unique('staff_unit_employee_no').on(t.unitId, t.employeeNo)],
);

/** 集中办公区 */
export const compounds = pgTable('compounds', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  address: text('address'),
});

export const buildings = pgTable(
  'buildings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    compoundId: uuid('compound_id')
      .notNull()
      .references(() => compounds.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [unique('buildings_compound_code').on(t.compoundId, t.code)],
);

export const floors = pgTable(
  'floors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id),
    level: integer('level').notNull(),
    name: text('name').notNull(),
  },
  (t) => [unique('floors_building_level').on(t.buildingId, t.level)],
);

export const ROOM_TYPES = ['office', 'meeting', 'machine_room', 'print_room', 'service_hall', 'warehouse', 'other'] as const;

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    floorId: uuid('floor_id')
      .notNull()
      .references(() => floors.id),
    // Denormalised from the floor so room lists filter by building or compound with one index.
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id),
    compoundId: uuid('compound_id')
      .notNull()
      .references(() => compounds.id),
    code: text('code').notNull(),
    name: text('name'),
    type: text('type').notNull().default('office'),
    usableArea: area('usable_area').notNull(),
    /** The unit the room is assigned to; null while vacant or shared. */
    unitId: uuid('unit_id').references(() => units.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    unique('rooms_building_code').on(t.buildingId, t.code),
    index('rooms_unit_idx').on(t.unitId),
    index('rooms_floor_idx').on(t.floorId),
  ],
);

/** Office rooms assigned to people. */
export const roomOccupants = pgTable(
  'room_occupants',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.roomId, t.staffId] }), index('room_occupants_staff_idx').on(t.staffId)],
);
