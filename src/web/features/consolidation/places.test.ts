import { describe, expect, it } from 'vitest';
import { countryName, routeName, stationName } from './places';

describe('consolidation places in the UI language', () => {
  it('names a station code, a country and a route in Chinese and in English', () => {
    expect(stationName('DUISBURG', 'zh-CN')).toBe('杜伊斯堡');
    expect(stationName('malaszewicze', 'en-US')).toBe('Małaszewicze');
    expect(countryName('德国', 'en-US')).toBe('Germany');
    expect(countryName('Poland', 'zh-CN')).toBe('波兰');
    expect(routeName('吴家山—杜伊斯堡 Wujiashan–Duisburg', 'zh-CN')).toBe('吴家山—杜伊斯堡');
    expect(routeName('吴家山—杜伊斯堡 Wujiashan–Duisburg', 'en-US')).toBe('Wujiashan–Duisburg');
    expect(routeName('WUJIASHAN-MALASZEWICZE', 'zh-CN')).toBe('吴家山—马拉舍维奇');
    expect(routeName('WUJIASHAN-MALASZEWICZE', 'en-US')).toBe('Wujiashan—Małaszewicze');
  });

  it('leaves a code or a name it does not know to be shown as entered (undefined)', () => {
    expect(stationName('XIAN', 'zh-CN')).toBeUndefined();
    expect(countryName('法国', 'en-US')).toBeUndefined();
    expect(routeName('吴家山—西安', 'en-US')).toBeUndefined();
    expect(routeName('WUJIASHAN-XIAN', 'zh-CN')).toBeUndefined();
  });
});
