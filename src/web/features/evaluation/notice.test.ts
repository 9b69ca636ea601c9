import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { noticeKey, noticeVars } from '../inbox/notice-key';
import { en, namespace, zh } from './messages';

/** A digest as the inbox renders it: the kind's template with the parameters of noticeVars. */
async function render(lang: 'zh-CN' | 'en-US', kind: string, params: Record<string, number | string>) {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { 'zh-CN': { translation: { [namespace]: zh } }, 'en-US': { translation: { [namespace]: en } } },
    lng: lang,
    fallbackLng: false,
  });
  expect(i18n.exists(noticeKey(kind))).toBe(true);
  return String(i18n.t(noticeKey(kind) as never, noticeVars(params, { lang, mark: '|' }).vars as never));
}

describe('the officers’ digest notices', () => {
  const p = (count: number) => ({ count, honours: count + 1, validUntil: '2026-12-31' });
  it('counts firms in English with the singular for one', async () => {
    expect(await render('en-US', 'evaluation.review_due_digest', p(1))).toBe(
      'Honours of 1 firm expire by 2026-12-31: plan its re-review',
    );
    expect(await render('en-US', 'evaluation.review_due_digest', p(60))).toBe(
      'Honours of 60 firms expire by 2026-12-31: plan their re-review',
    );
    expect(await render('en-US', 'evaluation.lapsed_digest', p(1))).toMatch(/^Honours of 1 firm expired by 2026-12-31/);
    expect(await render('en-US', 'evaluation.lapsed_digest', p(3))).toMatch(/^Honours of 3 firms expired by/);
  });

  it('counts firms in Chinese', async () => {
    expect(await render('zh-CN', 'evaluation.review_due_digest', p(60))).toBe(
      '60 家企业的梯度称号将于 2026-12-31 前到期，请安排复核',
    );
    expect(await render('zh-CN', 'evaluation.lapsed_digest', p(1))).toMatch(
      /^1 家企业的梯度称号已于 2026-12-31 前到期/,
    );
  });
});
