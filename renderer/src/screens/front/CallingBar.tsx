import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelName } from '../../../../shared/api/contract';
import type { WindowState } from '../../../../shared/api/channels/tickets';
import { api } from '../../api/client';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useNotify } from '../../state/notify';
import { useUser } from '../../state/session';
import { IssueTicketDialog } from './IssueTicketDialog';
import '../../styles/front.css';

const WINDOW_KEY = 'yibao.window.';

/** The window this clerk works at on this workstation (chosen in the bar, kept per user). */
export function storedWindow(userId: string): number | null {
  const v = Number(localStorage.getItem(WINDOW_KEY + userId));
  return Number.isInteger(v) && v > 0 ? v : null;
}

type Action = 'tickets.call' | 'tickets.recall' | 'tickets.skip' | 'tickets.finish';

const KEYS: Record<string, Action | 'transfer' | 'issue'> = { F2: 'tickets.call', F3: 'tickets.recall', F4: 'tickets.skip', F5: 'transfer', F6: 'tickets.finish', F7: 'issue' };

/**
 * The calling bar (叫号条), always visible at the bottom of the workstation for clerks and supervisors: the window,
 * the ticket being served (number, green-lane reason, the cases taken in meanwhile — 一窗通办), the next in line,
 * and the keys F2 叫号 (the one being served ends as served), F3 重呼, F4 过号, F5 转窗, F6 办结, F7 取号 (walk-in).
 */
export function CallingBar({ hidden }: { hidden: boolean }) {
  const { t } = useTranslation();
  const user = useUser();
  const { notify } = useNotify();
  const hall = useApiQuery('tickets.hall', {});
  const [windowNo, setWindowNo] = useState<number | null>(() => storedWindow(user.id));
  const [state, setState] = useState<WindowState | null>(null);
  const [busy, setBusy] = useState(false);
  const [transfer, setTransfer] = useState(false);
  const [issuing, setIssuing] = useState(false);

  const load = useCallback(async () => {
    if (windowNo === null) return;
    const r = await api().invoke('tickets.window', { windowNo });
    if (r.ok) setState(r.value);
    else setState(null);
  }, [windowNo]);

  useEffect(() => {
    const first = window.setTimeout(() => void load(), 0);
    return () => window.clearTimeout(first);
  }, [load]);
  useApiEvent('front.changed', (e) => {
    if (e.what === 'hall') hall.reload();
    void load();
  });
  useApiEvent('cases.changed', () => void load());

  const run = useCallback(
    async (channel: ChannelName & Action) => {
      if (windowNo === null || busy) return;
      setBusy(true);
      const r = await api().invoke(channel, { windowNo });
      setBusy(false);
      if (!r.ok) {
        notify('error', r.error.message);
        return;
      }
      setState(r.value);
      if (channel === 'tickets.call') notify(r.value.serving ? 'info' : 'info', r.value.serving ? (r.value.announcement ?? '') : t('frontOffice.bar.nobody'));
    },
    [windowNo, busy, notify, t],
  );

  const transferTo = async (toWindow: number) => {
    if (windowNo === null) return;
    setTransfer(false);
    const r = await api().invoke('tickets.transfer', { windowNo, toWindow });
    if (!r.ok) notify('error', r.error.message);
    else {
      setState(r.value);
      notify('success', t('frontOffice.bar.transferred', { window: toWindow }));
    }
  };

  useEffect(() => {
    if (hidden) return;
    const onKey = (e: KeyboardEvent) => {
      const action = KEYS[e.key];
      if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
      e.preventDefault();
      if (action === 'issue') setIssuing(true);
      else if (action === 'transfer') setTransfer((x) => !x && state?.serving != null);
      else void run(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [hidden, run, state]);

  const windows = (hall.data?.windows ?? []).filter((w) => w.active);
  const pick = (no: number | null) => {
    setWindowNo(no);
    if (no === null) localStorage.removeItem(WINDOW_KEY + user.id);
    else localStorage.setItem(WINDOW_KEY + user.id, String(no));
  };
  const s = state?.serving ?? null;

  return (
    <section className="calling-bar no-print" aria-label={t('frontOffice.bar.label')} hidden={hidden}>
      <label className="calling-window">
        <span>{t('frontOffice.bar.window')}</span>
        <select value={windowNo ?? ''} onChange={(e) => pick(e.target.value === '' ? null : Number(e.target.value))} aria-label={t('frontOffice.bar.chooseWindow')}>
          <option value="">{t('frontOffice.bar.noWindow')}</option>
          {windows.map((w) => (
            <option key={w.no} value={w.no}>
              {w.name}
            </option>
          ))}
        </select>
      </label>
      {windowNo !== null ? (
        <>
          <div className="calling-serving" aria-live="polite" data-testid="calling-serving">
            {s ? (
              <>
                <strong className="mono calling-number">{s.number}</strong>
                <span>{s.categoryName}</span>
                {s.priority ? <span className="badge badge-priority">{t(`frontOffice.priority.${s.priority}`)}</span> : null}
                {s.transferredFrom ? <span className="badge">{t('frontOffice.bar.from', { window: s.transferredFrom })}</span> : null}
                {s.name ? <span>{s.name}</span> : null}
                {s.caseNos.length > 0 ? <span className="small">{t('frontOffice.bar.cases', { list: s.caseNos.join('、') })}</span> : null}
              </>
            ) : (
              <span className="muted">{t('frontOffice.bar.idle')}</span>
            )}
          </div>
          <div className="calling-actions">
            <button type="button" className="primary" onClick={() => void run('tickets.call')} disabled={busy} aria-keyshortcuts="F2">
              {t('frontOffice.bar.call')} <kbd className="shortcut">F2</kbd>
            </button>
            <button type="button" onClick={() => void run('tickets.recall')} disabled={!s || busy} aria-keyshortcuts="F3">
              {t('frontOffice.bar.recall')} <kbd className="shortcut">F3</kbd>
            </button>
            <button type="button" onClick={() => void run('tickets.skip')} disabled={!s || busy} aria-keyshortcuts="F4">
              {t('frontOffice.bar.skip')} <kbd className="shortcut">F4</kbd>
            </button>
            <button type="button" onClick={() => setTransfer((x) => !x)} disabled={!s || busy} aria-keyshortcuts="F5" aria-expanded={transfer}>
              {t('frontOffice.bar.transfer')} <kbd className="shortcut">F5</kbd>
            </button>
            <button type="button" onClick={() => void run('tickets.finish')} disabled={!s || busy} aria-keyshortcuts="F6">
              {t('frontOffice.bar.finish')} <kbd className="shortcut">F6</kbd>
            </button>
            <button type="button" onClick={() => setIssuing(true)} aria-keyshortcuts="F7">
              {t('frontOffice.bar.issue')} <kbd className="shortcut">F7</kbd>
            </button>
          </div>
          {transfer && state ? (
            <div className="calling-transfer" role="group" aria-label={t('frontOffice.bar.transferTo')}>
              {state.otherWindows.length === 0 ? <span className="muted">{t('frontOffice.bar.noOther')}</span> : null}
              {state.otherWindows.map((w, i) => (
                <button key={w.no} type="button" autoFocus={i === 0} onClick={() => void transferTo(w.no)}>
                  {w.name}
                </button>
              ))}
            </div>
          ) : null}
          <div className="calling-next small" aria-label={t('frontOffice.bar.nextLabel')}>
            {t('frontOffice.bar.waiting', { n: state?.waiting ?? 0 })}
            {state && state.next.length > 0 ? ` · ${t('frontOffice.bar.next')} ${state.next.map((n) => n.number).join(' ')}` : ''}
          </div>
        </>
      ) : (
        <span className="muted small">{t('frontOffice.bar.pickFirst')}</span>
      )}
      {issuing ? <IssueTicketDialog onClose={() => setIssuing(false)} /> : null}
    </section>
  );
}
