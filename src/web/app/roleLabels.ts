import type { Role } from '../../shared/roles.ts';

export const ROLE_LABELS: Record<Role, readonly [string, string]> = {
  sysadmin: ['系统管理员', 'System administrator'],
  asset_office: ['资产管理处', 'Asset office'],
  finance_bureau: ['财政局', 'Finance bureau'],
  auditor: ['审计监督', 'Auditor'],
  unit_admin: ['单位资产管理员', 'Unit asset administrator'],
  unit_finance: ['单位财务', 'Unit finance'],
  unit_leader: ['单位负责人', 'Unit leader'],
  staff: ['使用人', 'Staff'],
  vendor: ['运维服务商', 'Service vendor'],
};
