import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../../shared/persons';
import { checkPersonName } from '../../../../shared/identity/name';
import { api } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { zodFieldErrors, type FieldErrors } from '../../lib/errors';
import { useChannelForm } from '../../hooks/useChannelForm';
import { personsUpdate } from '../../../../shared/api/channels/persons';
import { useNotify } from '../../state/notify';

/** Correct a person's name, phone and address on the person card (checked as the core checks them; audited there). */
export function PersonEdit({ person, onSaved, onCancel }: { person: Person; onSaved(p: Person): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [name, setName] = useState(person.name);
  const [phone, setPhone] = useState(person.phone ?? '');
  const [address, setAddress] = useState(person.address ?? '');
  const { errors, apiError, busy, check, send } = useChannelForm('pe');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = { id: person.id, name, phone: phone.trim() === '' ? null : phone.trim(), address: address.trim() === '' ? null : address.trim() };
    // The channel's own checks (phone, address) and the name rule the core applies, in their words.
    const parsed = personsUpdate.input.safeParse(input);
    const fe: FieldErrors = parsed.success ? {} : zodFieldErrors(parsed.error);
    const n = checkPersonName(name);
    if (!n.ok) fe.name = n.message;
    if (!check(fe)) return;
    const saved = await send(() => api().invoke('persons.update', input));
    if (!saved) return;
    notify('success', t('persons.updated', { name: saved.name }));
    onSaved(saved);
  };

  return (
    <form className="person-edit" onSubmit={(e) => void submit(e)} noValidate data-testid="person-edit">
      <ErrorBanner error={apiError && !apiError.field ? apiError : null} />
      <Field id="pe-name" label={t('persons.name')} required error={errors.name}>
        <input {...inputAria('pe-name', true, errors.name)} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" autoFocus />
      </Field>
      <Field id="pe-phone" label={t('persons.phone')} error={errors.phone}>
        <input {...inputAria('pe-phone', null, errors.phone)} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} autoComplete="off" />
      </Field>
      <Field id="pe-address" label={t('persons.address')} error={errors.address}>
        <textarea {...inputAria('pe-address', null, errors.address)} rows={2} value={address} onChange={(e) => setAddress(e.target.value)} />
      </Field>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('persons.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
