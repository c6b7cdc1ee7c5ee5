import { useTranslation } from 'react-i18next';
import type { ScalarField } from '../../../../shared/catalog/types';
import { useLocalized } from '../../lib/text';
import { todayShanghai } from '../../lib/dates';
import { DateInput } from '../../components/DateInput';

interface Props {
  field: ScalarField;
  id: string;
  value: string | string[];
  onChange(v: string | string[]): void;
  invalid: boolean;
  describedBy: string | undefined;
  /** Inside a table row: the column header is the label. */
  ariaLabel?: string;
}

/** The input for one scalar field type of a generated form. */
export function ScalarInput({ field, id, value, onChange, invalid, describedBy, ariaLabel }: Props) {
  const { t } = useTranslation();
  const L = useLocalized();
  const common = { id, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy, 'aria-label': ariaLabel, 'aria-required': field.required || undefined };
  const text = typeof value === 'string' ? value : '';
  switch (field.type) {
    case 'enum':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {field.options.map((o) => (
            <option key={o.value} value={o.value}>
              {L(o.label)}
            </option>
          ))}
        </select>
      );
    case 'multiEnum': {
      const arr = Array.isArray(value) ? value : [];
      return (
        <div id={id} className="checks">
          {field.options.map((o) => (
            <label key={o.value} className="check">
              <input
                type="checkbox"
                checked={arr.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...arr, o.value] : arr.filter((x) => x !== o.value))}
              />
              {L(o.label)}
            </label>
          ))}
        </div>
      );
    }
    case 'boolean':
      return (
        <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          <option value="yes">{t('common.yes')}</option>
          <option value="no">{t('common.no')}</option>
        </select>
      );
    case 'date':
      return (
        <DateInput
          id={id}
          value={text}
          onChange={onChange}
          max={field.notAfterToday ? todayShanghai() : undefined}
          invalid={invalid}
          describedBy={describedBy}
          ariaLabel={ariaLabel}
          required={field.required}
        />
      );
    case 'money':
      return (
        <span className="money-input">
          <input {...common} type="text" inputMode="decimal" value={text} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
          <span className="unit" aria-hidden="true">
            {t('form.yuan')}
          </span>
        </span>
      );
    case 'integer':
      return <input {...common} type="text" inputMode="numeric" value={text} onChange={(e) => onChange(e.target.value)} autoComplete="off" />;
    case 'phone':
      return <input {...common} type="tel" value={text} onChange={(e) => onChange(e.target.value)} autoComplete="off" />;
    case 'regionCode':
      return <input {...common} type="text" inputMode="numeric" maxLength={6} className="mono" value={text} onChange={(e) => onChange(e.target.value)} autoComplete="off" />;
    case 'idNumber':
    case 'creditCode':
    case 'bankAccount':
      return <input {...common} type="text" className="mono" spellCheck={false} value={text} onChange={(e) => onChange(e.target.value)} autoComplete="off" />;
    case 'personName':
      return <input {...common} type="text" maxLength={40} value={text} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} />;
    case 'text':
      return field.maxLength !== undefined && field.maxLength > 100 ? (
        <textarea {...common} rows={2} maxLength={field.maxLength} value={text} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" maxLength={field.maxLength} value={text} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      );
  }
}
