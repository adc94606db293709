import { z } from 'zod';
import { IsoDate, IsoMonth } from './dates.ts';
import { Fen } from './money.ts';
import { PageQuery, sortOf } from './paging.ts';

// Entrusted machine rooms (委托管理, docs/domain.md §11): rooms, racks and what occupies their U,
// O&M vendors and contracts with SLAs, work orders, custody agreements. Labels are [zh, en].

export const ROOM_GRADES = {
  A: ['A 级（容错）', 'Grade A (fault tolerant)'],
  B: ['B 级（冗余）', 'Grade B (redundant)'],
  C: ['C 级（基本）', 'Grade C (basic)'],
} as const;

export const SLOT_SIDES = {
  both: ['全深（前后）', 'Full depth'],
  front: ['前半深', 'Front half'],
  rear: ['后半深', 'Rear half'],
} as const;

export const PRIORITIES = {
  p1: ['一级（紧急）', 'P1 (critical)'],
  p2: ['二级（高）', 'P2 (high)'],
  p3: ['三级（一般）', 'P3 (normal)'],
  p4: ['四级（低）', 'P4 (low)'],
} as const;
export type Priority = keyof typeof PRIORITIES;

export const SLA_CLOCKS = {
  '24x7': ['7×24 小时计时', '24×7'],
  business: ['工作时间计时', 'Business hours'],
} as const;
export type SlaClock = keyof typeof SLA_CLOCKS;

export const WORK_ORDER_STATUSES = {
  reported: ['待响应', 'Reported'],
  accepted: ['已响应', 'Accepted'],
  on_site: ['已到场', 'On site'],
  resolved: ['已修复待确认', 'Resolved'],
  confirmed: ['已确认关闭', 'Confirmed'],
} as const;
export type WorkOrderStatus = keyof typeof WORK_ORDER_STATUSES;

export const CUSTODY_STATUSES = {
  submitted: ['待管委会签收', 'Submitted'],
  in_force: ['委托中', 'In force'],
  rejected: ['未获同意', 'Rejected'],
  ended: ['已终止（已交回）', 'Ended'],
} as const;
export type CustodyStatus = keyof typeof CUSTODY_STATUSES;

const enumOf = <T extends Record<string, unknown>>(o: T) => z.enum(Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]);
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间应为 HH:MM');
const Instant = z.string();

export const MachineRoomInput = z.object({
  code: text(20),
  name: text(100),
  placeId: z.uuid().nullish(),
  areaM2: z.number().positive().max(1_000_000),
  grade: enumOf(ROOM_GRADES),
  note: optText(500),
});

/** Capacity figures of a rack or a room: U free (neither a device nor a reservation) and power. */
const Capacity = {
  totalU: z.number().int(),
  usedU: z.number().int(),
  reservedU: z.number().int(),
  freeU: z.number().int(),
  powerBudgetW: z.number().int(),
  powerUsedW: z.number().int(),
};

export const MachineRoomView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  areaM2: z.number(),
  grade: z.string(),
  note: z.string().nullable(),
  racks: z.number().int(),
  ...Capacity,
});
export type MachineRoomView = z.infer<typeof MachineRoomView>;

export const RowInput = z.object({ code: text(20), name: text(100) });
export const RowView = z.object({ id: z.uuid(), code: z.string(), name: z.string() });

export const RackInput = z.object({
  rowId: z.uuid(),
  code: text(20),
  name: text(100),
  heightU: z.number().int().min(1).max(60).default(42),
  powerBudgetW: z.number().int().min(0).max(1_000_000).default(5000),
  position: z.number().int().min(0).max(10_000).default(0),
});

export const SlotView = z.object({
  id: z.uuid(),
  kind: z.enum(['device', 'reservation']),
  uLow: z.number().int(),
  uHigh: z.number().int(),
  side: enumOf(SLOT_SIDES),
  cardId: z.uuid().nullable(),
  cardNo: z.string().nullable(),
  cardName: z.string().nullable(),
  ownerUnitName: z.string().nullable(),
  managingUnitName: z.string().nullable(),
  label: z.string().nullable(),
  powerW: z.number().int(),
  reason: z.string().nullable(),
  reservedUntil: z.string().nullable(),
});
export type SlotView = z.infer<typeof SlotView>;

export const RackView = z.object({
  id: z.uuid(),
  rowId: z.uuid(),
  rowCode: z.string(),
  code: z.string(),
  name: z.string(),
  heightU: z.number().int(),
  position: z.number().int(),
  ...Capacity,
  slots: z.array(SlotView),
});
export type RackView = z.infer<typeof RackView>;

export const MachineRoomDetail = MachineRoomView.extend({ rows: z.array(RowView), racksList: z.array(RackView) });
export type MachineRoomDetail = z.infer<typeof MachineRoomDetail>;

export const SlotInput = z
  .object({
    kind: z.enum(['device', 'reservation']),
    uLow: z.number().int().min(1).max(60),
    uHigh: z.number().int().min(1).max(60),
    side: enumOf(SLOT_SIDES).default('both'),
    cardId: z.uuid().nullish(),
    label: optText(100),
    powerW: z.number().int().min(0).max(100_000).default(0),
    reason: optText(200),
    reservedUntil: IsoDate.nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.uHigh < v.uLow) ctx.addIssue({ code: 'custom', path: ['uHigh'], message: '结束 U 位不能小于起始 U 位' });
    if (v.kind === 'device' && !v.cardId) ctx.addIssue({ code: 'custom', path: ['cardId'], message: '请选择上架设备的资产卡片' });
    if (v.kind === 'reservation' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请填写预留原因' });
  });

export const VendorInput = z.object({ name: text(100), creditCode: optText(30), contact: optText(50), phone: optText(30) });
export const VendorView = z.object({
  id: z.uuid(),
  name: z.string(),
  creditCode: z.string().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  accounts: z.array(z.string()),
});
export type VendorView = z.infer<typeof VendorView>;
export const VendorAccountInput = z.object({ username: text(64) });
export const VendorAccountParams = z.object({ id: z.uuid(), username: text(64) });

export const SlaTerms = z.object({
  responseMinutes: z.number().int().min(1).max(100_000),
  onsiteMinutes: z.number().int().min(1).max(100_000),
  resolveMinutes: z.number().int().min(1).max(1_000_000),
  clock: enumOf(SLA_CLOCKS),
});
export type SlaTerms = z.infer<typeof SlaTerms>;
export const SlaTable = z.object({ p1: SlaTerms, p2: SlaTerms, p3: SlaTerms, p4: SlaTerms });
export type SlaTable = z.infer<typeof SlaTable>;

export const INSPECTION_FREQUENCIES = {
  daily: ['每天', 'Daily'],
  workdays: ['每个工作日', 'Every weekday'],
  weekly: ['每周', 'Weekly'],
  monthly: ['每月', 'Monthly'],
} as const;

/** When the vendor inspects each room of the contract, and by what local time of that day. */
export const InspectionSchedule = z
  .object({
    frequency: enumOf(INSPECTION_FREQUENCIES),
    /** ISO weekday (1 = Monday) of a weekly inspection. */
    weekday: z.number().int().min(1).max(7).nullish(),
    /** Day of the month of a monthly inspection (1–28, so every month has it). */
    monthDay: z.number().int().min(1).max(28).nullish(),
    dueBy: Clock,
  })
  .superRefine((v, ctx) => {
    if (v.frequency === 'weekly' && !v.weekday) ctx.addIssue({ code: 'custom', path: ['weekday'], message: '请选择每周巡检的星期' });
    if (v.frequency === 'monthly' && !v.monthDay) ctx.addIssue({ code: 'custom', path: ['monthDay'], message: '请填写每月巡检的日期' });
  });
export type InspectionSchedule = z.infer<typeof InspectionSchedule>;
export const DEFAULT_INSPECTION_SCHEDULE: InspectionSchedule = { frequency: 'daily', dueBy: '17:00' };

/** What the monthly scorecard deducts for (docs/domain.md §11), in its order. */
export const SCORE_ITEMS = {
  late_response: ['响应超时（每单）', 'Late response (per order)'],
  late_arrival: ['到场超时（每单）', 'Late arrival (per order)'],
  late_resolution: ['修复超时（每单）', 'Late resolution (per order)'],
  missed_inspection: ['漏检或逾期巡检（每次）', 'Missed inspection (each)'],
  late_report: ['月报逾期未报送', 'Monthly report late'],
  false_report: ['虚报修复被退回（每次）', 'False resolution reopened (each)'],
} as const;
export type ScoreItem = keyof typeof SCORE_ITEMS;

/** Points with at most one decimal (0.5 per late response). */
const Points = z.number().min(0).max(1000).multipleOf(0.1);
export const ScoreItemRule = z.object({ points: Points, penaltyFen: Fen });
export const ScorecardRules = z
  .object({
    fullMarks: Points.min(1),
    passMark: Points,
    /** The monthly report is due by this day of the next month. */
    reportDueDay: z.number().int().min(1).max(28),
    items: z.object(Object.fromEntries(Object.keys(SCORE_ITEMS).map((k) => [k, ScoreItemRule])) as Record<ScoreItem, typeof ScoreItemRule>),
  })
  .superRefine((v, ctx) => {
    if (v.passMark > v.fullMarks) ctx.addIssue({ code: 'custom', path: ['passMark'], message: '合格分不能高于满分' });
  });
export type ScorecardRules = z.infer<typeof ScorecardRules>;
export const DEFAULT_SCORECARD_RULES: ScorecardRules = {
  fullMarks: 100,
  passMark: 90,
  reportDueDay: 5,
  items: {
    late_response: { points: 1, penaltyFen: 50_000 },
    late_arrival: { points: 2, penaltyFen: 100_000 },
    late_resolution: { points: 3, penaltyFen: 200_000 },
    missed_inspection: { points: 2, penaltyFen: 100_000 },
    late_report: { points: 5, penaltyFen: 300_000 },
    false_report: { points: 2, penaltyFen: 100_000 },
  },
};

/** The year's mean score → the share of the contract amount paid: the first band whose minimum the mean reaches. */
export const PaymentRule = z.object({
  bands: z
    .array(z.object({ minScore: Points, percent: z.number().min(0).max(100).multipleOf(0.1) }))
    .min(1)
    .max(10)
    .refine((b) => b.some((x) => x.minScore === 0), '须有一档最低分为 0'),
});
export type PaymentRule = z.infer<typeof PaymentRule>;
export const DEFAULT_PAYMENT_RULE: PaymentRule = {
  bands: [
    { minScore: 95, percent: 100 },
    { minScore: 90, percent: 95 },
    { minScore: 80, percent: 90 },
    { minScore: 0, percent: 80 },
  ],
};

/** A contract's fields as typed (no defaults): the new contract's input and an edit's (partial). */
const contractFields = {
  contractNo: text(40),
  name: text(100),
  vendorId: z.uuid(),
  startsOn: IsoDate,
  endsOn: IsoDate,
  amountFen: Fen,
  machineRoomIds: z.array(z.uuid()).min(1, '请至少选择一个机房').max(100),
  /**
   * The asset cards in scope beyond the racks of its rooms (a room's UPS, air conditioner, a switch
   * elsewhere), each maintained from one of the contract's rooms: given, or the room of the rack it
   * is placed in.
   */
  cards: z.array(z.object({ cardId: z.uuid(), machineRoomId: z.uuid().nullish() })).max(5000),
  sla: SlaTable,
  businessFrom: Clock,
  businessTo: Clock,
  inspectionSchedule: InspectionSchedule,
  scorecardRules: ScorecardRules,
  paymentRule: PaymentRule,
  /** Guaranteed availability, basis points (9990 = 99.90 %). */
  availabilityTargetBp: z.number().int().min(0).max(10_000),
};

export const ContractInput = z
  .object({
    ...contractFields,
    businessFrom: Clock.default('09:00'),
    businessTo: Clock.default('18:00'),
    inspectionSchedule: InspectionSchedule.default(DEFAULT_INSPECTION_SCHEDULE),
    scorecardRules: ScorecardRules.default(DEFAULT_SCORECARD_RULES),
    paymentRule: PaymentRule.default(DEFAULT_PAYMENT_RULE),
    availabilityTargetBp: contractFields.availabilityTargetBp.default(9990),
    cards: contractFields.cards.default([]),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '合同终止日不能早于起始日' });
    if (v.businessTo <= v.businessFrom) ctx.addIssue({ code: 'custom', path: ['businessTo'], message: '工作时间的结束应晚于开始' });
  });

/**
 * An edit of a contract: the fields that change (the vendor stays: another vendor is another
 * contract). The merged contract is checked again (period, business hours), and a change that would
 * alter a settled month is refused (docs/domain.md §11).
 */
export const ContractPatch = z.object(contractFields).omit({ vendorId: true }).partial();

/** An asset card in a contract's scope: where it is maintained, its owner and its managing unit apart. */
export const ContractCardView = z.object({
  id: z.uuid(),
  cardNo: z.string(),
  name: z.string(),
  machineRoomId: z.uuid(),
  roomCode: z.string(),
  rackCode: z.string().nullable(),
  ownerUnitName: z.string(),
  managingUnitName: z.string(),
});
export type ContractCardView = z.infer<typeof ContractCardView>;

export const ContractView = z.object({
  id: z.uuid(),
  contractNo: z.string(),
  name: z.string(),
  vendorId: z.uuid(),
  vendorName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  amountFen: z.number(),
  sla: SlaTable,
  businessFrom: z.string(),
  businessTo: z.string(),
  inspectionSchedule: InspectionSchedule,
  scorecardRules: ScorecardRules,
  paymentRule: PaymentRule,
  availabilityTargetBp: z.number().int(),
  rooms: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  /** The cards in scope by name (ContractInput.cards), with owner and managing unit apart. */
  cards: z.array(ContractCardView),
});
export type ContractView = z.infer<typeof ContractView>;

export const WorkOrderInput = z
  .object({
    cardId: z.uuid().nullish(),
    rackId: z.uuid().nullish(),
    /** An information point at fault (its room and panel rack). */
    pointId: z.uuid().nullish(),
    priority: enumOf(PRIORITIES),
    title: text(100),
    description: optText(2000),
  })
  .superRefine((v, ctx) => {
    if (!v.cardId && !v.rackId && !v.pointId)
      ctx.addIssue({ code: 'custom', path: ['cardId'], message: '请选择故障设备（资产卡片）、机柜或信息点' });
  });

export const StepView = z.object({
  due: Instant,
  done: Instant.nullable(),
  minutes: z.number().int(),
  breached: z.boolean(),
});

export const WorkOrderView = z.object({
  id: z.uuid(),
  orderNo: z.string(),
  contractNo: z.string(),
  vendorName: z.string(),
  unitName: z.string(),
  roomName: z.string(),
  rackCode: z.string().nullable(),
  cardNo: z.string().nullable(),
  cardName: z.string().nullable(),
  pointCode: z.string().nullable(),
  priority: enumOf(PRIORITIES),
  clock: enumOf(SLA_CLOCKS),
  title: z.string(),
  description: z.string().nullable(),
  status: enumOf(WORK_ORDER_STATUSES),
  reporterName: z.string(),
  reportedAt: Instant,
  resolution: z.string().nullable(),
  reopenCount: z.number().int(),
  response: StepView,
  onsite: StepView,
  resolve: StepView,
  breached: z.boolean(),
  /** What the caller may do now. */
  actions: z.array(z.enum(['accept', 'arrive', 'resolve', 'confirm', 'reopen'])),
});
export type WorkOrderView = z.infer<typeof WorkOrderView>;

export const WorkOrderQuery = PageQuery.extend({
  sort: sortOf(['reportedAt', 'priority', 'status']),
  status: enumOf(WORK_ORDER_STATUSES).optional(),
  breached: z.enum(['true', 'false']).optional(),
});
export const ResolveInput = z.object({ resolution: text(2000) });
export const ReopenInput = z.object({ reason: text(500) });

export const CustodyInput = z
  .object({
    unitId: z.uuid().nullish(),
    title: text(100),
    startsOn: IsoDate,
    endsOn: IsoDate.nullish(),
    note: optText(1000),
    cardIds: z.array(z.uuid()).min(1).max(5000),
  })
  .superRefine((v, ctx) => {
    if (v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '终止日不能早于起始日' });
  });

export const CustodyView = z.object({
  id: z.uuid(),
  agreementNo: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  title: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  status: enumOf(CUSTODY_STATUSES),
  note: z.string().nullable(),
  items: z.number().int(),
  originalValueFen: z.number(),
  decisionNote: z.string().nullable(),
});
export type CustodyView = z.infer<typeof CustodyView>;

export const CustodyItemView = z.object({
  line: z.number().int(),
  cardId: z.uuid(),
  cardNo: z.string(),
  name: z.string(),
  spec: z.string().nullable(),
  originalValueFen: z.number(),
  ownerUnitName: z.string(),
  managingUnitName: z.string(),
  location: z.string().nullable(),
});
export const CustodyDetail = CustodyView.extend({ register: z.array(CustodyItemView) });
export type CustodyDetail = z.infer<typeof CustodyDetail>;
export const CustodyQuery = PageQuery.extend({ sort: sortOf(['agreementNo', 'startsOn']), status: enumOf(CUSTODY_STATUSES).optional() });
export const DecideInput = z.object({ approve: z.boolean(), note: optText(500) });

export const INSPECTION_CATEGORIES = {
  temperature: ['温度', 'Temperature'],
  humidity: ['湿度', 'Humidity'],
  power: ['供配电', 'Power'],
  ups: ['UPS', 'UPS'],
  fire: ['消防', 'Fire'],
  access: ['门禁安防', 'Access'],
} as const;

/** reading: a number with its expected range; check: normal or not. */
export const INSPECTION_ITEM_KINDS = {
  reading: ['读数', 'Reading'],
  check: ['检查', 'Check'],
} as const;

export const INSPECTION_STATUSES = {
  upcoming: ['未到期', 'Upcoming'],
  due: ['待巡检', 'Due today'],
  done: ['已完成', 'Done'],
  done_late: ['逾期完成', 'Done late'],
  missed: ['漏检', 'Missed'],
} as const;
export type InspectionStatus = keyof typeof INSPECTION_STATUSES;

export const ChecklistItemInput = z
  .object({
    category: enumOf(INSPECTION_CATEGORIES),
    label: text(100),
    kind: enumOf(INSPECTION_ITEM_KINDS),
    unit: optText(20),
    minValue: z.number().min(-1_000_000).max(1_000_000).nullish(),
    maxValue: z.number().min(-1_000_000).max(1_000_000).nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.minValue != null && v.maxValue != null && v.maxValue < v.minValue)
      ctx.addIssue({ code: 'custom', path: ['maxValue'], message: '上限不能小于下限' });
  });
export const ChecklistInput = z.object({ items: z.array(ChecklistItemInput).min(1).max(100) });
export const ChecklistItemView = z.object({
  id: z.uuid(),
  position: z.number().int(),
  category: enumOf(INSPECTION_CATEGORIES),
  label: z.string(),
  kind: enumOf(INSPECTION_ITEM_KINDS),
  unit: z.string().nullable(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
});
export type ChecklistItemView = z.infer<typeof ChecklistItemView>;

export const InspectionView = z.object({
  id: z.uuid(),
  contractId: z.uuid(),
  contractNo: z.string(),
  vendorName: z.string(),
  machineRoomId: z.uuid(),
  roomName: z.string(),
  dueOn: z.string(),
  dueAt: Instant,
  doneAt: Instant.nullable(),
  inspectorName: z.string().nullable(),
  status: enumOf(INSPECTION_STATUSES),
  anomalies: z.number().int(),
  hasPhoto: z.boolean(),
  /** The caller may record it now (the vendor, on the day or later). */
  canPerform: z.boolean(),
});
export type InspectionView = z.infer<typeof InspectionView>;

export const ReadingView = z.object({
  itemId: z.uuid(),
  category: enumOf(INSPECTION_CATEGORIES),
  label: z.string(),
  kind: enumOf(INSPECTION_ITEM_KINDS),
  unit: z.string().nullable(),
  minValue: z.number().nullable(),
  maxValue: z.number().nullable(),
  value: z.number().nullable(),
  ok: z.boolean().nullable(),
  outOfRange: z.boolean(),
  note: z.string().nullable(),
});
export type ReadingView = z.infer<typeof ReadingView>;
export const InspectionDetail = InspectionView.extend({
  note: z.string().nullable(),
  readings: z.array(ReadingView),
  /** Before it is done: the room's checklist to fill in. */
  checklist: z.array(ChecklistItemView),
});
export type InspectionDetail = z.infer<typeof InspectionDetail>;

export const InspectionQuery = PageQuery.extend({
  sort: sortOf(['dueAt']),
  month: IsoMonth.optional(),
  status: enumOf(INSPECTION_STATUSES).optional(),
  machineRoomId: z.uuid().optional(),
});

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
/** A phone photo, scaled down in the browser: at most ~3 MB of base64. */
export const PhotoInput = z.object({ contentType: z.enum(PHOTO_TYPES), dataBase64: z.string().min(8).max(3_000_000) });
export const InspectionCompleteInput = z.object({
  readings: z
    .array(
      z.object({
        itemId: z.uuid(),
        value: z.number().min(-1_000_000).max(1_000_000).nullish(),
        ok: z.boolean().nullish(),
        note: optText(200),
      }),
    )
    .min(1)
    .max(100),
  note: optText(1000),
  photo: PhotoInput,
});

export const SCORECARD_STATUSES = {
  draft: ['待审核', 'Draft'],
  reviewed: ['已审核', 'Reviewed'],
  locked: ['已锁定', 'Locked'],
} as const;

export const ScorecardLine = z.object({
  item: enumOf(SCORE_ITEMS),
  count: z.number().int(),
  pointsEach: z.number(),
  points: z.number(),
  penaltyFenEach: z.number(),
  penaltyFen: z.number(),
  /** What was counted (work-order numbers, inspection days, the month), at most 100. */
  refs: z.array(z.string()),
});
export type ScorecardLine = z.infer<typeof ScorecardLine>;
export const ScorecardView = z.object({
  id: z.uuid(),
  contractId: z.uuid(),
  contractNo: z.string(),
  vendorName: z.string(),
  month: z.string(),
  status: enumOf(SCORECARD_STATUSES),
  fullMarks: z.number(),
  passMark: z.number(),
  score: z.number(),
  passed: z.boolean(),
  penaltyFen: z.number(),
  lines: z.array(ScorecardLine),
  computedAt: Instant,
  reviewedAt: Instant.nullable(),
  reviewNote: z.string().nullable(),
  lockedAt: Instant.nullable(),
});
export type ScorecardView = z.infer<typeof ScorecardView>;
export const ScorecardQuery = z.object({ contractId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2200).optional() });
export const ScorecardInput = z.object({ contractId: z.uuid(), month: IsoMonth });
export const ReviewInput = z.object({ note: optText(500) });

export const StatementLine = z.object({ kind: z.enum(['fee', 'penalty']), description: z.string(), amountFen: z.number() });
export const StatementView = z.object({
  contractId: z.uuid(),
  contractNo: z.string(),
  vendorName: z.string(),
  month: z.string(),
  lines: z.array(StatementLine),
  totalFen: z.number(),
});
export type StatementView = z.infer<typeof StatementView>;

export const PaymentView = z.object({
  contractId: z.uuid(),
  year: z.number().int(),
  months: z.array(z.object({ month: z.string(), score: z.number(), passed: z.boolean() })),
  /** Mean of the locked months, one decimal; null before any is locked. */
  meanScore: z.number().nullable(),
  percent: z.number().nullable(),
  amountFen: z.number(),
  paymentFen: z.number().nullable(),
  penaltiesFen: z.number(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const MonthlyReportSubmitInput = z.object({ contractId: z.uuid(), month: IsoMonth, summary: optText(4000) });

export const MonthlyOmReport = z.object({
  contractId: z.uuid(),
  contractNo: z.string(),
  contractName: z.string(),
  vendorName: z.string(),
  month: z.string(),
  /** Counted at this instant (open orders and rounds against it). */
  asOf: Instant,
  incidents: z.object({
    total: z.number().int(),
    byPriority: z.array(z.object({ priority: enumOf(PRIORITIES), count: z.number().int(), breached: z.number().int() })),
    openAtMonthEnd: z.number().int(),
    reopened: z.number().int(),
  }),
  /** Mean counted minutes (per each order's SLA clock) from the report to each step, over the orders that reached it. */
  handling: z.object({
    responseMinutes: z.number().nullable(),
    onsiteMinutes: z.number().nullable(),
    resolveMinutes: z.number().nullable(),
  }),
  /** Orders with no step late, basis points of all orders (10000 when there were none). */
  slaRateBp: z.number().int(),
  /** 1 − P1 outage minutes / minutes of the month, basis points; and the contract's target. */
  availabilityBp: z.number().int(),
  availabilityTargetBp: z.number().int(),
  outageMinutes: z.number().int(),
  inspections: z.object({
    scheduled: z.number().int(),
    done: z.number().int(),
    doneLate: z.number().int(),
    missed: z.number().int(),
    anomalies: z.number().int(),
  }),
  submission: z.object({ submittedAt: Instant, submitterName: z.string(), summary: z.string().nullable() }).nullable(),
});
export type MonthlyOmReport = z.infer<typeof MonthlyOmReport>;
