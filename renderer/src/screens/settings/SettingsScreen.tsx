import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../i18n';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useSettings } from '../../state/settings';
import { useSession, useUser } from '../../state/session';
import { api } from '../../api/client';
import { refreshSyncStatus } from '../../hooks/syncStatus';
import { paths } from '../../lib/router';
import { ConnectCentral } from './ConnectCentral';
import { DataSecurity } from '../security/DataSecurity';
import { ChangePasswordForm } from '../auth/ChangePasswordForm';

const IDLE_CHOICES = [2, 5, 10, 15, 30];

/** Language, large-text mode (适老化), idle lock, connecting to central (supervisors), and the station's details. */
export default function SettingsScreen() {
  const { t } = useTranslation();
  const { language, setLanguage, largeText, setLargeText, idleMinutes, setIdleMinutes } = useSettings();
  const { station } = useSession();
  const user = useUser();
  useEffect(() => {
    if (user.role === 'supervisor') void refreshSyncStatus();
  }, [user.role]);
  return (
    <div className="settings-screen">
      <ScreenHeading>{t('settings.title')}</ScreenHeading>
      <section className="card" aria-labelledby="settings-display">
        <h2 id="settings-display">{t('settings.display')}</h2>
        <fieldset>
          <legend>{t('settings.language')}</legend>
          {LANGUAGES.map((l) => (
            <label key={l} className="check">
              <input type="radio" name="language" value={l} checked={language === l} onChange={() => setLanguage(l)} />
              <span lang={l}>{t(`language.${l}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={largeText} onChange={(e) => setLargeText(e.target.checked)} data-testid="large-text" />
          {t('settings.largeText')}
        </label>
        <p className="field-hint">{t('settings.largeTextHint')}</p>
        <div className="field">
          <label htmlFor="idle-minutes">{t('settings.idle')}</label>
          <select id="idle-minutes" value={idleMinutes} onChange={(e) => setIdleMinutes(Number(e.target.value))}>
            {[...new Set([...IDLE_CHOICES, idleMinutes])]
              .sort((a, b) => a - b)
              .map((m) => (
                <option key={m} value={m}>
                  {t('settings.minutes', { count: m })}
                </option>
              ))}
          </select>
        </div>
      </section>
      <section className="card" aria-labelledby="settings-password">
        <h2 id="settings-password">{t('password.title')}</h2>
        <ChangePasswordForm />
      </section>
      {user.role === 'supervisor' ? <ConnectCentral /> : null}
      {user.role === 'supervisor' ? <DataSecurity /> : null}
      <section className="card" aria-labelledby="settings-station">
        <h2 id="settings-station">{t('settings.station')}</h2>
        {station ? (
          <dl className="facts">
            <dt>{t('setup.stationCode')}</dt>
            <dd className="mono">{station.code}</dd>
            <dt>{t('setup.stationName')}</dt>
            <dd>{station.name}</dd>
            <dt>{t('setup.regionCode')}</dt>
            <dd className="mono">{station.regionCode}</dd>
            <dt>{t('settings.transport')}</dt>
            <dd>{t(`settings.transport_${api().transport}`)}</dd>
          </dl>
        ) : null}
        <p className="field-hint">{t('settings.stationHint')}</p>
        {user.role === 'supervisor' ? (
          <p>
            <a href={paths.policy()}>{t('settings.policyTables')}</a>
          </p>
        ) : null}
      </section>
    </div>
  );
}
