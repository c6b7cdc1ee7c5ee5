import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonVisits } from '../mobile/PersonVisits';
import type { Person } from '../../../../shared/persons';
import { ageOf } from '../../lib/person';
import { formatInstant } from '../../lib/dates';
import { PersonHints } from './PersonHints';
import { PersonEdit } from './PersonEdit';
import { PersonCases } from './PersonCases';

/**
 * A person's record: identity, contact (correctable here: name, phone, address — audited, sent to central), flags,
 * insurance records and the person's cases at this station.
 */
export function PersonCard({ person, actions, onUpdated }: { person: Person; actions?: ReactNode; onUpdated?: (p: Person) => void }) {
  const { t } = useTranslation();
  const age = ageOf(person.birthDate);
  const [editing, setEditing] = useState(false);
  if (editing && onUpdated) {
    return (
      <section className="card person-card" aria-label={t('persons.edit')} data-testid="person-card">
        <PersonEdit
          person={person}
          onSaved={(p) => {
            setEditing(false);
            onUpdated(p);
          }}
          onCancel={() => setEditing(false)}
        />
      </section>
    );
  }
  return (
    <section className="card person-card" aria-labelledby={`person-${person.id}`} data-testid="person-card">
      <div className="card-top">
        <h2 id={`person-${person.id}`}>
          {person.name} <span className="muted small">{person.nameInitials.toUpperCase()}</span>
        </h2>
        <span className="tag">{t(`personSource.${person.source}`)}</span>
      </div>
      <PersonHints flags={person.flags} age={age} />
      <dl className="facts">
        <dt>{t('persons.idNumber')}</dt>
        <dd className="mono">
          {person.idNumber} <span className="muted small">{t(`idKind.${person.idKind}`)}</span>
        </dd>
        <dt>{t('persons.sexAge')}</dt>
        <dd>
          {person.sex ? t(`sex.${person.sex}`) : '—'} · {person.birthDate ?? '—'}
          {age !== null ? ` · ${t('persons.age', { count: age })}` : ''}
        </dd>
        <dt>{t('persons.phone')}</dt>
        <dd>{person.phone ?? '—'}</dd>
        <dt>{t('persons.region')}</dt>
        <dd className="mono">{person.regionCode ?? '—'}</dd>
        {person.address ? (
          <>
            <dt>{t('persons.address')}</dt>
            <dd>{person.address}</dd>
          </>
        ) : null}
        <dt>{t('persons.flags')}</dt>
        <dd>{person.flags.length > 0 ? person.flags.map((f) => t(`flag.${f}`)).join('、') : t('common.none')}</dd>
      </dl>
      <h3>{t('persons.insurance')}</h3>
      {person.insurance.length === 0 ? (
        <p className="muted">{t('persons.noInsurance')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('persons.insType')}</th>
              <th scope="col">{t('persons.insStatus')}</th>
              <th scope="col">{t('persons.region')}</th>
              <th scope="col">{t('persons.since')}</th>
              <th scope="col">{t('persons.tier')}</th>
            </tr>
          </thead>
          <tbody>
            {person.insurance.map((r, i) => (
              <tr key={i}>
                <td>{t(`insuranceType.${r.type}`)}</td>
                <td>{t(`insuranceStatus.${r.status}`)}</td>
                <td className="mono">{r.regionCode}</td>
                <td>{r.since ?? '—'}</td>
                <td>{r.tier ? t(`tier.${r.tier}`) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small">{t('persons.updatedAt', { at: formatInstant(person.updatedAt) })}</p>
      <PersonCases idNumber={person.idNumber} />
      <PersonVisits personId={person.id} />
      <div className="card-actions">
        {actions}
        {onUpdated ? (
          <button type="button" onClick={() => setEditing(true)} data-testid="person-edit-open">
            {t('persons.edit')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
