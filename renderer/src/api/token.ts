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

/**
 * Serve mode: this tab's own session with the core. The serve token lets the page talk to the API; who is signed
 * in is per tab, named by a random id the tab makes and keeps in sessionStorage (a reload keeps the sign-in, a new
 * tab or another browser does not). A fresh id is made for every sign-in, so an id seen before it is worth nothing.
 */
const TAB_KEY = 'yibao.tabSession';

function randomId(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function tabSession(): string {
  let id = sessionStorage.getItem(TAB_KEY);
  if (!id) {
    id = randomId();
    sessionStorage.setItem(TAB_KEY, id);
  }
  return id;
}

export function renewTabSession(): string {
  const id = randomId();
  sessionStorage.setItem(TAB_KEY, id);
  return id;
}
