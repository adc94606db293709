import { ROLE_LABELS } from '../../../shared/org.contracts.ts';

type T = (zh: string, en: string) => string;

// The details of a security-log line as words: the keys the server writes, named; codes (roles,
// reasons, steps) translated; ids left out where a name stands beside them.
const KEYS: Record<string, [string, string]> = {
  target: ['对象账号', 'Account'],
  role: ['角色', 'Role'],
  changes: ['修改内容', 'Changed'],
  reason: ['原因', 'Reason'],
  failures: ['连续失败次数', 'Failures in a row'],
  locked: ['已锁定', 'Locked'],
  via: ['方式', 'Via'],
  method: ['请求', 'Request'],
  route: ['接口', 'Route'],
  status: ['结果', 'Result'],
  tokenName: ['令牌', 'Token'],
  scopes: ['令牌权限', 'Token scopes'],
  forUser: ['代表用户', 'On behalf of'],
  what: ['内容', 'What'],
  report: ['报表', 'Report'],
  file: ['文件', 'File'],
  rows: ['行数', 'Rows'],
  tables: ['表数', 'Tables'],
  force: ['覆盖已有数据', 'Replaced existing data'],
  month: ['月份', 'Month'],
  step: ['环节', 'Step'],
  note: ['意见', 'Note'],
  filter: ['筛选条件', 'Filter'],
  unitIds: ['单位数', 'Units'],
};
// Ids that a name beside them already says, or that mean nothing to a reader.
const HIDDEN = new Set(['targetId', 'tokenId', 'jobId', 'unitId']);
const CODES: Record<string, [string, string]> = {
  unknown_user: ['用户名不存在', 'Unknown user name'],
  bad_password: ['密码错误', 'Wrong password'],
  inactive: ['账号已停用', 'Account deactivated'],
  requested: ['提出申请', 'Requested'],
  approved: ['批准', 'Approved'],
  rejected: ['驳回', 'Rejected'],
  cards: ['资产卡片', 'Asset cards'],
  report: ['报表', 'Report'],
};

function valueText(key: string, v: unknown, t: T): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('是', 'yes') : t('否', 'no');
  if (key === 'role' && typeof v === 'string') {
    const r = ROLE_LABELS[v as keyof typeof ROLE_LABELS];
    return r ? t(r.zh, r.en) : v;
  }
  if (key === 'unitIds' && Array.isArray(v)) return String(v.length);
  if (typeof v === 'string') return CODES[v] ? t(CODES[v][0], CODES[v][1]) : v;
  if (Array.isArray(v)) return v.map((x) => valueText(key, x, t)).join('、');
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null && x !== '');
    if (key === 'changes') return entries.map(([k]) => k).join('、');
    return entries.map(([k, x]) => `${k}=${typeof x === 'object' ? JSON.stringify(x) : String(x)}`).join('，');
  }
  return String(v);
}

/** `[label, text]` pairs for a security event's details, in a stable order. */
export function describeDetails(details: Record<string, unknown> | null | undefined, t: T): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(details ?? {})) {
    if (HIDDEN.has(k) || v === undefined) continue;
    const name = KEYS[k] ? t(KEYS[k][0], KEYS[k][1]) : k;
    out.push([name, valueText(k, v, t)]);
  }
  return out;
}
