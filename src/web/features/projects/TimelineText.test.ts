import { describe, expect, it } from 'vitest';
import { testTranslator as translator } from '../../app/i18n/test-translator';
import { timelineFieldLabel } from './TimelineText';

describe('timelineFieldLabel', () => {
  it('names a changed field by the project form’s label, else by the audit log’s, never by its code', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en-US');
    expect(timelineFieldLabel(zh, 'investorEnterpriseId')).toBe(zh.t('invest.investorEnterprise'));
    // no form label: the audit log's words for a project's field (this feature's, then the shared list)
    expect(timelineFieldLabel(zh, 'sourceId')).toBe('来源');
    expect(timelineFieldLabel(en, 'synthetic')).toBe(en.t('audit.field.synthetic'));
    expect(timelineFieldLabel(en, 'synthetic')).not.toBe('synthetic');
  });
});
