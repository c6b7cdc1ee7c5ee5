import { useSyncExternalStore } from 'react';

/**
 * A small hash router: `#/queue`, `#/persons`, `#/intake?person=…&item=…&case=…`, `#/cases/<id>`,
 * `#/cases/<id>/receipt`, `#/cases/<id>/notice`, `#/settings`, `#/users`. The hash works the same
 * under http:// (serve mode) and Electron's app:// protocol.
 */
export type RouteName = 'queue' | 'persons' | 'intake' | 'case' | 'receipt' | 'notice' | 'settings' | 'users';

export interface Route {
  name: RouteName;
  id: string | null;
  query: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?');
  const parts = path.split('/').filter((p) => p !== '');
  const query = new URLSearchParams(search);
  const [head, id, tail] = parts;
  switch (head) {
    case 'persons':
      return { name: 'persons', id: null, query };
    case 'intake':
      return { name: 'intake', id: null, query };
    case 'settings':
      return { name: 'settings', id: null, query };
    case 'users':
      return { name: 'users', id: null, query };
    case 'cases':
      if (id) return { name: tail === 'receipt' ? 'receipt' : tail === 'notice' ? 'notice' : 'case', id, query };
      return { name: 'queue', id: null, query };
    default:
      return { name: 'queue', id: null, query };
  }
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const snapshot = () => window.location.hash;

export function useHash(): string {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(to: string): void {
  if (window.location.hash === to) return;
  window.location.hash = to;
}

export const paths = {
  queue: () => '#/queue',
  persons: (q?: string) => (q ? `#/persons?q=${encodeURIComponent(q)}` : '#/persons'),
  intake: (params: { person?: string; item?: string; case?: string } = {}) => {
    const s = new URLSearchParams();
    if (params.person) s.set('person', params.person);
    if (params.item) s.set('item', params.item);
    if (params.case) s.set('case', params.case);
    const q = s.toString();
    return q ? `#/intake?${q}` : '#/intake';
  },
  case: (id: string) => `#/cases/${id}`,
  receipt: (id: string) => `#/cases/${id}/receipt`,
  notice: (id: string) => `#/cases/${id}/notice`,
  settings: () => '#/settings',
  users: () => '#/users',
};
