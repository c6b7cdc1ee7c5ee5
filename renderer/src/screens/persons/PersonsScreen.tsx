import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/persons';
import { ScreenHeading } from '../../components/ScreenHeading';
import { navigate, paths } from '../../lib/router';
import { PersonLookup } from './PersonLookup';
import { PersonCard } from './PersonCard';
import { NewPersonForm } from './NewPersonForm';

/** 参保人查询: look a person up by ID (typed or scanned), name or initials; or register a new one. */
export default function PersonsScreen({ initialQuery }: { initialQuery: string }) {
  const { t } = useTranslation();
  const [person, setPerson] = useState<Person | null>(null);
  const [registering, setRegistering] = useState<string | null>(null);
  const [registered, setRegistered] = useState<string | null>(null);

  return (
    <div className="persons-screen">
      <div className="screen-head">
        <ScreenHeading focus={false}>{t('persons.title')}</ScreenHeading>
        <button type="button" onClick={() => setRegistering('')}>
          {t('persons.new')}
        </button>
      </div>
      <div className="two-col">
        <div>
          <PersonLookup
            initialQuery={initialQuery}
            onPicked={(p) => {
              setPerson(p);
              setRegistering(null);
            }}
            onNotFound={(id) => {
              setPerson(null);
              setRegistering((r) => r ?? id);
            }}
            autoFocus={registering === null}
            registered={registered}
          />
        </div>
        <div>
          {registering !== null ? (
            <NewPersonForm
              key={registering}
              initialIdNumber={registering}
              onRegistered={(p) => {
                setRegistering(null);
                setPerson(p);
                setRegistered(p.idNumber);
              }}
              onCancel={() => setRegistering(null)}
            />
          ) : person ? (
            <PersonCard
              key={person.id}
              person={person}
              onUpdated={setPerson}
              actions={
                <button type="button" className="primary" onClick={() => navigate(paths.intake({ person: person.id }))}>
                  {t('persons.startIntake')}
                </button>
              }
            />
          ) : (
            <p className="muted">{t('persons.empty')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
