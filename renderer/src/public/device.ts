import type { DevicePrincipal } from '../../../shared/api/channels/devices';
import type { DeviceKind } from '../../../shared/roles';
import type { ApiError } from '../../../shared/api/errors';
import { api } from '../api/client';

/**
 * The public pages (issue 15): the customer display (`/display`, 叫号屏 and a window's 评价器) and the kiosk
 * (`/kiosk`, 取号机). They sign in with the narrow device credential a supervisor issued (设置 → 叫号屏与取号机), never
 * with a person's account. The key arrives once in the address (`#device=…`, with the serve token) or is typed at
 * pairing, and is kept in this browser profile so the screen signs in again by itself after a restart.
 */
export type PublicPage = DeviceKind;

export function publicPageOf(loc: Pick<Location, 'pathname' | 'hash'>): PublicPage | null {
  for (const page of ['display', 'kiosk'] as const) {
    if (loc.pathname === `/${page}` || loc.pathname.endsWith(`/${page}`) || loc.hash.startsWith(`#/${page}`)) return page;
  }
  return null;
}

const keyName = (page: PublicPage) => `yibao.deviceKey.${page}`;

/** Move a device key from the address (`#device=…&token=…`) into storage; the token is then taken as usual. */
export function takeDeviceKeyFromLocation(page: PublicPage | null): void {
  if (!page) return;
  const hash = window.location.hash.replace(/^#\/?[a-z]*\??/, '');
  const key = new URLSearchParams(hash).get('device');
  if (key) localStorage.setItem(keyName(page), key);
}

export function storedKey(page: PublicPage): string | null {
  return localStorage.getItem(keyName(page));
}

export function forgetKey(page: PublicPage): void {
  localStorage.removeItem(keyName(page));
}

/** Who this page is: its device session, signed in again with the stored key when the core does not know it. */
export async function ensureDevice(page: PublicPage, key = storedKey(page)): Promise<{ device: DevicePrincipal } | { error: ApiError | null }> {
  const me = await api().invoke('devices.me', {});
  if (me.ok && me.value.device.kind === page) return { device: me.value.device };
  if (!key) return { error: null };
  const r = await api().invoke('devices.signIn', { key });
  if (!r.ok) return { error: r.error };
  // A key of the other kind: not this page's (the pairing screen says the key is wrong).
  if (r.value.device.kind !== page) return { error: null };
  localStorage.setItem(keyName(page), key);
  return { device: r.value.device };
}
