import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { navigate, paths } from '../../lib/router';
import { PersonLookup } from '../persons/PersonLookup';
import { NewPersonForm } from '../persons/NewPersonForm';
import { ItemPicker } from './ItemPicker';
import { IntakeForm } from './IntakeForm';

interface Props {
  personId: string | null;
  itemCode: string | null;
  caseId: string | null;
}

/** 受理: pick the person, pick the item, fill the generated form, check materials, proxy, accept. */
export default function IntakeScreen({ personId, itemCode, caseId }: Props) {
  const { t } = useTranslation();
  if (caseId) return <DraftIntake caseId={caseId} />;
  if (!personId) {
    return (
      <div className="intake-screen">
        <ScreenHeading focus={false}>{t('intake.title')}</ScreenHeading>
        <Steps step={1} />
        <PickPerson itemCode={itemCode} />
      </div>
    );
  }
  if (!itemCode) {
    return (
      <div className="intake-screen">
        <ScreenHeading focus={false}>{t('intake.title')}</ScreenHeading>
        <Steps step={2} />
        <PersonLine personId={personId} />
        <ItemPicker onPick={(code) => navigate(paths.intake({ person: personId, item: code }))} />
      </div>
    );
  }
  return <NewIntake personId={personId} itemCode={itemCode} />;
}

function Steps({ step }: { step: 1 | 2 | 3 }) {
  const { t } = useTranslation();
  const names = [t('intake.step1'), t('intake.step2'), t('intake.step3')];
  return (
    <ol className="steps" aria-label={t('intake.stepsLabel')}>
      {names.map((n, i) => (
        <li key={n} className={i + 1 === step ? 'step-current' : i + 1 < step ? 'step-done' : ''} aria-current={i + 1 === step ? 'step' : undefined}>
          {n}
        </li>
      ))}
    </ol>
  );
}

function PickPerson({ itemCode }: { itemCode: string | null }) {
  const [registering, setRegistering] = useState<string | null>(null);
  const go = (id: string) => navigate(paths.intake({ person: id, ...(itemCode ? { item: itemCode } : {}) }));
  return (
    <div className="two-col">
      <PersonLookup onPicked={(p) => go(p.id)} onNotFound={(id) => setRegistering(id)} autoFocus={registering === null} />
      {registering !== null ? <NewPersonForm key={registering} initialIdNumber={registering} onRegistered={(p) => go(p.id)} onCancel={() => setRegistering(null)} /> : null}
    </div>
  );
}

function PersonLine({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const person = useApiQuery('persons.get', { id: personId });
  if (!person.data) return <ErrorBanner error={person.error} />;
  return (
    <p className="person-line">
      {t('intake.forPerson', { name: person.data.name })}{' '}
      <a href={paths.intake()} className="link-button">
        {t('intake.changePerson')}
      </a>
    </p>
  );
}

function NewIntake({ personId, itemCode }: { personId: string; itemCode: string }) {
  const person = useApiQuery('persons.get', { id: personId });
  const item = useApiQuery('catalog.get', { code: itemCode });
  if (person.error || item.error) return <ErrorBanner error={person.error ?? item.error} />;
  if (!person.data || !item.data) return <Loading />;
  // Keyed: another person or item is another form (its own typing, its own kept copy), never a reused one.
  return <IntakeForm key={`${person.data.id}.${item.data.code}`} person={person.data} item={item.data} draft={null} />;
}

function DraftIntake({ caseId }: { caseId: string }) {
  const view = useApiQuery('cases.get', { caseId });
  const item = useApiQuery('catalog.get', view.data ? { code: view.data.case.itemCode } : null);
  if (view.error || item.error) return <ErrorBanner error={view.error ?? item.error} />;
  if (!view.data || !item.data) return <Loading />;
  return <IntakeForm key={view.data.case.id} person={view.data.person} item={item.data} draft={view.data} />;
}
