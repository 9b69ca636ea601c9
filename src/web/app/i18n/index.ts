import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enUS from './en-US';
import zhCN from './zh-CN';

export const LANGUAGES = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'parklink.lang';

function storedLanguage(): Lang {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    if (v === 'en-US' || v === 'zh-CN') return v;
  } catch {
    // localStorage may be unavailable (private mode); fall back to Chinese.
  }
  return 'zh-CN';
}

export function currentLang(): Lang {
  return i18n.language === 'en-US' ? 'en-US' : 'zh-CN';
}

/** Switch the UI language, remember it, and tell the document (screen readers, fonts). */
export function setLanguage(lang: Lang): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  void i18n.changeLanguage(lang);
}

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, 'en-US': { translation: enUS } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
