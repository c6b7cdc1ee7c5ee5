import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import zhCN from './zh-CN.json';
import en from './en.json';
import type { Locale } from '../../../shared/text';

export const LANGUAGE_KEY = 'yibao.language';
export const LANGUAGES: readonly Locale[] = ['zh-CN', 'en'];

export function storedLanguage(): Locale {
  const v = localStorage.getItem(LANGUAGE_KEY);
  return v === 'en' ? 'en' : 'zh-CN';
}

/** i18next with both languages bundled (they are small; the workstation is offline). Simplified Chinese by default. */
export function initI18n(): typeof i18next {
  const lng = storedLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  return i18next;
}
