// Roles (docs/domain.md §1) and the one permission table. The web uses it for menus, the server to authorize.
export const ROLES = [
  'sysadmin', // 系统管理员 (committee)
  'asset_office', // 资产管理处 (committee)
  'finance_bureau', // 财政局
  'auditor', // 内审/纪检
  'unit_admin', // 单位资产管理员
  'unit_finance', // 单位财务
  'unit_leader', // 单位负责人
  'staff', // 使用人
  'vendor', // 运维服务商
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose assignment is system-wide; the others are held within one unit. */
export const SYSTEM_ROLES: readonly Role[] = ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'vendor'];

export const PERMISSIONS = {
  // org
  'org.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'org.unit.write': ['sysadmin', 'asset_office'],
  'org.department.write': ['sysadmin', 'asset_office', 'unit_admin'],
  'org.staff.write': ['sysadmin', 'asset_office', 'unit_admin'],
  'org.user.read': ['sysadmin', 'asset_office', 'auditor', 'unit_admin'],
  'org.user.write': ['sysadmin'],
  'org.place.write': ['sysadmin', 'asset_office'],
  'audit.read': ['sysadmin', 'auditor'],
  /** 操作日志: auditors see every unit's, a unit's asset administrator the unit's. */
  'oplog.read': ['auditor', 'unit_admin'],
  /** Notification channels (mail server, group robots, webhooks) and failed deliveries. */
  'notify.manage': ['sysadmin'],
  'token.manage': ['sysadmin'],
  // card library
  'catalog.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'catalog.write': ['sysadmin', 'asset_office'],
  'card.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'card.write': ['asset_office', 'unit_admin'],
  'card.import': ['asset_office', 'unit_admin'],
  'card.export': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader'],
  // documents
  'document.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'document.write': ['asset_office', 'unit_admin', 'unit_finance', 'staff'],
  'document.approve': ['asset_office', 'finance_bureau', 'unit_admin', 'unit_finance', 'unit_leader'],
  'document.execute': ['asset_office', 'unit_admin', 'unit_finance'],
  /** A comment in a document's thread (意见交流): whoever writes or approves documents. */
  'document.comment': ['asset_office', 'finance_bureau', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'standard.write': ['asset_office'],
  'chain.write': ['asset_office'],
  'procurement.write': ['asset_office'],
  // finance and reports
  'depreciation.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader'],
  'depreciation.run': ['asset_office', 'unit_finance'],
  'depreciation.close': ['asset_office', 'unit_finance'],
  // 期初建账: declaring the takeover month of a unit's books.
  'books.takeover': ['asset_office', 'unit_finance'],
  // 补录入账: posting a card registered by hand after the takeover (finance, not whoever registered it).
  'card.post': ['asset_office', 'unit_finance'],
  // 反结账 is decided by the committee, never by the unit that asks.
  'period.reopen.decide': ['asset_office'],
  'report.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader'],
  /** The written explanation of a month's change over 20 %: the unit's finance and the committee. */
  'report.explain': ['asset_office', 'unit_finance'],
  /** 月报报送: the unit's finance (or asset administrator) submits its monthly set; the committee reviews and locks it. */
  'report.submit': ['unit_admin', 'unit_finance'],
  'report.review': ['asset_office'],
  // 国有资产收入 (docs/domain.md §4a): disposal, rental and lending income and its turnover to the
  // treasury. Read like the reports; recorded by the unit's finance officer only.
  'income.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader'],
  'income.turnover': ['unit_finance'],
  // shared facilities (一共享): everyone sees the catalogue and free/busy; a unit books for itself;
  // the committee's asset office manages the catalogue, approves, dispatches vehicles and sees all.
  'sharing.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'sharing.book': ['asset_office', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'sharing.manage': ['asset_office'],
  'job.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  // 公物仓: every unit sees the catalogue; units offer and request; the committee decides.
  'pool.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'pool.offer': ['asset_office', 'unit_admin'],
  'pool.request': ['asset_office', 'unit_admin'],
  'pool.decide': ['asset_office'],
  'pool.evaluate': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader'],
  // 资产使用效益评价: a unit's administrator or leader submits its self-evaluation; the committee's asset
  // office keeps the indicator system, reviews, and records and handles violations (责任追究).
  'evaluation.self': ['unit_admin', 'unit_leader'],
  'evaluation.manage': ['asset_office'],
  // 责任追究: a violation is entered by the committee's asset office or by the auditor (内审/纪检), who
  // otherwise only looks: the record is an oversight finding, it changes no card, document or account.
  'accountability.record': ['asset_office', 'auditor'],
  // 清查盘点: the committee plans for every unit, a unit's asset administrator for its own; counters scan.
  'count.read': ['asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  'count.plan': ['asset_office', 'unit_admin'],
  'count.scan': ['asset_office', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
  // 委托管理 machine rooms (docs/domain.md §11): the committee manages rooms, racks, vendors and
  // contracts; a vendor reads only its contracts' rooms and work orders (the machinerooms module
  // narrows the system-wide grant to the vendor's contracts); units report faults and hand cards
  // into custody; the committee signs the custody agreements.
  'machineroom.read': ['asset_office', 'auditor', 'vendor'],
  'machineroom.manage': ['asset_office'],
  'workorder.read': ['asset_office', 'auditor', 'vendor', 'unit_admin', 'unit_leader', 'staff'],
  'workorder.report': ['asset_office', 'unit_admin', 'staff'],
  'workorder.handle': ['vendor'],
  // 巡检: the vendor records each scheduled inspection of its contracts' rooms.
  'inspection.perform': ['vendor'],
  // 月报报送: the vendor submits its monthly O&M report (late is a scorecard deduction).
  'omreport.submit': ['vendor'],
  'custody.read': ['asset_office', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader'],
  'custody.write': ['asset_office', 'unit_admin'],
  'custody.decide': ['asset_office'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

/**
 * Permissions that change business records (documents and their decisions, cards, chains,
 * standards, depreciation, report explanations). The system administrator, who manages accounts,
 * and the read-only roles hold none of them; the route walker checks every route declaring one.
 */
export const BUSINESS_WRITE_PERMISSIONS: readonly Permission[] = [
  'document.write',
  'document.approve',
  'document.execute',
  'document.comment',
  'chain.write',
  'standard.write',
  'procurement.write',
  'card.write',
  'card.import',
  'depreciation.run',
  'depreciation.close',
  'report.explain',
  'report.submit',
  'report.review',
  'income.turnover',
  'pool.offer',
  'pool.request',
  'pool.decide',
  'evaluation.self',
  'evaluation.manage',
  'sharing.book',
  'sharing.manage',
  'count.plan',
  'count.scan',
  'machineroom.manage',
  'workorder.report',
  'workorder.handle',
  'inspection.perform',
  'omreport.submit',
  'custody.write',
  'custody.decide',
];

/**
 * Decisions that need a person at the keyboard: an API token never carries them, whoever issued it,
 * and an older token that lists one is refused it.
 */
export const SESSION_ONLY_PERMISSIONS: readonly Permission[] = [
  'document.approve',
  'document.execute',
  'pool.decide',
  'custody.decide',
  'report.review',
];

/** Roles that look but never write: every mutating route answers them 403 (the route walker checks). */
export const READ_ONLY_ROLES: readonly Role[] = ['auditor'];

/**
 * Separation of duties: pairs of roles one person may not hold together where both reach the same
 * unit (a system-wide grant reaches every unit). Edit this table to change the policy; user
 * creation, role changes and the CLI all refuse a conflicting combination with the reason given.
 */
export const ROLE_CONFLICTS: readonly (readonly [Role, Role, string])[] = [
  ...ROLES.filter((r) => r !== 'sysadmin').map((r) => ['sysadmin', r, '系统管理员只管理账号，不能兼任业务角色'] as const),
  ...ROLES.filter((r) => r !== 'sysadmin' && r !== 'auditor').map(
    (r) => ['auditor', r, '内审/纪检须独立于被检查的业务，不能兼任业务角色'] as const,
  ),
  ['unit_admin', 'unit_finance', '资产管理与财务入账须由不同的人承担'],
  ['asset_office', 'finance_bureau', '管委会资产管理处与财政局的审批须由不同的人承担'],
  ...ROLES.filter((r) => r !== 'vendor' && r !== 'sysadmin' && r !== 'auditor').map(
    (r) => ['vendor', r, '运维服务商不能兼任机关内部角色'] as const,
  ),
];

/** The conflicts among `grants` (ROLE_CONFLICTS): the later grant's index and the reason. */
export function roleConflicts(grants: readonly RoleGrant[]): { index: number; other: number; message: string }[] {
  const out: { index: number; other: number; message: string }[] = [];
  grants.forEach((b, j) => {
    for (let i = 0; i < j; i++) {
      const a = grants[i];
      const overlap = a.unitId === null || b.unitId === null || a.unitId === b.unitId;
      const rule = overlap && ROLE_CONFLICTS.find(([x, y]) => (x === a.role && y === b.role) || (x === b.role && y === a.role));
      if (rule) {
        out.push({ index: j, other: i, message: `${ROLE_LABELS[a.role]}与${ROLE_LABELS[b.role]}不能由同一人兼任：${rule[2]}` });
        break;
      }
    }
  });
  return out;
}

/** Chinese role names for messages (the web has its own [zh, en] labels). */
export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  asset_office: '资产管理处',
  finance_bureau: '财政局',
  auditor: '内审/纪检',
  unit_admin: '单位资产管理员',
  unit_finance: '单位财务',
  unit_leader: '单位负责人',
  staff: '使用人',
  vendor: '运维服务商',
};

export interface RoleGrant {
  role: Role;
  /** null: the whole system; otherwise the unit the role is held in. */
  unitId: string | null;
}

export function hasPermission(grants: readonly RoleGrant[], permission: Permission): boolean {
  const roles = PERMISSIONS[permission] as readonly Role[];
  return grants.some((g) => roles.includes(g.role));
}

/** The units in which the grants allow `permission`: 'all', or a list (possibly empty). */
export function unitsAllowed(grants: readonly RoleGrant[], permission: Permission): 'all' | string[] {
  const roles = PERMISSIONS[permission] as readonly Role[];
  const units = new Set<string>();
  for (const g of grants) {
    if (!roles.includes(g.role)) continue;
    if (g.unitId === null) return 'all';
    units.add(g.unitId);
  }
  return [...units];
}

export const RANKS = ['municipal_head', 'municipal_deputy', 'bureau_head', 'bureau_deputy', 'below_bureau'] as const;
export type Rank = (typeof RANKS)[number];
