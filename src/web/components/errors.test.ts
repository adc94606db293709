import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client.ts';
import { errorText, fieldPath, splitFieldErrors } from './errors.ts';

describe('server field errors on antd forms', () => {
  it('turns dotted server paths into antd name paths with numeric list indexes', () => {
    expect(fieldPath('name')).toEqual(['name']);
    expect(fieldPath('lines.2.price')).toEqual(['lines', 2, 'price']);
    expect(fieldPath('a.10.b.0')).toEqual(['a', 10, 'b', 0]);
  });

  it('puts errors of registered fields on the form and keeps the others for a message', () => {
    const { onForm, elsewhere } = splitFieldErrors({ 'lines.2.price': '单价必须大于0', name: '必填', unknownThing: '不允许' }, [
      ['name'],
      ['lines', 2, 'price'],
      ['lines', 0, 'price'],
    ]);
    expect(onForm).toEqual([
      { name: ['lines', 2, 'price'], errors: ['单价必须大于0'] },
      { name: ['name'], errors: ['必填'] },
    ]);
    expect(elsewhere).toEqual(['unknownThing: 不允许']);
  });

  it('puts an error on the field that holds what the server names differently', () => {
    const { onForm, elsewhere } = splitFieldErrors({ 'payload.periodTo': '请填写期限' }, [['payload', 'period']], {
      'payload.periodTo': ['payload', 'period'],
    });
    expect(onForm).toEqual([{ name: ['payload', 'period'], errors: ['请填写期限'] }]);
    expect(elsewhere).toEqual([]);
  });

  it('shows the server message of an API refusal and a network hint when fetch fails', () => {
    expect(errorText(new ApiError(409, { error: 'stale', message: '记录已被他人修改，请刷新后重试' }))).toBe(
      '记录已被他人修改，请刷新后重试',
    );
    expect(errorText(new TypeError('Failed to fetch'))).toBe('网络错误，请检查连接后重试');
    expect(errorText(undefined)).toBe('操作失败');
  });
});
