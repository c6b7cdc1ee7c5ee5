import { useTranslation } from 'react-i18next';
import { PROXY_RELATIONSHIPS } from '../../../../shared/cases/model';
import { Field, inputAria } from '../../components/Field';
import type { FieldErrors } from '../../lib/errors';
import { checkId } from '../../lib/person';
import type { ProxyUi, Relationship } from './proxy';

interface Props {
  value: ProxyUi;
  onChange(patch: Partial<ProxyUi>): void;
  authorisationReceived: boolean;
  onAuthorisation(on: boolean): void;
  errors: FieldErrors;
  suggested: boolean;
}

/** 帮办代办: who handles the case for the person, their ID, relationship, and whether the signed authorisation is in. */
export function ProxySection({ value, onChange, authorisationReceived, onAuthorisation, errors, suggested }: Props) {
  const { t, i18n } = useTranslation();
  const idCheck = value.idNumber.trim().length >= 15 ? checkId(value.idNumber) : null;
  const idError = errors['proxy.idNumber'] ?? (idCheck && !idCheck.ok ? (i18n.language === 'en' ? idCheck.messageEn : idCheck.message) : undefined);
  return (
    <fieldset className="proxy">
      <legend>{t('intake.proxy')}</legend>
      {suggested && !value.enabled ? <p className="hint hint-elderly">{t('intake.proxySuggested')}</p> : null}
      <label className="check">
        <input type="checkbox" checked={value.enabled} onChange={(e) => onChange({ enabled: e.target.checked })} data-testid="proxy-toggle" />
        {t('intake.proxyEnabled')}
      </label>
      {value.enabled ? (
        <div className="grid-fields">
          <Field id="proxy-name" label={t('intake.proxyName')} required error={errors['proxy.name']}>
            <input {...inputAria('proxy-name', null, errors['proxy.name'])} value={value.name} onChange={(e) => onChange({ name: e.target.value })} autoComplete="off" />
          </Field>
          <Field id="proxy-idNumber" label={t('intake.proxyId')} required error={idError}>
            <input
              {...inputAria('proxy-idNumber', null, idError)}
              className="mono"
              value={value.idNumber}
              onChange={(e) => onChange({ idNumber: e.target.value })}
              autoComplete="off"
              spellCheck={false}
            />
          </Field>
          <Field id="proxy-relationship" label={t('intake.proxyRelationship')} required error={errors['proxy.relationship']}>
            <select
              {...inputAria('proxy-relationship', null, errors['proxy.relationship'])}
              value={value.relationship}
              onChange={(e) => onChange({ relationship: e.target.value as Relationship | '' })}
            >
              <option value="">{t('form.choose')}</option>
              {PROXY_RELATIONSHIPS.map((r) => (
                <option key={r} value={r}>
                  {t(`relationship.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="proxy-phone" label={t('intake.proxyPhone')} error={errors['proxy.phone']}>
            <input {...inputAria('proxy-phone', null, errors['proxy.phone'])} type="tel" value={value.phone} onChange={(e) => onChange({ phone: e.target.value })} autoComplete="off" />
          </Field>
          <label className="check field-wide">
            <input type="checkbox" checked={authorisationReceived} onChange={(e) => onAuthorisation(e.target.checked)} data-testid="proxy-authorisation" />
            {t('intake.authorisationReceived')}
          </label>
        </div>
      ) : null}
    </fieldset>
  );
}
