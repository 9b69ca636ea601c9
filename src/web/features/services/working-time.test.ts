import { describe, expect, it } from 'vitest';
import { testTranslator } from '../../app/i18n/test-translator';
import { workingTime } from './working-time';

describe('a service clock in working time', () => {
  it('reads minutes under an hour and hours to a tenth above, in both languages', async () => {
    const zh = await testTranslator('zh-CN');
    const en = await testTranslator('en-US');
    expect(workingTime(zh.t, 'overdue', 2280)).toBe('超时 38 小时（工作时间）');
    expect(workingTime(en.t, 'overdue', 2280)).toBe('38 working hours overdue');
    expect(workingTime(en.t, 'remaining', 1210)).toBe('20.2 working hours left');
    expect(workingTime(en.t, 'remaining', 45)).toBe('45 working minutes left');
    expect(workingTime(en.t, 'remaining', 1)).toBe('1 working minute left');
    expect(workingTime(en.t, 'overdue', 60)).toBe('1 working hour overdue');
    expect(workingTime(zh.t, 'remaining', 30)).toBe('剩余 30 分钟（工作时间）');
  });
});
