import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board, IssuedTicket } from '../../../shared/api/channels/tickets';
import type { ApiError } from '../../../shared/api/errors';
import { PRIORITY_REASONS, type PriorityReason } from '../../../shared/front/tickets';
import { api } from '../api/client';
import { TicketSlip, type SlipPaper } from '../screens/front/TicketSlip';
import { ensureDevice } from './device';
import { Pairing } from './Pairing';
import '../styles/front.css';

/** Seconds the issued ticket stays on screen before the kiosk goes back to its buttons. */
const BACK_AFTER_S = 20;
const PAPER_KEY = 'yibao.kiosk.paper';

/**
 * The kiosk at the entrance (取号机): big buttons per service category, the green lane (70+ from the ID card read
 * here; disability, serving military, pregnancy declared), and appointment check-in (ID card or 6-digit code). The
 * ticket prints on the 80 mm receipt printer (A4 as fallback). It sees no one's data: the core answers a number.
 */
export function KioskApp() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<'loading' | 'pairing' | 'ready'>('loading');
  const [pairError, setPairError] = useState<ApiError | null>(null);
  const [board, setBoard] = useState<Board | null>(null);
  const [priority, setPriority] = useState<PriorityReason | null>(null);
  const [idNumber, setIdNumber] = useState('');
  const [mode, setMode] = useState<'take' | 'checkIn'>('take');
  const [code, setCode] = useState('');
  const [ticket, setTicket] = useState<IssuedTicket | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [paper] = useState<SlipPaper>(() => (localStorage.getItem(PAPER_KEY) === 'a4' ? 'a4' : '80mm'));
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void ensureDevice('kiosk').then((r) => {
      if ('device' in r) setPhase('ready');
      else {
        setPairError(r.error);
        setPhase('pairing');
      }
    });
  }, []);

  const refresh = useCallback(async () => {
    const r = await api().invoke('tickets.board', {});
    if (r.ok) setBoard(r.value);
    else if (r.error.code === 'not_signed_in') setPhase('pairing');
  }, []);

  useEffect(() => {
    if (phase !== 'ready') return;
    const first = window.setTimeout(() => void refresh(), 0);
    const off = api().on('front.changed', () => void refresh());
    return () => {
      off();
      window.clearTimeout(first);
    };
  }, [phase, refresh]);

  const reset = useCallback(() => {
    setTicket(null);
    setPriority(null);
    setIdNumber('');
    setCode('');
    setProblem(null);
    setMode('take');
    heading.current?.focus();
  }, []);

  useEffect(() => {
    if (!ticket) return;
    const timer = window.setTimeout(reset, BACK_AFTER_S * 1000);
    return () => window.clearTimeout(timer);
  }, [ticket, reset]);

  const take = async (category: string) => {
    const r = await api().invoke('tickets.issue', { category, priority, ...(idNumber.trim() !== '' ? { idNumber: idNumber.trim() } : {}) });
    if (!r.ok) {
      setProblem(r.error);
      return;
    }
    setProblem(null);
    setTicket(r.value);
  };

  const checkIn = async (e: FormEvent) => {
    e.preventDefault();
    const input = /^\d{6}$/.test(code.trim()) ? { code: code.trim() } : { idNumber: code.trim() };
    const r = await api().invoke('tickets.checkIn', input);
    if (!r.ok) {
      setProblem(r.error);
      return;
    }
    setProblem(null);
    setTicket(r.value);
  };

  if (phase === 'loading') return <main className="public-page" id="main" aria-busy="true" />;
  if (phase === 'pairing') return <Pairing page="kiosk" error={pairError} onPaired={() => setPhase('ready')} />;

  if (ticket) {
    return (
      <main className="public-page kiosk kiosk-issued" id="main">
        <h1 className="no-print">{t('frontOffice.kiosk.issued')}</h1>
        <TicketSlip ticket={ticket} paper={paper} />
        <div className="kiosk-actions no-print">
          <button type="button" className="primary kiosk-big" onClick={() => window.print()}>
            {t('frontOffice.kiosk.print')}
          </button>
          <button type="button" className="kiosk-big" onClick={reset}>
            {t('frontOffice.kiosk.done')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <main className="public-page kiosk" id="main">
      <header className="display-head">
        <h1 ref={heading} tabIndex={-1}>
          {board?.stationName ?? ''} · {t('frontOffice.kiosk.title')}
        </h1>
        <div role="tablist" aria-label={t('frontOffice.kiosk.modes')} className="kiosk-modes">
          <button type="button" role="tab" aria-selected={mode === 'take'} onClick={() => setMode('take')}>
            {t('frontOffice.kiosk.take')}
          </button>
          <button type="button" role="tab" aria-selected={mode === 'checkIn'} onClick={() => setMode('checkIn')}>
            {t('frontOffice.kiosk.checkIn')}
          </button>
        </div>
      </header>
      {problem ? (
        <p className="kiosk-problem" role="alert">
          {problem.message}
        </p>
      ) : null}
      {mode === 'take' ? (
        <>
          <div className="kiosk-categories">
            {(board?.categories ?? []).map((c) => (
              <button key={c.code} type="button" className="kiosk-category" onClick={() => void take(c.code)}>
                <span className="letter">{c.letter}</span>
                <span className="name">{c.name}</span>
                <span className="waiting">{t('frontOffice.kiosk.waiting', { n: c.waiting })}</span>
              </button>
            ))}
          </div>
          <section className="kiosk-green" aria-labelledby="kiosk-green-title">
            <h2 id="kiosk-green-title">{t('frontOffice.kiosk.green')}</h2>
            <p className="muted">{t('frontOffice.kiosk.greenHint')}</p>
            <label htmlFor="kiosk-id">{t('frontOffice.kiosk.idNumber')}</label>
            <input id="kiosk-id" value={idNumber} onChange={(e) => setIdNumber(e.target.value)} autoComplete="off" inputMode="text" />
            <div role="group" aria-label={t('frontOffice.kiosk.declare')} className="kiosk-reasons">
              {PRIORITY_REASONS.filter((r) => r !== 'age70').map((r) => (
                <button key={r} type="button" aria-pressed={priority === r} onClick={() => setPriority(priority === r ? null : r)}>
                  {t(`frontOffice.priority.${r}`)}
                </button>
              ))}
            </div>
          </section>
        </>
      ) : (
        <form className="kiosk-checkin" onSubmit={checkIn} noValidate>
          <label htmlFor="kiosk-code">{t('frontOffice.kiosk.checkInLabel')}</label>
          <input id="kiosk-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" />
          <button type="submit" className="primary kiosk-big">
            {t('frontOffice.kiosk.checkInSubmit')}
          </button>
        </form>
      )}
    </main>
  );
}
