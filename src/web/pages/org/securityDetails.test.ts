import { describe, expect, it } from 'vitest';
import { describeDetails } from './securityDetails.ts';

const zh = (a: string) => a;
const en = (_: string, b: string) => b;

describe('security log details', () => {
  it('name the keys, translate codes and leave out ids a name stands beside', () => {
    const d = { target: 'u01-staff', targetId: 'f3b0c1de-0000-4000-8000-000000000000', role: 'unit_admin', unitId: 'x' };
    expect(describeDetails(d, zh)).toEqual([
      ['对象账号', 'u01-staff'],
      ['角色', '单位资产管理员'],
    ]);
    expect(describeDetails({ reason: 'unknown_user' }, en)).toEqual([['Reason', 'Unknown user name']]);
    expect(describeDetails({ failures: 3, locked: false }, zh)).toEqual([
      ['连续失败次数', '3'],
      ['已锁定', '否'],
    ]);
  });
});
