import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RatingPrompt } from '../../../shared/api/channels/ratings';
import { isBadRating, RATING_LEVELS, RATING_REASONS, type Rater, type RatingLevel, type RatingReason } from '../../../shared/front/ratings';
import { api } from '../api/client';

/** The thanks shown after a rating, for a few seconds, whatever the board says meanwhile. */
export function RatingThanks() {
  const { t } = useTranslation();
  return (
    <div className="rating-pad" role="dialog" aria-modal="true" aria-labelledby="rating-thanks">
      <p id="rating-thanks" className="rating-thanks" role="status">
        {t('frontOffice.rating.thanks')}
      </p>
    </div>
  );
}

/**
 * 好差评 on the citizen-facing screen: five levels (keys 5 … 1 as well), and for 不满意 / 非常不满意 the reasons to
 * tick and an optional remark; who rates (本人 or 代办人). One rating per service: the core refuses a second one.
 */
export function RatingPad({ prompt, onRated }: { prompt: RatingPrompt; onRated: () => void }) {
  const { t } = useTranslation();
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [comment, setComment] = useState('');
  const [rater, setRater] = useState<Rater>('self');
  const [problem, setProblem] = useState<{ field?: string; message: string } | null>(null);
  const first = useRef<HTMLButtonElement>(null);

  useEffect(() => first.current?.focus(), [prompt.label]);

  const send = async (chosen: RatingLevel) => {
    const r = await api().invoke('ratings.submit', { level: chosen, reasons: isBadRating(chosen) ? reasons : [], comment: comment.trim() === '' ? null : comment.trim(), rater });
    if (!r.ok) {
      setProblem({ message: r.error.message, ...(r.error.field ? { field: r.error.field } : {}) });
      return;
    }
    onRated();
  };

  const choose = (l: RatingLevel) => {
    setLevel(l);
    setProblem(null);
    if (!isBadRating(l)) void send(l);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (level !== null) void send(level);
  };

  return (
    <div
      className="rating-pad"
      role="dialog"
      aria-modal="true"
      aria-labelledby="rating-title"
      onKeyDown={(e) => {
        const n = Number(e.key);
        if (e.target instanceof HTMLTextAreaElement || !Number.isInteger(n) || n < 1 || n > 5) return;
        choose(n as RatingLevel);
      }}
    >
      <h2 id="rating-title">{t('frontOffice.rating.title')}</h2>
      <p className="rating-subject">
        {t(prompt.subject === 'ticket' ? 'frontOffice.rating.forTicket' : 'frontOffice.rating.forHandOut', { label: prompt.label, window: prompt.windowNo })}
        {prompt.caseNos.length > 0 && prompt.subject === 'ticket' ? <span className="mono"> · {prompt.caseNos.join('、')}</span> : null}
      </p>
      <div className="rating-levels" role="group" aria-label={t('frontOffice.rating.levels')}>
        {RATING_LEVELS.map((l, i) => (
          <button
            key={l}
            ref={i === 0 ? first : undefined}
            type="button"
            className={`rating-level rating-${l}${level === l ? ' chosen' : ''}`}
            aria-pressed={level === l}
            aria-keyshortcuts={String(l)}
            onClick={() => choose(l)}
          >
            {t(`frontOffice.rating.level${l}`)}
          </button>
        ))}
      </div>
      <fieldset className="rating-rater">
        <legend>{t('frontOffice.rating.who')}</legend>
        {(['self', 'proxy'] as const).map((r) => (
          <label key={r}>
            <input type="radio" name="rater" checked={rater === r} onChange={() => setRater(r)} /> {t(`frontOffice.rating.rater.${r}`)}
          </label>
        ))}
      </fieldset>
      {level !== null && isBadRating(level) ? (
        <form onSubmit={submit} noValidate className="rating-bad">
          <fieldset aria-invalid={problem?.field === 'reasons' ? true : undefined} aria-describedby={problem?.field === 'reasons' ? 'rating-problem' : undefined}>
            <legend>{t('frontOffice.rating.reasons')}</legend>
            {RATING_REASONS.map((r) => (
              <label key={r} className="rating-reason">
                <input type="checkbox" checked={reasons.includes(r)} onChange={(e) => setReasons((rs) => (e.target.checked ? [...rs, r] : rs.filter((x) => x !== r)))} /> {t(`frontOffice.rating.reason.${r}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor="rating-comment">{t('frontOffice.rating.comment')}</label>
          <textarea id="rating-comment" rows={2} maxLength={200} value={comment} onChange={(e) => setComment(e.target.value)} aria-invalid={problem?.field === 'comment' ? true : undefined} />
          <button type="submit" className="primary">
            {t('frontOffice.rating.submit')}
          </button>
        </form>
      ) : null}
      {problem ? (
        <p className="field-error" id="rating-problem" role="alert">
          {problem.message}
        </p>
      ) : null}
    </div>
  );
}
