// The one error vocabulary: a stable id, an HTTP status, and a message (zh-CN and en) for each.
export const ERRORS = {
  validation: { status: 400, zh: '输入有误', en: 'Invalid input' },
  bad_file: { status: 400, zh: '文件无法读取', en: 'The file cannot be read' },
  import_rejected: {
    status: 422,
    zh: '导入被拒绝：文件中有错误行，未写入任何数据',
    en: 'Import rejected: the file has bad rows; nothing was written',
  },
  unauthenticated: { status: 401, zh: '请先登录', en: 'Please sign in' },
  bad_credentials: { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  locked_out: { status: 429, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins; try again later' },
  csrf: { status: 403, zh: '请求来源校验失败，请刷新页面', en: 'Request origin check failed; reload the page' },
  forbidden: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  password_change_required: {
    status: 403,
    zh: '请先修改密码（临时密码只能用于修改密码）',
    en: 'Change your password first (a temporary password only allows that)',
  },
  not_found: { status: 404, zh: '记录不存在', en: 'Not found' },
  conflict: { status: 409, zh: '与现有记录冲突', en: 'Conflicts with an existing record' },
  stale: { status: 409, zh: '记录已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  busy: { status: 409, zh: '资产已在其他未完成的单据中', en: 'The asset is already in another open document' },
  invalid_transition: { status: 409, zh: '当前状态不允许此操作', en: 'This action is not allowed in the current status' },
  rule_violation: { status: 422, zh: '不符合规定', en: 'This breaks a rule' },
  locked_period: { status: 409, zh: '该期间已结账，不能修改', en: 'The period is closed' },
  payload_too_large: { status: 413, zh: '文件过大', en: 'File too large' },
  rate_limited: { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  unavailable: { status: 503, zh: '数据库暂时不可用，请稍后重试', en: 'The database is unavailable for the moment; try again shortly' },
  internal: { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
} as const;
export type ErrorId = keyof typeof ERRORS;

/** The JSON body of every error response. */
export interface ErrorBody {
  error: ErrorId;
  message: string;
  /** Field errors: path (e.g. "name" or "lines.2.price") → message. */
  fields?: Record<string, string>;
  details?: unknown;
}

/** What the web shows when no server message exists: the call never reached the server, or failed without one. */
export const CLIENT_MESSAGES = {
  network: { zh: '网络错误，请检查连接后重试', en: 'Network error; check the connection and retry' },
  failed: { zh: '操作失败', en: 'The action failed' },
} as const;
