import { useSyncExternalStore } from 'react';

/**
 * A small hash router: `#/queue`, `#/persons`, `#/intake?person=…&item=…&case=…`, `#/cases/<id>`,
 * `#/cases/<id>/receipt`, `#/cases/<id>/notice`, `#/cases/<id>/correct` (补正), `#/cases/<id>/assessment`
 * (失能等级评估), `#/cases/<id>/estimates/<estimateId>` (待遇测算单), `#/sync`, `#/bundles` (离线数据包), `#/policy`, `#/settings`,
 * `#/users`, `#/audit` (审计), `#/hall` (大厅: 取号、预约、叫号屏与取号机), `#/followups` (差评回访整改), `#/stats` (今日数据). The hash works the same under http:// (serve mode) and Electron's app:// protocol.
 */
export type RouteName =
  | 'queue'
  | 'persons'
  | 'intake'
  | 'case'
  | 'receipt'
  | 'notice'
  | 'correct'
  | 'assessment'
  | 'estimateSheet'
  | 'sync'
  | 'bundles'
  | 'policy'
  | 'settings'
  | 'users'
  | 'audit'
  | 'hall'
  | 'followups'
  | 'stats'
  | 'trips'
  | 'trip'
  | 'tripChecklist'
  | 'tripReport'
  | 'outreach'
  | 'mycases'
  | 'batch'
  | 'batchDetail'
  | 'capture'
  | 'authorisation';

export interface Route {
  name: RouteName;
  id: string | null;
  /** A second id below the case (the estimate of `#/cases/<id>/estimates/<estimateId>`). */
  sub: string | null;
  query: URLSearchParams;
}

const CASE_TAILS: Record<string, RouteName> = { receipt: 'receipt', notice: 'notice', correct: 'correct', assessment: 'assessment', capture: 'capture', authorisation: 'authorisation' };
const SIMPLE: Record<string, RouteName> = { persons: 'persons', intake: 'intake', settings: 'settings', users: 'users', sync: 'sync', bundles: 'bundles', policy: 'policy', audit: 'audit', hall: 'hall', followups: 'followups', stats: 'stats', trips: 'trips', outreach: 'outreach', mycases: 'mycases', batch: 'batch' };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path = '', search = ''] = raw.split('?');
  const parts = path.split('/').filter((p) => p !== '');
  const query = new URLSearchParams(search);
  const [head, id, tail, sub] = parts;
  if (head === 'cases' && id) {
    if (tail === 'estimates' && sub) return { name: 'estimateSheet', id, sub, query };
    return { name: (tail && CASE_TAILS[tail]) || 'case', id, sub: null, query };
  }
  // Village trips (#/trips/<id>, its checklist and report) and batches (#/batch/<id>).
  if (head === 'trips' && id) return { name: tail === 'checklist' ? 'tripChecklist' : tail === 'report' ? 'tripReport' : 'trip', id, sub: null, query };
  if (head === 'batch' && id) return { name: 'batchDetail', id, sub: null, query };
  const simple = head ? SIMPLE[head] : undefined;
  return { name: simple ?? 'queue', id: null, sub: null, query };
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
  correct: (id: string) => `#/cases/${id}/correct`,
  assessment: (id: string) => `#/cases/${id}/assessment`,
  estimateSheet: (id: string, estimateId: string) => `#/cases/${id}/estimates/${estimateId}`,
  sync: () => '#/sync',
  bundles: () => '#/bundles',
  policy: () => '#/policy',
  settings: () => '#/settings',
  users: () => '#/users',
  audit: () => '#/audit',
  hall: () => '#/hall',
  followups: () => '#/followups',
  stats: () => '#/stats',
  trips: () => '#/trips',
  trip: (id: string) => `#/trips/${id}`,
  tripChecklist: (id: string) => `#/trips/${id}/checklist`,
  tripReport: (id: string) => `#/trips/${id}/report`,
  outreach: (params: { list?: string; trip?: string } = {}) => {
    const s = new URLSearchParams();
    if (params.list) s.set('list', params.list);
    if (params.trip) s.set('trip', params.trip);
    const q = s.toString();
    return q ? `#/outreach?${q}` : '#/outreach';
  },
  mycases: () => '#/mycases',
  batch: () => '#/batch',
  batchDetail: (id: string) => `#/batch/${id}`,
  capture: (id: string) => `#/cases/${id}/capture`,
  authorisation: (id: string) => `#/cases/${id}/authorisation`,
};
