import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignOutDialog } from '../screens/intake/SignOutDialog';
import type { RouteName } from '../lib/router';
import { paths } from '../lib/router';
import { useSession, useUser } from '../state/session';
import { TripIndicator } from '../screens/mobile/TripIndicator';

interface NavItem {
  route: RouteName;
  href: string;
  label: string;
  key: string;
}

/** Title, main navigation (with its Alt shortcuts shown), lock and sign-out. */
export function AppHeader({ current }: { current: RouteName }) {
  const { t } = useTranslation();
  const { lock, signOut, unsavedIntakes } = useSession();
  // Unsaved intakes kept on this workstation: ask whether to keep them (sealed) or drop them before signing out.
  const [asking, setAsking] = useState(0);
  const askSignOut = () => {
    const n = unsavedIntakes();
    if (n > 0) setAsking(n);
    else void signOut();
  };
  const user = useUser();
  const items: NavItem[] = [
    { route: 'queue', href: paths.queue(), label: t('nav.queue'), key: '1' },
    { route: 'persons', href: paths.persons(), label: t('nav.persons'), key: '2' },
    { route: 'intake', href: paths.intake(), label: t('nav.intake'), key: '3' },
    { route: 'settings', href: paths.settings(), label: t('nav.settings'), key: '4' },
  ];
  if (user.role === 'clerk' || user.role === 'supervisor') items.push({ route: 'hall', href: paths.hall(), label: t('nav.hall'), key: '9' });
  if (user.role === 'supervisor') {
    items.push({ route: 'stats', href: paths.stats(), label: t('nav.stats'), key: '0' });
  }
  if (user.role === 'supervisor') {
    items.push({ route: 'users', href: paths.users(), label: t('nav.users'), key: '5' });
    items.push({ route: 'audit', href: paths.audit(), label: t('nav.audit'), key: '8' });
  }
  // Mobile teams: trips and the proactive lists; proxy helpers: their own cases and batch import (issue 16).
  if (user.role === 'mobile_team' || user.role === 'supervisor') items.push({ route: 'trips', href: paths.trips(), label: t('nav.trips'), key: 'T' });
  if (user.role !== 'proxy_helper') items.push({ route: 'outreach', href: paths.outreach(), label: t('nav.outreach'), key: 'O' });
  if (user.role === 'proxy_helper' || user.role === 'clerk') items.push({ route: 'mycases', href: paths.mycases(), label: t('nav.mycases'), key: 'M' });
  if (user.role === 'proxy_helper') items.push({ route: 'batch', href: paths.batch(), label: t('nav.batch'), key: 'B' });
  // The sync panel (Alt+6) opens from the status bar; the policy tables (Alt+7) from the settings.
  const active = (r: RouteName) =>
    r === current || (r === 'queue' && ['case', 'receipt', 'notice', 'correct', 'assessment', 'estimateSheet'].includes(current)) || (r === 'settings' && current === 'policy');
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="app-title">{t('app.title')}</div>
      <nav aria-label={t('nav.label')}>
        <ul>
          {items.map((i) => (
            <li key={i.route}>
              <a href={i.href} aria-current={active(i.route) ? 'page' : undefined} aria-keyshortcuts={`Alt+${i.key}`}>
                {i.label}
                <kbd className="shortcut">Alt+{i.key}</kbd>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-actions">
        <TripIndicator />
        <button type="button" onClick={lock} aria-keyshortcuts="Alt+L">
          {t('nav.lock')} <kbd className="shortcut">Alt+L</kbd>
        </button>
        <button type="button" onClick={askSignOut}>
          {t('nav.signOut')}
        </button>
      </div>
      {asking > 0 ? (
        <SignOutDialog
          count={asking}
          onCancel={() => setAsking(0)}
          onChoose={(drop) => {
            setAsking(0);
            void signOut({ dropUnsaved: drop });
          }}
        />
      ) : null}
    </header>
  );
}
