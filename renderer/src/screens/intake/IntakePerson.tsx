import { useTranslation } from 'react-i18next';
import type { PersonSummary } from '../../../../shared/persons';
import { maskIdNumber } from '../../../../shared/identity';
import { ageOf } from '../../lib/person';
import { PersonHints } from '../persons/PersonHints';

/** Who the case is for, with special-group hints. */
export function IntakePerson({ person, changeHref }: { person: PersonSummary; changeHref: string | null }) {
  const { t } = useTranslation();
  const age = ageOf(person.birthDate);
  return (
    <section className="card intake-person" aria-label={t('intake.person')}>
      <div className="card-top">
        <div>
          <strong className="person-name">{person.name}</strong> <span className="mono">{maskIdNumber(person.idNumber)}</span>{' '}
          <span className="muted">
            {person.sex ? t(`sex.${person.sex}`) : ''} {age !== null ? t('persons.age', { count: age }) : ''}
          </span>
        </div>
        {changeHref ? (
          <a className="link-button" href={changeHref}>
            {t('intake.changePerson')}
          </a>
        ) : null}
      </div>
      <PersonHints flags={person.flags} age={age} />
    </section>
  );
}
