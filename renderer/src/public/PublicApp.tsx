import type { PublicPage } from './device';
import { DisplayApp } from './DisplayApp';
import { KioskApp } from './KioskApp';

/** The public pages: no sign-in by a person, no navigation, only what the device credential reaches. */
export function PublicApp({ page }: { page: PublicPage }) {
  return page === 'display' ? <DisplayApp /> : <KioskApp />;
}
