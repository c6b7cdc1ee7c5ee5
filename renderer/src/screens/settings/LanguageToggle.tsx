import { useTranslation } from 'react-i18next';
import { useSettings } from '../../state/settings';

/** A one-click switch between 中文 and English (shown on the sign-in and setup screens). */
export function LanguageToggle() {
  const { t } = useTranslation();
  const { language, setLanguage } = useSettings();
  const other = language === 'en' ? 'zh-CN' : 'en';
  return (
    <button type="button" className="link-button" lang={other} onClick={() => setLanguage(other)} title={t('settings.switchLanguage')}>
      {t(`language.${other}`)}
    </button>
  );
}
