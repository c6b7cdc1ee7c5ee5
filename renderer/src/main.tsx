import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { takeTokenFromLocation } from './api/token';
import { initI18n } from './i18n';
import { App } from './App';
import './styles/app.css';
import './styles/print.css';

takeTokenFromLocation();
initI18n();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
