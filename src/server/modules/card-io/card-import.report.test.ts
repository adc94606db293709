import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../testing/test-app.ts';
import { DEMO_PASSWORD, finish, plainWorkbook, readSheet, demoTestApp, upload } from '../../testing/world.ts';
import { QUOTED_CELL_MAX } from './card-import.validate.ts';

describe('the error report of a rejected import', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await demoTestApp();
    admin = await t.as('u01-admin', DEMO_PASSWORD);
  }, 120_000);
  afterAll(async () => t?.close());

  it('quotes at most 100 characters of a huge bad cell, in the job answer and in the report file', async () => {
    const huge = '长'.repeat(400_000);
    const file = await plainWorkbook([
      {
        资产名称: huge,
        分类代码: 'A02010104',
        规格型号: huge,
        品牌: huge,
        数量: 1,
        '原值(元)': 100,
        经费来源: '财政拨款',
        取得方式: '购置',
        取得日期: '0000-01-01',
        状态: '在用',
        使用方式: '自用',
      },
    ]);
    const job = await finish(t, admin, (await upload(admin, file)).json().jobId);
    expect(job.status).toBe('failed');
    const errors = job.result.errors as { column: string; value: string }[];
    expect(errors.map((e) => e.column)).toEqual(expect.arrayContaining(['资产名称', '规格型号', '品牌', '取得日期']));
    const longest = Math.max(...errors.map((e) => e.value.length));
    expect(longest).toBeLessThanOrEqual(QUOTED_CELL_MAX + 20);
    expect(errors.find((e) => e.column === '资产名称')!.value).toBe(`${'长'.repeat(100)}…（共 400000 字符）`);
    expect(JSON.stringify(job).length).toBeLessThan(10_000);
    const report = await readSheet((await admin.get(`/api/jobs/${job.id}/file`)).rawPayload, '错误报告');
    expect(Math.max(...report.map((r) => String(r['值']).length))).toBeLessThanOrEqual(QUOTED_CELL_MAX + 20);
  });
});
