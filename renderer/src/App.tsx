import { SettingsProvider } from './state/settings';
import { NotifyProvider } from './state/notify';
import { SessionProvider } from './state/session';
import { Root } from './Root';
import { Toasts } from './components/Toasts';

export function App() {
  return (
    <SettingsProvider>
      <NotifyProvider>
        <SessionProvider>
          <Root />
          <Toasts />
        </SessionProvider>
      </NotifyProvider>
    </SettingsProvider>
  );
}
