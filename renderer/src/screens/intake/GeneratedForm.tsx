import type { FormField } from '../../../../shared/catalog/types';
import { fieldApplies } from '../../../../shared/catalog/form';
import { Field, describedBy } from '../../components/Field';
import type { FieldErrors } from '../../lib/errors';
import { useLocalized } from '../../lib/text';
import { fieldId, type UiRow, type UiValue, type UiValues } from './formValues';
import { RowsField } from './RowsField';
import { ScalarInput } from './ScalarInput';

interface Props {
  fields: readonly FormField[];
  values: UiValues;
  /** Typed values (for showWhen). */
  typed: Record<string, unknown>;
  errors: FieldErrors;
  onChange(key: string, value: UiValue): void;
}

/** The form of a catalog item, generated from its field list (the same list the core validates with). */
export function GeneratedForm({ fields, values, typed, errors, onChange }: Props) {
  const L = useLocalized();
  return (
    <div className="generated-form">
      {fields
        .filter((f) => fieldApplies(f, typed))
        .map((f) => {
          if (f.type === 'rows') {
            return <RowsField key={f.key} field={f} rows={(values[f.key] as UiRow[] | undefined) ?? []} onChange={(rows) => onChange(f.key, rows)} errors={errors} />;
          }
          const id = fieldId(f.key);
          const hint = f.help ? L(f.help) : undefined;
          const error = errors[f.key];
          if (f.type === 'multiEnum') {
            return (
              <fieldset key={f.key} className={`field field-wide${error ? ' field-invalid' : ''}`} aria-describedby={describedBy(id, hint, error)}>
                <legend>
                  {L(f.label)}
                  {f.required ? ' *' : ''}
                </legend>
                <ScalarInput field={f} id={id} value={(values[f.key] as string[] | undefined) ?? []} onChange={(v) => onChange(f.key, v)} invalid={!!error} describedBy={undefined} />
                {hint ? (
                  <div className="field-hint" id={`${id}-hint`}>
                    {hint}
                  </div>
                ) : null}
                {error ? (
                  <div className="field-error" id={`${id}-error`} role="alert">
                    {error}
                  </div>
                ) : null}
              </fieldset>
            );
          }
          return (
            <Field key={f.key} id={id} label={L(f.label)} required={f.required} hint={hint} error={error}>
              <ScalarInput
                field={f}
                id={id}
                value={(values[f.key] as string | string[] | undefined) ?? ''}
                onChange={(v) => onChange(f.key, v)}
                invalid={!!error}
                describedBy={describedBy(id, hint, error)}
              />
            </Field>
          );
        })}
    </div>
  );
}
