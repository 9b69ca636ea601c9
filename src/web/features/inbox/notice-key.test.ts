import { describe, expect, it } from 'vitest';
import { noticeKey } from './notice-key';

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
