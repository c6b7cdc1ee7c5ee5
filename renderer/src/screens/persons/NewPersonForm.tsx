import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PERSON_FLAGS, type Person, type PersonFlag } from '../../../../shared/persons';
import { api } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { checkId } from '../../lib/person';
import { checkPersonName } from '../../../../shared/identity/name';
import { ageOf } from '../../lib/person';
import { zodFieldErrors, type FieldErrors } from '../../lib/errors';
import { useChannelForm } from '../../hooks/useChannelForm';
import { personsRegister } from '../../../../shared/api/channels/persons';
import { useNotify } from '../../state/notify';
import { PersonHints } from './PersonHints';


/** Register a person met at the window; the ID is checked as it is typed (birth date, sex and age shown at once). */
export function NewPersonForm({ initialIdNumber, onRegistered, onCancel }: { initialIdNumber: string; onRegistered(p: Person): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const { notify } = useNotify();
  const [idNumber, setIdNumber] = useState(initialIdNumber);
  const [touched, setTouched] = useState(initialIdNumber !== '');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [address, setAddress] = useState('');
  const [flags, setFlags] = useState<PersonFlag[]>([]);
  const { errors, setErrors, apiError, busy, check, send } = useChannelForm('np');

  const idCheck = idNumber.trim() === '' ? null : checkId(idNumber);
  const showIdCheck = idCheck !== null && (touched || idNumber.trim().length >= 15);
  const idError = showIdCheck && idCheck && !idCheck.ok ? (i18n.language === 'en' ? idCheck.messageEn : idCheck.message) : errors.idNumber;
  const age = idCheck?.ok ? ageOf(idCheck.birthDate) : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    const input = {
      idNumber: idNumber.trim(),
      name: name.trim(),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(regionCode.trim() ? { regionCode: regionCode.trim() } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(flags.length > 0 ? { flags } : {}),
    };
    // The same checks the core makes (the channel's input schema), plus the identity number itself.
    const parsed = personsRegister.input.safeParse(input);
    const fe: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
    const id = checkId(idNumber);
    if (!id.ok) fe.idNumber = id.message;
    // The name by the rule the core applies (shared/identity/name.ts): 2–30 characters of CJK, letters and ·.
    const checkedName = checkPersonName(name);
    if (!checkedName.ok) fe.name = checkedName.message;
    else input.name = checkedName.name;
    if (!check(fe)) return;
    const registered = await send(() => api().invoke('persons.register', input));
    if (!registered) return;
    notify('success', t('persons.registered', { name: registered.name }));
    onRegistered(registered);
  };

  return (
    <section className="card" aria-labelledby="np-title">
      <h2 id="np-title">{t('persons.newTitle')}</h2>
      <ErrorBanner error={apiError} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="np-idNumber" label={t('persons.idNumber')} required error={idError} hint={t('persons.idHint')}>
          <input
            {...inputAria('np-idNumber', true, idError)}
            value={idNumber}
            onChange={(e) => {
              setIdNumber(e.target.value);
              setErrors((x) => ({ ...x, idNumber: '' }));
            }}
            onBlur={() => setTouched(true)}
            autoComplete="off"
            spellCheck={false}
            maxLength={32}
            autoFocus
            className="mono"
          />
        </Field>
        <div aria-live="polite" data-testid="id-derived">
          {idCheck?.ok ? (
            <p className="derived">
              {t('persons.derived', {
                birthDate: idCheck.birthDate,
                sex: idCheck.sex ? t(`sex.${idCheck.sex}`) : '—',
                age: age ?? '—',
                kind: t(`idKind.${idCheck.kind}`),
              })}
              {idCheck.normalized !== idNumber.trim() ? ` · ${t('persons.normalized', { id: idCheck.normalized })}` : ''}
            </p>
          ) : null}
        </div>
        {idCheck?.ok ? <PersonHints flags={flags} age={age} /> : null}
        <Field id="np-name" label={t('persons.name')} required error={errors.name}>
          <input {...inputAria('np-name', null, errors.name)} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" maxLength={50} />
        </Field>
        <Field id="np-phone" label={t('persons.phone')} error={errors.phone}>
          <input {...inputAria('np-phone', null, errors.phone)} value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" autoComplete="off" />
        </Field>
        <Field id="np-regionCode" label={t('persons.region')} error={errors.regionCode} hint={t('persons.regionHint')}>
          <input {...inputAria('np-regionCode', true, errors.regionCode)} value={regionCode} onChange={(e) => setRegionCode(e.target.value)} inputMode="numeric" maxLength={6} />
        </Field>
        <Field id="np-address" label={t('persons.address')} error={errors.address}>
          <input {...inputAria('np-address', null, errors.address)} value={address} onChange={(e) => setAddress(e.target.value)} maxLength={200} />
        </Field>
        <fieldset className="checks">
          <legend>{t('persons.flags')}</legend>
          {PERSON_FLAGS.map((f) => (
            <label key={f} className="check">
              <input
                type="checkbox"
                checked={flags.includes(f)}
                onChange={(e) => setFlags((fs) => (e.target.checked ? [...fs, f] : fs.filter((x) => x !== f)))}
              />
              {t(`flag.${f}`)}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('persons.register')}
          </button>
          <button type="button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
