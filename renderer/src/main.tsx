import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromLocation } from './api/token';
import { initI18n } from './i18n';
import { startBoot } from './state/session';
import { parseHash } from './lib/router';
import { prefetchFirstPage } from './screens/queue/prefetch';
import { App } from './App';
import './styles/app.css';
import './styles/print.css';

takeTokenFromLocation();
// Ask the core who is signed in, and for the queue's first page, before React has built anything.
void startBoot().then(([status, me]) => {
  if (status.ok && status.value.initialized && me.ok && me.value.user && parseHash(window.location.hash).name === 'queue') prefetchFirstPage(me.value.user.id);
});
initI18n();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
