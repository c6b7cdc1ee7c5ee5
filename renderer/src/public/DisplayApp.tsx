import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board } from '../../../shared/api/channels/tickets';
import type { RatingPrompt } from '../../../shared/api/channels/ratings';
import type { DevicePrincipal } from '../../../shared/api/channels/devices';
import type { ApiError } from '../../../shared/api/errors';
import { api } from '../api/client';
import { announce, type AnnounceVia } from '../screens/front/announce';
import { ensureDevice } from './device';
import { Pairing } from './Pairing';
import { RatingPad, RatingThanks } from './RatingPad';
import '../styles/front.css';

/** How often the display reads the board even without an event (the event stream may have dropped). */
const POLL_MS = 10_000;

/**
 * The customer display (叫号屏): who is called to which window (announced in Mandarin, or a chime, with the text
 * shown), the waiting count per category and the open windows — masked names only. A display of one window is
 * also that window's rating screen (评价器): after a service it asks for the 好差评.
 */
export function DisplayApp() {
  const { t } = useTranslation();
  const [device, setDevice] = useState<DevicePrincipal | null>(null);
  const [pairError, setPairError] = useState<ApiError | null>(null);
  const [phase, setPhase] = useState<'loading' | 'pairing' | 'ready'>('loading');
  const [board, setBoard] = useState<Board | null>(null);
  const [prompt, setPrompt] = useState<RatingPrompt | null>(null);
  const [spoken, setSpoken] = useState<{ text: string; via: AnnounceVia; at: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [thanks, setThanks] = useState(false);
  /** Calls already announced (id → the call time announced): a recall moves the time and is announced again. */
  const seen = useRef<Map<string, string> | null>(null);

  useEffect(() => {
    void ensureDevice('display').then((r) => {
      if ('device' in r) {
        setDevice(r.device);
        setPhase('ready');
      } else {
        setPairError(r.error);
        setPhase('pairing');
      }
    });
  }, []);

  const refresh = useCallback(async () => {
    const [b, p] = await Promise.all([api().invoke('tickets.board', {}), device?.windowNo ? api().invoke('ratings.prompt', {}) : Promise.resolve(null)]);
    if (!b.ok) {
      if (b.error.code === 'not_signed_in') setPhase('pairing');
      setError(b.error.message);
      return;
    }
    setError(null);
    setBoard(b.value);
    if (p) setPrompt(p.ok ? p.value.prompt : null);
    const fresh = b.value.calls.filter((c) => seen.current !== null && seen.current.get(c.id) !== c.at);
    const known = seen.current ?? new Map<string, string>();
    for (const c of b.value.calls) known.set(c.id, c.at);
    seen.current = known;
    // The newest new call is announced (several at once: each window's, oldest first).
    for (const c of [...fresh].reverse()) {
      const via = announce(c.text);
      setSpoken({ text: c.text, via, at: c.at });
    }
  }, [device]);

  useEffect(() => {
    if (phase !== 'ready') return;
    const first = window.setTimeout(() => void refresh(), 0);
    const off = api().on('front.changed', () => void refresh());
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    return () => {
      off();
      window.clearTimeout(first);
      window.clearInterval(timer);
    };
  }, [phase, refresh]);

  if (phase === 'loading') return <main className="public-page" id="main" aria-busy="true" />;
  if (phase === 'pairing' || !device)
    return (
      <Pairing
        page="display"
        error={pairError}
        onPaired={(d) => {
          setDevice(d);
          setPhase('ready');
        }}
      />
    );

  const latest = board?.calls[0] ?? null;
  return (
    <main className="public-page display" id="main" data-window={device.windowNo ?? ''}>
      <header className="display-head">
        <h1>{board?.stationName ?? ''}</h1>
        <span className="display-device">{device.name}</span>
      </header>
      {error ? (
        <p className="display-error" role="alert">
          {error}
        </p>
      ) : null}
      <section className="display-now" aria-labelledby="display-now-title">
        <h2 id="display-now-title" className="visually-hidden">
          {t('frontOffice.display.now')}
        </h2>
        {latest ? (
          <div className="display-call" data-testid="display-latest">
            <div className="display-number">{latest.number}</div>
            <div className="display-arrow" aria-hidden="true">
              →
            </div>
            <div className="display-window">{latest.windowName}</div>
            {latest.maskedName ? <div className="display-name">{latest.maskedName}</div> : null}
          </div>
        ) : (
          <div className="display-call display-idle">{t('frontOffice.display.idle')}</div>
        )}
        <p className="display-announcement" aria-live="assertive" data-testid="display-announcement" data-via={spoken?.via ?? ''}>
          {spoken?.text ?? ''}
        </p>
      </section>
      <div className="display-grid">
        <section aria-labelledby="display-recent">
          <h2 id="display-recent">{t('frontOffice.display.recent')}</h2>
          <table className="display-table">
            <thead>
              <tr>
                <th scope="col">{t('frontOffice.display.number')}</th>
                <th scope="col">{t('frontOffice.display.window')}</th>
                <th scope="col">{t('frontOffice.display.name')}</th>
              </tr>
            </thead>
            <tbody>
              {(board?.calls ?? []).slice(0, 6).map((c) => (
                <tr key={c.id}>
                  <td className="mono">{c.number}</td>
                  <td>{c.windowName}</td>
                  <td>{c.maskedName ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="display-waiting">
          <h2 id="display-waiting">{t('frontOffice.display.waiting')}</h2>
          <ul className="display-categories">
            {(board?.categories ?? []).map((c) => (
              <li key={c.code} data-testid={`waiting-${c.letter}`}>
                <span className="letter">{c.letter}</span> {c.name} <strong>{t('frontOffice.display.people', { n: c.waiting })}</strong>
              </li>
            ))}
          </ul>
          <h2>{t('frontOffice.display.windows')}</h2>
          <ul className="display-windows">
            {(board?.windows ?? [])
              .filter((w) => w.open)
              .map((w) => (
                <li key={w.no}>
                  {w.name}
                  {w.current ? <span className="mono"> · {w.current}</span> : <span className="muted"> · {t('frontOffice.display.free')}</span>}
                </li>
              ))}
          </ul>
        </section>
      </div>
      {thanks ? (
        <RatingThanks />
      ) : prompt ? (
        <RatingPad
          prompt={prompt}
          onRated={() => {
            setThanks(true);
            setPrompt(null);
            window.setTimeout(() => setThanks(false), 4000);
          }}
        />
      ) : null}
    </main>
  );
}
