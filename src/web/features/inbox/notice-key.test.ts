import { describe, expect, it } from 'vitest';
import { noticeKey, noticeVars } from './notice-key';

describe('noticeKey', () => {
  it('finds a kind’s template in the feature of the module that sends it', () => {
    expect(noticeKey('docking.new_matches')).toBe('docking.notice.new_matches');
    expect(noticeKey('evaluation.review_due')).toBe('evaluation.notice.review_due');
    // a module whose feature keeps its messages under another name
    expect(noticeKey('conferences.reminder')).toBe('conference.notice.reminder');
  });

  it('has no template for a kind without a module', () => {
    expect(noticeKey('orphan')).toBe('inbox.kind_unknown');
  });
});

describe('noticeVars', () => {
  const mark = '|';
  it('keeps a count a number, so the plural form (`_one`) is chosen, and other numbers in the locale', () => {
    const { vars } = noticeVars({ count: 1, honours: 1234, validUntil: '2026-12-31' }, { lang: 'en-US', mark });
    expect(vars).toEqual({ count: 1, honours: (1234).toLocaleString('en-US'), validUntil: '2026-12-31' });
  });

  it('puts the English twin of a name in English and marks names as data', () => {
    const { p, vars } = noticeVars({ tierName: '专精特新', tierNameEn: 'Specialised SME' }, { lang: 'en-US', mark });
    expect(p.tierName).toBe('Specialised SME');
    expect(vars.tierName).toBe('|tierName|');
  });
});
