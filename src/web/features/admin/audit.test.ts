import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import enUS from '../../app/i18n/en-US';
import zhCN from '../../app/i18n/zh-CN';
import { auditValueText } from './audit';

async function translator(language: 'zh-CN' | 'en-US') {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
    lng: language,
    fallbackLng: false,
    returnNull: false,
  });
  return { t: (k: string) => String(i18n.t(k as never)), exists: (k: string) => i18n.exists(k), language };
}

describe('auditValueText', () => {
  it('labels the codes other features write to the log, and flags as yes / no, in both languages', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en-US');
    // The values the string walk found on /admin/audit after the invest and conference specs.
    expect(auditValueText(zh, 'projects', 'stage', 'lead')).toBe('线索');
    expect(auditValueText(en, 'projects', 'stage', 'lead')).toBe('Lead');
    expect(auditValueText(zh, 'conference_requests', 'status', 'accepted')).toBe('已接受');
    expect(auditValueText(en, 'conference_requests', 'status', 'accepted')).toBe('Accepted');
    expect(auditValueText(zh, 'conference_participants', 'attending', false)).toBe('否');
    expect(auditValueText(en, 'projects', 'synthetic', true)).toBe('Yes');
    // Closed vocabularies of contracts/labels.ts, per entity.
    expect(auditValueText(zh, 'parks', 'status', 'operating')).toBe('运营中');
    expect(auditValueText(en, 'enterprises', 'scale', 'medium')).toBe('Medium');
    // Statuses of entities whose feature has no label of its own (the full run's space and evaluation specs).
    expect(auditValueText(zh, 'space_floor_plans', 'status', 'draft')).toBe('草稿');
    expect(auditValueText(en, 'space_floor_plans', 'status', 'accepted')).toBe('Accepted');
    expect(auditValueText(zh, 'evaluation_rule_sets', 'status', 'published')).toBe('已发布');
  });

  it('leaves names, figures and codes without a label as they are stored', async () => {
    const zh = await translator('zh-CN');
    expect(auditValueText(zh, 'parks', 'name', '北港工业园')).toBeUndefined();
    expect(auditValueText(zh, 'parks', 'landMu', 120)).toBeUndefined();
    expect(auditValueText(zh, 'parks', 'status', 'no_such_status')).toBeUndefined();
  });
});
