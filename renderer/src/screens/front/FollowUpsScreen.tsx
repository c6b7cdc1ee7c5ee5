import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../../../../shared/api/channels/ratings';
import type { AppealOutcome } from '../../../../shared/front/ratings';
import { api } from '../../api/client';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useNotify } from '../../state/notify';
import '../../styles/front.css';

/**
 * 差评回访整改 (the supervisor's): every bad rating with its due dates — 回访 within 1 working day, 整改 within 15 on
 * the station's calendar — overdue flagged, and forms to record each step, the citizen's appeal and its outcome.
 */
export default function FollowUpsScreen() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const list = useApiQuery('ratings.followUps', { status });
  useApiEvent('front.changed', (e) => {
    if (e.what === 'ratings') list.reload();
  });
  return (
    <div className="followups-screen">
      <ScreenHeading>{t('frontOffice.follow.title')}</ScreenHeading>
      <div role="tablist" aria-label={t('frontOffice.follow.filter')} className="tabs">
        {(['open', 'all'] as const).map((s) => (
          <button key={s} type="button" role="tab" aria-selected={status === s} onClick={() => setStatus(s)}>
            {t(`frontOffice.follow.show.${s}`)}
          </button>
        ))}
      </div>
      <ErrorBanner error={list.error} />
      {list.data && list.data.length === 0 ? <p className="muted">{t('frontOffice.follow.none')}</p> : null}
      {(list.data ?? []).map((f) => (
        <FollowUpCard key={f.id} f={f} onChange={list.reload} />
      ))}
    </div>
  );
}

function FollowUpCard({ f, onChange }: { f: FollowUp; onChange: () => void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [note, setNote] = useState('');
  const [appeal, setAppeal] = useState('');
  const [outcome, setOutcome] = useState<AppealOutcome>('dismissed');
  const [problem, setProblem] = useState<string | null>(null);
  const id = f.id.slice(-8);
  const act = async (p: Promise<{ ok: boolean; error?: { message: string } }>, done: string) => {
    const r = await p;
    if (!r.ok) {
      setProblem(r.error?.message ?? '');
      return;
    }
    setProblem(null);
    setNote('');
    setAppeal('');
    notify('success', done);
    onChange();
  };
  const r = f.rating;
  return (
    <section className={`card followup${f.overdue ? ' followup-overdue' : ''}`} aria-labelledby={`fu-${id}`} data-testid="followup">
      <div className="card-top">
        <h2 id={`fu-${id}`}>
          {t(`frontOffice.rating.level${r.level}`)} · {r.label} · {t('frontOffice.follow.window', { window: r.windowNo ?? '—' })}
          {r.clerkName ? ` · ${r.clerkName}` : ''}
        </h2>
        <span className={`badge ${f.overdue ? 'badge-overdue' : ''}`}>{f.overdue ? t('frontOffice.follow.overdue') : t(`frontOffice.follow.status.${f.status}`)}</span>
      </div>
      <p>
        {t('frontOffice.follow.reasons')}: {r.reasons.map((x) => t(`frontOffice.rating.reason.${x}`)).join('、')}
        {r.comment ? ` · “${r.comment}”` : ''} · {t(`frontOffice.rating.rater.${r.rater}`)} · {r.at.slice(0, 16).replace('T', ' ')}
        {r.caseNos.length > 0 ? <span className="mono small"> · {r.caseNos.join('、')}</span> : null}
      </p>
      <dl className="followup-steps">
        <dt>{t('frontOffice.follow.visit')}</dt>
        <dd data-testid="visit-due">
          {t('frontOffice.follow.due', { date: f.visitDue })}
          {f.visitOverdue ? <strong className="overdue"> {t('frontOffice.follow.overdue')}</strong> : null}
          {f.visitAt ? ` · ${t('frontOffice.follow.doneAt', { at: f.visitAt.slice(0, 16).replace('T', ' '), by: f.visitByName ?? '' })}：${f.visitNote ?? ''}` : ''}
        </dd>
        <dt>{t('frontOffice.follow.rectify')}</dt>
        <dd data-testid="rectify-due">
          {t('frontOffice.follow.due', { date: f.rectifyDue })}
          {f.rectifyOverdue ? <strong className="overdue"> {t('frontOffice.follow.overdue')}</strong> : null}
          {f.rectifyAt ? ` · ${t('frontOffice.follow.doneAt', { at: f.rectifyAt.slice(0, 16).replace('T', ' '), by: f.rectifyByName ?? '' })}：${f.rectifyNote ?? ''}` : ''}
        </dd>
        {f.appealAt ? (
          <>
            <dt>{t('frontOffice.follow.appeal')}</dt>
            <dd>
              {f.appealText}
              {f.appealOutcome ? ` · ${t(`frontOffice.follow.outcome.${f.appealOutcome}`)}：${f.appealNote ?? ''}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
      {f.estimatedYears.length > 0 ? <p className="warn small">{t('frontOffice.follow.estimated', { years: f.estimatedYears.join('、') })}</p> : null}
      {f.status !== 'closed' ? (
        <div className="followup-form">
          <label htmlFor={`note-${id}`}>{f.status === 'open' ? t('frontOffice.follow.visitNote') : t('frontOffice.follow.rectifyNote')}</label>
          <textarea id={`note-${id}`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `problem-${id}` : undefined} />
          <button
            type="button"
            className="primary"
            onClick={() =>
              void act(
                api().invoke(f.status === 'open' ? 'ratings.visit' : 'ratings.rectify', { followUpId: f.id, note }),
                f.status === 'open' ? t('frontOffice.follow.visitSaved') : t('frontOffice.follow.rectifySaved'),
              )
            }
          >
            {f.status === 'open' ? t('frontOffice.follow.recordVisit') : t('frontOffice.follow.recordRectify')}
          </button>
        </div>
      ) : null}
      {!f.appealAt ? (
        <details className="followup-appeal">
          <summary>{t('frontOffice.follow.recordAppeal')}</summary>
          <label htmlFor={`appeal-${id}`}>{t('frontOffice.follow.appealText')}</label>
          <textarea id={`appeal-${id}`} rows={2} value={appeal} onChange={(e) => setAppeal(e.target.value)} />
          <button type="button" onClick={() => void act(api().invoke('ratings.appeal', { followUpId: f.id, text: appeal }), t('frontOffice.follow.appealSaved'))}>
            {t('frontOffice.follow.saveAppeal')}
          </button>
        </details>
      ) : !f.appealOutcome ? (
        <div className="followup-form">
          <fieldset>
            <legend>{t('frontOffice.follow.outcomeLegend')}</legend>
            {(['upheld', 'dismissed'] as const).map((o) => (
              <label key={o} className="inline-check">
                <input type="radio" name={`outcome-${id}`} checked={outcome === o} onChange={() => setOutcome(o)} /> {t(`frontOffice.follow.outcome.${o}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`outcome-note-${id}`}>{t('frontOffice.follow.outcomeNote')}</label>
          <textarea id={`outcome-note-${id}`} rows={2} value={appeal} onChange={(e) => setAppeal(e.target.value)} />
          <button type="button" onClick={() => void act(api().invoke('ratings.decideAppeal', { followUpId: f.id, outcome, note: appeal }), t('frontOffice.follow.outcomeSaved'))}>
            {t('frontOffice.follow.saveOutcome')}
          </button>
        </div>
      ) : null}
      {problem ? (
        <p className="field-error" id={`problem-${id}`} role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
