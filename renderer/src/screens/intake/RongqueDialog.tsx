import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MissingMaterial } from '../../../../shared/api/errors';
import { Modal } from '../../components/Modal';
import { Field, describedBy } from '../../components/Field';
import { DateInput } from '../../components/DateInput';
import { promiseDateProblem } from '../../../../shared/cases/promise-date';
import { useLocalized } from '../../lib/text';
import { daysFromToday, normalizeDateText, todayShanghai } from '../../lib/dates';

interface Props {
  missing: readonly MissingMaterial[];
  /** The latest promise date the core allows, when it said so. */
  latest: string | null;
  error: string | null;
  busy: boolean;
  onConfirm(promiseDate: string): void;
  onClose(): void;
}

/**
 * 容缺受理: only deferrable materials are missing — accept now against the person's promise date. The date is
 * checked by the shared rule (tomorrow up to the latest date; the core adds: a working day) and refused in the
 * app's own words beside the field, never by the browser's validation bubble (the form is `noValidate`).
 */
export function RongqueDialog({ missing, latest, error, busy, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const L = useLocalized();
  const [date, setDate] = useState(latest ?? '');
  const [formatError, setFormatError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = normalizeDateText(date);
    const problem = promiseDateProblem(d, { today: todayShanghai(), latest: latest ?? daysFromToday(366) });
    if (problem !== null) {
      setFormatError(problem);
      document.getElementById('promise-date')?.focus();
      return;
    }
    setFormatError(null);
    onConfirm(d);
  };
  const shownError = formatError ?? error;
  // The core's refusal (e.g. not a working day) arrives after the click: the cursor goes back to the date.
  useEffect(() => {
    if (error) document.getElementById('promise-date')?.focus();
  }, [error]);
  return (
    <Modal
      title={t('rongque.title')}
      onClose={onClose}
      actions={
        <>
          <button type="submit" form="rongque-form" className="primary" disabled={busy}>
            {t('rongque.accept')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <p>{t('rongque.explain')}</p>
      <ul className="missing-list">
        {missing.map((m) => (
          <li key={m.code}>{L(m.name)}</li>
        ))}
      </ul>
      <form id="rongque-form" onSubmit={submit} noValidate>
        <Field id="promise-date" label={t('rongque.promiseDate')} required hint={latest ? t('rongque.latest', { date: latest }) : undefined} error={shownError}>
          <DateInput
            id="promise-date"
            value={date}
            min={daysFromToday(1)}
            max={latest ?? undefined}
            onChange={(v) => {
              setDate(v);
              setFormatError(null);
            }}
            invalid={!!shownError}
            describedBy={describedBy('promise-date', latest, shownError)}
            autoFocus
            required
          />
        </Field>
      </form>
    </Modal>
  );
}
