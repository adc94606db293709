// Schema validation messages in the language of the person reading them. zod writes English
// ("Too big: expected string to have <=200 characters") naming types, which an asset officer cannot
// act on; the web sends its UI language in `x-ui-lang` (else Accept-Language decides, else Chinese).
// Messages a schema wrote itself in Chinese (dates, codes) are kept as written.

export type UiLang = 'zh' | 'en';

export function uiLangOf(headers: Record<string, string | string[] | undefined>): UiLang {
  const pick = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
  const explicit = pick(headers['x-ui-lang']).toLowerCase();
  if (explicit === 'en' || explicit === 'zh') return explicit;
  return /^\s*en\b/i.test(pick(headers['accept-language'])) ? 'en' : 'zh';
}

/** The parts of a zod issue the messages use (also what the type provider passes on as `params`). */
export interface IssueLike {
  code?: string;
  message?: string;
  origin?: string;
  expected?: string;
  input?: unknown;
  maximum?: number | bigint;
  minimum?: number | bigint;
  inclusive?: boolean;
  format?: string;
  values?: unknown[];
  keys?: string[];
}

const CJK = /[\u3400-\u9fff]/;

export function validationMessage(issue: IssueLike, lang: UiLang): string {
  if (issue.message && CJK.test(issue.message)) return issue.message;
  const zh = lang === 'zh';
  const n = (v: number | bigint | undefined) => String(v ?? '');
  const text = issue.origin === 'string';
  const list = issue.origin === 'array' || issue.origin === 'set';
  switch (issue.code) {
    case 'invalid_type': {
      // zod keeps the input only when asked to; its English message says what it received.
      const received = /received (\w+)/.exec(issue.message ?? '')?.[1];
      const absent =
        'input' in issue ? issue.input === undefined || issue.input === null : !received || received === 'undefined' || received === 'null';
      if (absent) return zh ? '必填' : 'Required';
      if (issue.expected === 'number' || issue.expected === 'int') return zh ? '请填写数字' : 'Enter a number';
      return zh ? '格式不对' : 'Not in the expected form';
    }
    case 'too_big':
      if (text) return zh ? `不能超过 ${n(issue.maximum)} 个字` : `At most ${n(issue.maximum)} characters`;
      if (list) return zh ? `最多 ${n(issue.maximum)} 项` : `At most ${n(issue.maximum)} items`;
      return zh ? `不能大于 ${n(issue.maximum)}` : `Must be at most ${n(issue.maximum)}`;
    case 'too_small':
      if (text && Number(issue.minimum) <= 1) return zh ? '必填' : 'Required';
      if (text) return zh ? `至少 ${n(issue.minimum)} 个字` : `At least ${n(issue.minimum)} characters`;
      if (list) return zh ? `至少 ${n(issue.minimum)} 项` : `At least ${n(issue.minimum)} items`;
      return zh ? `不能小于 ${n(issue.minimum)}` : `Must be at least ${n(issue.minimum)}`;
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return zh ? '所选项不存在' : 'Not a known record';
      if (issue.format === 'email') return zh ? '邮箱格式不对' : 'Not an e-mail address';
      if (issue.format === 'date' || issue.format === 'datetime') return zh ? '日期格式不对' : 'Not a valid date';
      return zh ? '格式不对' : 'Not in the expected form';
    case 'invalid_value':
    case 'invalid_union':
      return zh ? '不是可选的值' : 'Not one of the allowed values';
    case 'not_multiple_of':
      return zh ? '数值精度不对' : 'Too many decimal places';
    case 'unrecognized_keys':
      return zh ? `不认识的项目：${(issue.keys ?? []).join('、')}` : `Unknown fields: ${(issue.keys ?? []).join(', ')}`;
    default:
      return zh ? '输入有误' : 'Invalid input';
  }
}

/** The request's top message: how many fields are marked, never their code names. */
export function validationSummary(count: number, lang: UiLang): string {
  if (lang === 'en') return count > 1 ? `Please check the ${count} marked fields` : 'Please check the marked field';
  return count > 1 ? `输入有误，请检查标出的 ${count} 项` : '输入有误，请检查标出的项目';
}
