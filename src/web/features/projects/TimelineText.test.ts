import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import enUS from '../../app/i18n/en-US';
import zhCN from '../../app/i18n/zh-CN';
import { timelineFieldLabel } from './TimelineText';

async function translator(language: 'zh-CN' | 'en-US') {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: language,
    fallbackLng: false,
    returnNull: false,
  });
  return {
    t: (k: string, o?: Record<string, unknown>) => String(i18n.t(k as never, o as never)),
    exists: (k: string) => i18n.exists(k),
    language,
  };
}

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
