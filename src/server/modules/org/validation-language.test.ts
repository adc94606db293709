import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { demoTestApp, signIn } from '../../testing/world.ts';

describe('a refused form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await demoTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const body = { code: '99001', name: '测试单位', shortName: '很'.repeat(60), sort: 'first' };

  it('names each field with a message in the UI language, and no field code in the summary', async () => {
    const officer = await signIn(t, 'officer');
    const zh = await officer.request('POST', '/api/units', body, { 'x-ui-lang': 'zh' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json()).toEqual({
      error: 'validation',
      message: '输入有误，请检查标出的 2 项',
      fields: { shortName: '不能超过 50 个字', sort: '请填写数字' },
    });
    const en = await officer.request('POST', '/api/units', body, { 'x-ui-lang': 'en' });
    expect(en.json()).toEqual({
      error: 'validation',
      message: 'Please check the 2 marked fields',
      fields: { shortName: 'At most 50 characters', sort: 'Enter a number' },
    });
  });
});
