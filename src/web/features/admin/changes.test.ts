import { describe, expect, it } from 'vitest';
import { changesOf } from './changes';

describe('changesOf', () => {
  it('lists only the fields whose value changed, with old and new', () => {
    const changes = changesOf({
      oldValues: { name: '北港工业园', operator: null, tags: ['a'], landMu: 10 },
      newValues: { name: '北港工业园', operator: '运营公司', tags: ['a', 'b'], landMu: 10 },
    });
    expect(changes).toEqual([
      { field: 'operator', before: null, after: '运营公司' },
      { field: 'tags', before: ['a'], after: ['a', 'b'] },
    ]);
  });

  it('lists the fields set on create and the fields held on delete, not the empty ones', () => {
    expect(changesOf({ oldValues: null, newValues: { name: 'x', nameEn: null, tags: [] } })).toEqual([
      { field: 'name', before: undefined, after: 'x' },
    ]);
    expect(changesOf({ oldValues: { name: 'x', code: '' }, newValues: null }).map((c) => c.field)).toEqual(['name']);
  });
});
