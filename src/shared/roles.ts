// Roles (DOMAIN §2) and the one permission table. The web uses it for menus, the server to authorize.
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
  'standard.write': ['asset_office'],
  'chain.write': ['sysadmin', 'asset_office'],
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
  'job.read': ['sysadmin', 'asset_office', 'finance_bureau', 'auditor', 'unit_admin', 'unit_finance', 'unit_leader', 'staff'],
} as const satisfies Record<string, readonly Role[]>;
export type Permission = keyof typeof PERMISSIONS;

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
