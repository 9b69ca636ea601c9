/**
 * For tests: the app's bundles in one language as a plain translator (t, exists, language), the shape
 * features/admin/values.ts and the timeline take. Not part of the app.
 */
import i18next from 'i18next';
import enUS from './en-US';
import zhCN from './zh-CN';

export async function testTranslator(language: 'zh-CN' | 'en-US') {
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
