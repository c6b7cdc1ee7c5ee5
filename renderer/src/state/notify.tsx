import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type NoticeKind = 'success' | 'error' | 'info';

export interface Notice {
  id: number;
  kind: NoticeKind;
  text: string;
}

interface NotifyApi {
  notices: readonly Notice[];
  notify(kind: NoticeKind, text: string): void;
  dismiss(id: number): void;
}

const NotifyContext = createContext<NotifyApi | null>(null);
let nextId = 1;

/** Confirmations and errors of every action, announced to screen readers by the Toasts widget. */
export function NotifyProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<readonly Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((ns) => ns.filter((n) => n.id !== id)), []);
  const notify = useCallback(
    (kind: NoticeKind, text: string) => {
      const id = nextId++;
      setNotices((ns) => [...ns.slice(-3), { id, kind, text }]);
      window.setTimeout(() => dismiss(id), kind === 'error' ? 12_000 : 6_000);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ notices, notify, dismiss }), [notices, notify, dismiss]);
  return <NotifyContext.Provider value={value}>{children}</NotifyContext.Provider>;
}

export function useNotify(): NotifyApi {
  const n = useContext(NotifyContext);
  if (!n) throw new Error('useNotify outside NotifyProvider');
  return n;
}
