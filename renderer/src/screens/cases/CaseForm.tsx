import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { CatalogItem, ScalarField } from '../../../../shared/catalog/types';
import { maskIdNumber } from '../../../../shared/identity';
import { formatYuan } from '../../../../shared/money';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import type { ApiError } from '../../../../shared/api/errors';
import { useLocalized } from '../../lib/text';
import { columnTotals, formSections, maskAccount, type RowsFieldDef } from './formSections';

/**
 * Everything taken in at 受理, read-only and printable: the form's answers grouped (application, dates, care and
 * diagnosis, payout account), the invoice lines as a table with totals. The payout account is masked; showing it in
 * full asks the core, which records who saw it.
 */
export function CaseForm({ view, item }: { view: CaseView; item: CatalogItem }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const form = view.case.form;
  const { sections, tables } = formSections(item.fields, form);
  const [account, setAccount] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const reveal = async () => {
    const r = await api().invoke('cases.revealField', { caseId: view.case.id, field: 'bankAccount' });
    if (r.ok) setAccount(r.value.value);
    else setError(r.error);
  };

  const value = (f: ScalarField, v: unknown) => {
    if (v === undefined || v === null || v === '') return <span className="muted">—</span>;
    switch (f.type) {
      case 'enum':
        return L(f.options.find((o) => o.value === v)?.label ?? { 'zh-CN': String(v), en: String(v) });
      case 'multiEnum':
        return (Array.isArray(v) ? v : [])
          .map((x) => L(f.options.find((o) => o.value === x)?.label ?? { 'zh-CN': String(x), en: String(x) }))
          .join('、');
      case 'boolean':
        return v === true ? t('common.yes') : t('common.no');
      case 'money':
        return typeof v === 'number' ? `${formatYuan(v)} ${t('form.yuan')}` : String(v);
      case 'idNumber':
        return <span className="mono">{maskIdNumber(String(v))}</span>;
      case 'bankAccount':
        return (
          <span className="mono" data-testid="case-bank-account">
            {account ?? maskAccount(String(v))}{' '}
            {account === null ? (
              <button type="button" className="link-button no-print" onClick={() => void reveal()} data-testid="reveal-bank-account">
                {t('caseDetail.reveal')}
              </button>
            ) : (
              <span className="muted small no-print">{t('caseDetail.revealed')}</span>
            )}
          </span>
        );
      default:
        return String(v);
    }
  };

  return (
    <section className="card case-form printable" aria-labelledby="case-form-title" data-testid="case-form">
      <div className="card-top">
        <h2 id="case-form-title">{t('caseDetail.formTitle')}</h2>
        <button type="button" className="no-print" onClick={() => window.print()}>
          {t('caseDetail.print')}
        </button>
      </div>
      <ErrorBanner error={error} />
      {sections.map((s) => (
        <div key={s.id} className="case-form-section" data-section={s.id}>
          <h3>{t(`caseDetail.section_${s.id}`)}</h3>
          <dl className="facts">
            {s.fields.map((f) => (
              <div key={f.key} className="fact" data-field={f.key}>
                <dt>{L(f.label)}</dt>
                <dd className="case-field-value">{value(f, form[f.key])}</dd>
              </div>
            ))}
          </dl>
        </div>
      ))}
      {tables.map((tb) => (
        <CaseTable key={tb.key} field={tb} rows={Array.isArray(form[tb.key]) ? (form[tb.key] as Record<string, unknown>[]) : []} value={value} />
      ))}
    </section>
  );
}

function CaseTable({ field, rows, value }: { field: RowsFieldDef; rows: Record<string, unknown>[]; value: (f: ScalarField, v: unknown) => React.ReactNode }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const totals = columnTotals(field, rows);
  return (
    <div className="case-form-section" data-section="table">
      <h3>{L(field.label)}</h3>
      <table className="table doc-table" data-testid={`case-table-${field.key}`}>
        <thead>
          <tr>
            <th scope="col">#</th>
            {field.columns.map((c) => (
              <th key={c.key} scope="col" className={c.type === 'money' ? 'num' : undefined}>
                {L(c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              {field.columns.map((c) => (
                <td key={c.key} className={c.type === 'money' ? 'num' : undefined}>
                  {value(c, r[c.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {Object.keys(totals).length > 0 ? (
          <tfoot>
            <tr>
              <th scope="row">{t('caseDetail.total')}</th>
              {field.columns.map((c) => (
                <td key={c.key} className={c.type === 'money' ? 'num' : undefined} data-total={c.type === 'money' ? c.key : undefined}>
                  {c.type === 'money' ? `${formatYuan(totals[c.key] ?? 0)} ${t('form.yuan')}` : ''}
                </td>
              ))}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
