import { session, type WebContents, type WebFrameMain } from 'electron';
import { APP_ORIGIN } from './app-protocol';

/** A message is trusted only from the window's top frame showing our own origin. */
export function isTrustedSender(frame: WebFrameMain | null): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** Refuse navigation away from the app, new windows, and every permission but the camera (document photos). */
export function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (new URL(url).origin !== APP_ORIGIN) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function restrictPermissions(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((contents, permission, callback, details) => {
    const fromApp = new URL(details.requestingUrl).origin === APP_ORIGIN;
    const cameraOnly = permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'video') === true;
    callback(fromApp && cameraOnly);
  });
  s.setPermissionCheckHandler((_contents, permission, origin) => permission === 'media' && origin === APP_ORIGIN);
}
