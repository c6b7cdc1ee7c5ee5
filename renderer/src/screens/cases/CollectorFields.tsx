import { useTranslation } from 'react-i18next';
import { PROXY_RELATIONSHIPS } from '../../../../shared/cases/model';
import { Field, inputAria } from '../../components/Field';
import type { CollectorUi } from './collector';

interface Props {
  value: CollectorUi;
  onChange(patch: Partial<CollectorUi>): void;
  /** The ID field was left (its problem is named from then on, not only once 15 characters are typed). */
  onIdBlur(): void;
  nameError: string | null;
  idError: string | null;
}

/** 出件 to someone other than the person: who collects it — name, ID number (checked as typed), relationship. */
export function CollectorFields({ value, onChange, onIdBlur, nameError, idError }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="collector" data-testid="collector">
      <legend>{t('handOut.collector')}</legend>
      <div className="grid-fields">
        <Field id="collector-name" label={t('handOut.collectorName')} required error={nameError}>
          <input
            {...inputAria('collector-name', null, nameError)}
            value={value.name}
            onChange={(e) => onChange({ name: e.target.value })}
            maxLength={50}
            autoComplete="off"
            autoFocus
          />
        </Field>
        <Field id="collector-idNumber" label={t('handOut.collectorId')} hint={t('handOut.collectorIdHint')} error={idError}>
          <input
            {...inputAria('collector-idNumber', true, idError)}
            className="mono"
            value={value.idNumber}
            onChange={(e) => onChange({ idNumber: e.target.value })}
            onBlur={onIdBlur}
            maxLength={32}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <Field id="collector-relationship" label={t('handOut.collectorRelationship')}>
          <select id="collector-relationship" value={value.relationship} onChange={(e) => onChange({ relationship: e.target.value })}>
            <option value="">{t('handOut.noRelationship')}</option>
            {PROXY_RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {t(`relationship.${r}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </fieldset>
  );
}
