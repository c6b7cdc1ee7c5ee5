import { useTranslation } from 'react-i18next';
import type { PersonFlag } from '../../../../shared/persons';
import { ELDERLY_PRIORITY_AGE } from '../../../../shared/persons';
import { personHints } from '../../lib/person';

/** Hints for special groups: aged 80+, disability, 低保/特困/脱贫, military, talent. */
export function PersonHints({ flags, age }: { flags: readonly PersonFlag[]; age: number | null }) {
  const { t } = useTranslation();
  const hints = personHints(flags, age);
  if (hints.length === 0) return null;
  return (
    <ul className="hints" aria-label={t('persons.hintsLabel')}>
      {hints.map((h) => (
        <li key={h} className={`hint hint-${h}`} data-testid={`hint-${h}`}>
          {t(`hint.${h}`, { age, min: ELDERLY_PRIORITY_AGE })}
        </li>
      ))}
    </ul>
  );
}
