/**
 * Serve mode: the page is opened as http://127.0.0.1:<port>/#token=<token>. The token is moved into
 * sessionStorage (it survives a reload of this tab, not a new tab) and removed from the address bar.
 */
const KEY = 'yibao.sessionToken';

export function takeTokenFromLocation(): void {
  const hash = window.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(hash.startsWith('/') ? '' : hash);
  const token = params.get('token');
  if (token) {
    sessionStorage.setItem(KEY, token);
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
  }
}

export function sessionToken(): string | null {
  return sessionStorage.getItem(KEY);
}
