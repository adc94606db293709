import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uiLangOf, validationMessage, validationSummary } from './validation-messages.ts';

const issuesOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues ?? [];

describe('validation messages', () => {
  const schema = z.object({ name: z.string().max(5), n: z.number().min(1), id: z.uuid(), kind: z.enum(['a', 'b']), must: z.string() });
  const bad = { name: '一二三四五六', n: 0, id: 'x', kind: 'c' };

  it('are written in Chinese for the Chinese UI, naming no types', () => {
    expect(issuesOf(schema, bad).map((i) => validationMessage(i, 'zh'))).toEqual([
      '不能超过 5 个字',
      '不能小于 1',
      '所选项不存在',
      '不是可选的值',
      '必填',
    ]);
  });

  it('are written in English for the English UI', () => {
    expect(issuesOf(schema, bad).map((i) => validationMessage(i, 'en'))).toEqual([
      'At most 5 characters',
      'Must be at least 1',
      'Not a known record',
      'Not one of the allowed values',
      'Required',
    ]);
  });

  it("keep a schema's own Chinese message", () => {
    const [issue] = issuesOf(z.string().min(1, '请填写单位名称'), '');
    expect(validationMessage(issue, 'en')).toBe('请填写单位名称');
  });

  it('take the language from x-ui-lang, then Accept-Language, else Chinese', () => {
    expect(uiLangOf({ 'x-ui-lang': 'en', 'accept-language': 'zh-CN' })).toBe('en');
    expect(uiLangOf({ 'accept-language': 'en-US,en;q=0.9' })).toBe('en');
    expect(uiLangOf({})).toBe('zh');
    expect(validationSummary(3, 'zh')).toBe('输入有误，请检查标出的 3 项');
  });
});
