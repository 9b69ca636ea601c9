/** Error codes of the API, each with a Chinese and an English message. */
export const ERROR_MESSAGES = {
  validation_failed: { zh: '提交的数据有误，请检查标出的字段', en: 'Some fields are invalid' },
  required: { zh: '必填', en: 'Required' },
  invalid_type: { zh: '类型不正确', en: 'Wrong type' },
  too_small: { zh: '数值或长度过小', en: 'Too small or too short' },
  too_big: { zh: '数值或长度过大', en: 'Too large or too long' },
  invalid_format: { zh: '格式不正确', en: 'Invalid format' },
  invalid_value: { zh: '不是允许的取值', en: 'Not an allowed value' },
  unrecognized_keys: { zh: '包含未知字段', en: 'Unknown field' },
  not_found: { zh: '记录不存在', en: 'Not found' },
  reference_not_found: { zh: '引用的记录不存在', en: 'The referenced record does not exist' },
  duplicate: { zh: '已存在相同的记录', en: 'A record with this value already exists' },
  stale_version: {
    zh: '记录已被他人修改，请刷新后重试',
    en: 'The record was changed by someone else; reload and try again',
  },
  version_required: { zh: '更新须提供版本号', en: 'An update must carry the version it is based on' },
  in_use: { zh: '记录仍被其他数据引用，不能删除', en: 'The record is still referenced and cannot be deleted' },
  credit_code_check_failed: {
    zh: '统一社会信用代码校验位不符；如确认无误，请勾选"确认"后再提交',
    en: 'The credit code fails its check character; confirm it to save it anyway',
  },
  credit_code_malformed: {
    zh: '统一社会信用代码应为18位，且不含 I、O、S、V、Z',
    en: 'A credit code has 18 characters and no I, O, S, V or Z',
  },
  floor_zero: { zh: '楼层号不能为 0', en: 'Floor number cannot be 0' },
  floor_out_of_range: { zh: '楼层超出楼宇层数', en: 'Floor is outside the building' },
  date_order: { zh: '结束日期早于开始日期', en: 'End date is before start date' },
  self_link: { zh: '供应商与客户不能是同一企业', en: 'Supplier and customer must differ' },
  cycle: { zh: '不能把园区设为自己或下级园区的上级', en: 'A park cannot be nested inside itself' },
  bad_request: { zh: '请求无效', en: 'Bad request' },
  unauthorized: { zh: '请先登录', en: 'Sign in first' },
  forbidden: { zh: '无权执行此操作', en: 'You may not do this' },
  csrf_failed: { zh: '页面已过期，请刷新后重试', en: 'The page is out of date: reload and try again' },
  bad_credentials: { zh: '用户名或密码不正确', en: 'Wrong user name or password' },
  account_locked: {
    zh: '登录失败次数过多，账号已暂时锁定',
    en: 'Too many failed sign-ins: the account is locked for a while',
  },
  rate_limited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests: try again later' },
  password_too_short: { zh: '密码至少 10 个字符', en: 'A password has at least 10 characters' },
  wrong_password: { zh: '当前密码不正确', en: 'The current password is wrong' },
  unsafe_characters: {
    zh: '含有不允许的字符（空字符或不成对的代理字符）',
    en: 'Contains a NUL character or an unpaired surrogate',
  },
  out_of_range: { zh: '数值超出允许范围', en: 'The number is out of range' },
  invalid_text: { zh: '取值格式不正确', en: 'A value has the wrong format' },
  text_too_long: { zh: '文本过长', en: 'A text is too long' },
  not_multipart: {
    zh: '上传须为带 boundary 的 multipart/form-data',
    en: 'An upload must be multipart/form-data with a boundary',
  },
  payload_too_large: { zh: '请求体过大', en: 'Request body too large' },
  job_state: { zh: '任务当前的状态不允许此操作', en: 'The job is not in a state that allows this' },
  internal: { zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, { zh: string; en: string }>;

/** The platform's codes, known to server and web alike. */
export type CoreErrorCode = keyof typeof ERROR_MESSAGES;
/** A module's own code, namespaced by its name ('docking.unit_mismatch'), declared in its manifest. */
export type ModuleErrorCode = `${string}.${string}`;
export type ErrorCode = CoreErrorCode | ModuleErrorCode;

export interface Message {
  zh: string;
  en: string;
}

const MODULE_MESSAGES = new Map<string, Message>();

/** Registers a module's codes (server/platform/module.ts `installModules`); a code is taken once. */
export function registerErrorMessages(messages: Readonly<Record<ModuleErrorCode, Message>>): void {
  for (const [code, m] of Object.entries(messages)) {
    if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*$/.test(code)) throw new Error(`error code "${code}" is not module.code`);
    if (MODULE_MESSAGES.has(code)) throw new Error(`error code "${code}" is registered twice`);
    MODULE_MESSAGES.set(code, m);
  }
}

/** Whether a string is a known code: the platform's, or one a module registered. */
export const isErrorCode = (c: string): c is ErrorCode => Object.hasOwn(ERROR_MESSAGES, c) || MODULE_MESSAGES.has(c);

/** The zh and en message of a code; an unregistered code is a programming error. */
export function errorMessage(code: ErrorCode): Message {
  const m = Object.hasOwn(ERROR_MESSAGES, code) ? ERROR_MESSAGES[code as CoreErrorCode] : MODULE_MESSAGES.get(code);
  if (!m) throw new Error(`error code "${code}" is not registered`);
  return m;
}

export interface FieldProblem {
  path: (string | number)[];
  code: ErrorCode;
  message: { zh: string; en: string };
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail?: string;
  /** The code's message in both languages (a module's codes are not known to the web otherwise). */
  message?: Message;
  errors?: FieldProblem[];
}

export function fieldProblem(
  path: (string | number)[],
  code: ErrorCode,
  extra?: { zh: string; en: string },
): FieldProblem {
  const base = errorMessage(code);
  return {
    path,
    code,
    message: extra ? { zh: `${base.zh}：${extra.zh}`, en: `${base.en}: ${extra.en}` } : { ...base },
  };
}
