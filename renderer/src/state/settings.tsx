import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../../shared/text';
import { LANGUAGE_KEY, storedLanguage } from '../i18n';

const LARGE_TEXT_KEY = 'yibao.largeText';
const IDLE_KEY = 'yibao.idleMinutes';
export const DEFAULT_IDLE_MINUTES = 10;

export interface Settings {
  language: Locale;
  /** 适老化: larger text and controls for elderly-friendly service. */
  largeText: boolean;
  /** Lock the screen after this many idle minutes. */
  idleMinutes: number;
  setLanguage(l: Locale): void;
  setLargeText(on: boolean): void;
  setIdleMinutes(m: number): void;
}

const SettingsContext = createContext<Settings | null>(null);

function storedIdle(): number {
  const n = Number(localStorage.getItem(IDLE_KEY));
  return Number.isInteger(n) && n >= 1 && n <= 120 ? n : DEFAULT_IDLE_MINUTES;
}

/** UI preferences of this workstation, remembered in localStorage. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [language, setLang] = useState<Locale>(storedLanguage);
  const [largeText, setLarge] = useState<boolean>(() => localStorage.getItem(LARGE_TEXT_KEY) === '1');
  const [idleMinutes, setIdle] = useState<number>(storedIdle);

  useEffect(() => {
    document.documentElement.lang = language;
    const apply = () => {
      document.title = i18n.t('app.title');
    };
    if (i18n.language !== language) void i18n.changeLanguage(language).then(apply);
    else apply();
  }, [language, i18n]);

  useEffect(() => {
    document.documentElement.classList.toggle('large-text', largeText);
  }, [largeText]);

  const setLanguage = useCallback((l: Locale) => {
    localStorage.setItem(LANGUAGE_KEY, l);
    setLang(l);
  }, []);
  const setLargeText = useCallback((on: boolean) => {
    localStorage.setItem(LARGE_TEXT_KEY, on ? '1' : '0');
    setLarge(on);
  }, []);
  const setIdleMinutes = useCallback((m: number) => {
    localStorage.setItem(IDLE_KEY, String(m));
    setIdle(m);
  }, []);

  const value = useMemo(
    () => ({ language, largeText, idleMinutes, setLanguage, setLargeText, setIdleMinutes }),
    [language, largeText, idleMinutes, setLanguage, setLargeText, setIdleMinutes],
  );
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): Settings {
  const s = useContext(SettingsContext);
  if (!s) throw new Error('useSettings outside SettingsProvider');
  return s;
}
