import { describe, expect, it } from 'vitest';
import { safeNext } from './session';

describe('safeNext', () => {
  it('keeps a path inside the app with its query', () => {
    expect(safeNext('/parks?regionCode=420112')).toBe('/parks?regionCode=420112');
  });

  it('refuses other sites, protocol-relative addresses and the sign-in page itself', () => {
    for (const bad of ['https://evil.example/', '//evil.example/x', 'parks', '/sign-in?next=/x', '', null, undefined])
      expect(safeNext(bad)).toBe('/');
  });
});
