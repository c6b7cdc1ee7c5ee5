import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromLocation } from './api/token';
import { initI18n } from './i18n';
import { startBoot } from './state/session';
import { parseHash } from './lib/router';
import { prefetchFirstPage } from './screens/queue/prefetch';
import { App } from './App';
import { publicPageOf, takeDeviceKeyFromLocation } from './public/device';
import './styles/app.css';
import './styles/print.css';

// The customer display (/display) and the kiosk (/kiosk) sign in with their device key, not a person's account.
const publicPage = publicPageOf(window.location);
takeDeviceKeyFromLocation(publicPage);
takeTokenFromLocation();
// Ask the core who is signed in, and for the queue's first page, before React has built anything.
if (!publicPage) void startBoot().then(([status, me]) => {
  if (status.ok && status.value.initialized && me.ok && me.value.user && parseHash(window.location.hash).name === 'queue') prefetchFirstPage(me.value.user.id);
});
initI18n();

const root = document.getElementById('root');
if (root && publicPage) {
  void import('./public/PublicApp').then(({ PublicApp }) =>
    createRoot(root).render(
      <StrictMode>
        <PublicApp page={publicPage} />
      </StrictMode>,
    ),
  );
} else if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
