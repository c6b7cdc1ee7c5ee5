import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormField } from '../../../../shared/catalog/types';
import { parseYuan, formatYuan } from '../../../../shared/money';
import type { FieldErrors } from '../../lib/errors';
import { useLocalized } from '../../lib/text';
import { emptyRow, fieldId, type UiRow } from './formValues';
import { ScalarInput } from './ScalarInput';

type RowsFieldDef = Extract<FormField, { type: 'rows' }>;

/** The row removed last, until it is put back or another row is removed or added. */
interface Removed {
  index: number;
  row: UiRow;
}

/** A table of repeated rows (invoice lines): add / remove rows (a removal can be undone); money columns typed in yuan, totalled. */
export function RowsField({ field, rows, onChange, errors }: { field: RowsFieldDef; rows: UiRow[]; onChange(rows: UiRow[]): void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const setCell = (i: number, key: string, v: string) => onChange(rows.map((r, j) => (j === i ? { ...r, [key]: v } : r)));
  const [removed, setRemoved] = useState<Removed | null>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  // After 添加一行 the cursor goes into the new row's first cell (keyboard-first: type the next receipt at once).
  const added = useRef<number | null>(null);
  useEffect(() => {
    if (added.current === null || added.current >= rows.length) return;
    document.getElementById(fieldId(`${field.key}.${added.current}.${field.columns[0]!.key}`))?.focus();
    added.current = null;
  }, [rows.length, field.key, field.columns]);
  // The button that removed the row is gone: keyboard focus goes to "undo", where Enter puts the row back.
  useEffect(() => {
    if (removed) undoRef.current?.focus();
  }, [removed]);
  const remove = (i: number) => {
    setRemoved({ index: i, row: rows[i]! });
    onChange(rows.filter((_, j) => j !== i));
  };
  const undo = () => {
    if (!removed) return;
    const at = Math.min(removed.index, rows.length);
    onChange([...rows.slice(0, at), removed.row, ...rows.slice(at)]);
    setRemoved(null);
  };
  const moneyCols = field.columns.filter((c) => c.type === 'money');
  const totals = moneyCols.map((c) => {
    let sum = 0;
    let ok = true;
    for (const r of rows) {
      const v = (r[c.key] ?? '').trim();
      if (v === '') continue;
      const p = parseYuan(v);
      if (p.ok) sum += p.fen;
      else ok = false;
    }
    return { key: c.key, label: L(c.label), text: ok ? formatYuan(sum) : '—' };
  });
  const tableError = errors[field.key];
  return (
    <fieldset className="rows-field" aria-describedby={tableError ? `${fieldId(field.key)}-error` : undefined}>
      <legend>
        {L(field.label)}
        {field.required ? ' *' : ''}
      </legend>
      {tableError ? (
        <div className="field-error" id={`${fieldId(field.key)}-error`} role="alert">
          {tableError}
        </div>
      ) : null}
      <table className="table rows-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            {field.columns.map((c) => (
              <th key={c.key} scope="col">
                {L(c.label)}
                {c.required ? ' *' : ''}
                {c.type === 'money' ? ` (${t('form.yuan')})` : ''}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('form.rowActions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              {field.columns.map((c) => {
                const path = `${field.key}.${i}.${c.key}`;
                const err = errors[path];
                const id = fieldId(path);
                return (
                  <td key={c.key}>
                    <ScalarInput
                      field={c}
                      id={id}
                      value={row[c.key] ?? ''}
                      onChange={(v) => setCell(i, c.key, typeof v === 'string' ? v : '')}
                      invalid={!!err}
                      describedBy={err ? `${id}-error` : undefined}
                      ariaLabel={`${L(c.label)} ${i + 1}`}
                    />
                    {err ? (
                      <div className="field-error" id={`${id}-error`}>
                        {err}
                      </div>
                    ) : null}
                  </td>
                );
              })}
              <td>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => remove(i)}
                  disabled={rows.length <= 1}
                  aria-label={t('form.removeRow', { n: i + 1 })}
                >
                  {t('form.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        {totals.length > 0 ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={field.columns.length + 2}>
                {totals.map((x) => t('form.total', { label: x.label, amount: x.text })).join('　')}
              </th>
            </tr>
          </tfoot>
        ) : null}
      </table>
      {removed ? (
        <p className="row-removed" role="status">
          {t('form.rowRemoved', { n: removed.index + 1 })}{' '}
          <button type="button" ref={undoRef} onClick={undo} disabled={rows.length >= field.maxRows}>
            {t('form.undo')}
          </button>
        </p>
      ) : null}
      <button
        type="button"
        className="add-row"
        onClick={() => {
          setRemoved(null);
          added.current = rows.length;
          onChange([...rows, emptyRow(field)]);
        }}
        disabled={rows.length >= field.maxRows}
      >
        {t('form.addRow')}
      </button>
    </fieldset>
  );
}
