import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MissingMaterial } from '../../../../shared/api/errors';
import { Modal } from '../../components/Modal';
import { Field, describedBy } from '../../components/Field';
import { DateInput } from '../../components/DateInput';
import { isLocalDate } from '../../../../shared/time';
import { useLocalized } from '../../lib/text';
import { daysFromToday, normalizeDateText } from '../../lib/dates';

interface Props {
  missing: readonly MissingMaterial[];
  /** The latest promise date the core allows, when it said so. */
  latest: string | null;
  error: string | null;
  busy: boolean;
  onConfirm(promiseDate: string): void;
  onClose(): void;
}

/** 容缺受理: only deferrable materials are missing — accept now against the person's promise date. */
export function RongqueDialog({ missing, latest, error, busy, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const L = useLocalized();
  const [date, setDate] = useState(latest ?? '');
  const [formatError, setFormatError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const d = normalizeDateText(date);
    if (!isLocalDate(d)) {
      setFormatError(t('date.format'));
      return;
    }
    setFormatError(null);
    onConfirm(d);
  };
  const shownError = formatError ?? error;
  return (
    <Modal
      title={t('rongque.title')}
      onClose={onClose}
      actions={
        <>
          <button type="submit" form="rongque-form" className="primary" disabled={busy || date === ''}>
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
      <form id="rongque-form" onSubmit={submit}>
        <Field id="promise-date" label={t('rongque.promiseDate')} required hint={latest ? t('rongque.latest', { date: latest }) : undefined} error={shownError}>
          <DateInput
            id="promise-date"
            value={date}
            min={daysFromToday(1)}
            max={latest ?? undefined}
            onChange={setDate}
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
