import { useTranslation } from 'react-i18next';
import type { LocalizedText, Locale } from '../../../shared/text';

export function currentLocale(language: string | undefined): Locale {
  return language === 'en' ? 'en' : 'zh-CN';
}

/** Pick a data-borne text (catalog names) in the UI language. */
export function useLocalized(): (text: LocalizedText | null | undefined) => string {
  const { i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  return (text) => (text ? text[locale] : '');
}

/** "activities of daily living" → "Activities of daily living" (data-borne English names start in lower case for use mid-sentence). */
export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
