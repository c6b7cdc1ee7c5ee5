import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { CatalogItem } from '../../../../shared/catalog/types';
import type { ApiError } from '../../../../shared/api/errors';
import { materialsFor } from '../../../../shared/cases/materials';
import { api } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, inputAria } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useApiQuery } from '../../hooks/useApiQuery';
import { fieldErrorFrom, messageOnly, type FieldErrors } from '../../lib/errors';
import { navigate, paths } from '../../lib/router';
import { useLocalized } from '../../lib/text';
import { useNotify } from '../../state/notify';
import { GeneratedForm } from '../intake/GeneratedForm';
import { toFormValues, toUiValues, validateForm, type UiValue, type UiValues } from '../intake/formValues';
import { EstimatePanel } from '../estimate/EstimatePanel';
import { estimateKindFor } from '../estimate/estimateInput';
import { useCaseView } from './useCaseView';

/** 补正: a case central returned — its note, the form to correct, materials that came with the correction, what was corrected. */
export default function CorrectionScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { view, error } = useCaseView(caseId);
  const item = useApiQuery('catalog.get', view ? { code: view.case.itemCode } : null);
  if (error ?? item.error) return <ErrorBanner error={error ?? item.error} />;
  if (!view || !item.data) return <Loading />;
  const c = view.case;
  return (
    <div className="correction-screen">
      <p className="breadcrumb">
        <a href={paths.queue()}>{t('nav.queue')}</a> / <a href={paths.case(c.id)}>{c.caseNo}</a> /
      </p>
      <ScreenHeading>
        {t(refused(view) ? 'correct.titleRefused' : 'correct.title')} · {L(view.itemName)} <span className="mono">{c.caseNo}</span>
      </ScreenHeading>
      {view.actions.includes('resubmit') ? (
        <CorrectionForm view={view} item={item.data} />
      ) : (
        <p className="banner banner-info">
          {t('correct.notReturned', { status: t(`status.${c.status}`) })} <a href={paths.case(c.id)}>{t('receipt.toCase')}</a>
        </p>
      )}
    </div>
  );
}

/** Central refused the case's submission (中心拒收), rather than returning it for correction (退回补正). */
function refused(view: CaseView): boolean {
  return view.case.syncState === 'rejected' && view.case.status !== 'returned';
}

function focusFirstError() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.correction-form [aria-invalid="true"], .correction-form .field-invalid input')?.focus());
}

function CorrectionForm({ view, item }: { view: CaseView; item: CatalogItem }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { notify } = useNotify();
  const c = view.case;
  const [ui, setUi] = useState<UiValues>(() => toUiValues(item.fields, c.form));
  const [arrived, setArrived] = useState<ReadonlySet<string>>(new Set());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const typed = useMemo(() => toFormValues(item.fields, ui).values, [item.fields, ui]);
  const estimable = estimateKindFor(item.code) !== null;
  const received = new Set(view.materials.filter((m) => m.received).map((m) => m.code));
  const open = materialsFor(item, typed, c.proxy !== null).filter((n) => !received.has(n.material.code));

  const setField = (key: string, v: UiValue) => {
    setUi((u) => ({ ...u, [key]: v }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(next)) if (k === key || k.startsWith(`${key}.`)) delete next[k];
      return next;
    });
  };

  const submit = async () => {
    const form = validateForm(item, ui, view.person.birthDate);
    const noReason = reason.trim() === '';
    setErrors(form.errors);
    setReasonError(noReason ? t('correct.reasonRequired') : null);
    setApiError(null);
    if (Object.keys(form.errors).length > 0 || noReason) {
      focusFirstError();
      return;
    }
    const changed = JSON.stringify(form.values) !== JSON.stringify(c.form);
    const applicable = new Set(open.map((n) => n.material.code));
    const materials = [...arrived].filter((code) => applicable.has(code));
    setBusy(true);
    const r = await api().invoke('cases.resubmit', {
      caseId: c.id,
      version: c.version,
      reason: reason.trim(),
      ...(changed ? { form: form.values } : {}),
      ...(materials.length > 0 ? { materialsReceived: materials } : {}),
    });
    setBusy(false);
    if (!r.ok) {
      const fe = fieldErrorFrom(r.error);
      if (fe.reason) setReasonError(messageOnly(r.error.message));
      const mapped: FieldErrors = {};
      for (const [k, m] of Object.entries(fe)) if (k.startsWith('form.')) mapped[k.slice(5)] = m;
      setErrors(mapped);
      setApiError(r.error);
      focusFirstError();
      return;
    }
    notify('success', t('correct.done', { caseNo: r.value.case.caseNo }));
    navigate(paths.case(c.id));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <>
      {refused(view) ? (
        <div className="banner banner-warn central-banner" data-testid="central-refusal">
          <strong>{t('central.refusedNote')}</strong> <span lang="zh-CN">{c.syncError ?? t('central.noReason')}</span>
        </div>
      ) : (
        <div className="banner banner-warn central-banner" data-testid="central-note">
          <strong>{t('central.returnedNote')}</strong> <span lang="zh-CN">{view.central.note ?? t('central.noReason')}</span>
        </div>
      )}
      <p className="field-hint">{t(refused(view) ? 'correct.introRefused' : 'correct.intro')}</p>
      <form
        className="correction-form"
        noValidate
        onKeyDown={onKeyDown}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
        aria-busy={busy}
      >
        <fieldset>
          <legend>{t('intake.form')}</legend>
          <GeneratedForm fields={item.fields} values={ui} typed={typed} errors={errors} onChange={setField} />
        </fieldset>
        {estimable ? <EstimatePanel itemCode={item.code} form={typed} person={view.person} /> : null}
        <fieldset>
          <legend>{t('correct.materials')}</legend>
          {open.length === 0 ? (
            <p className="muted">{t('correct.allReceived')}</p>
          ) : (
            <ul className="material-list">
              {open.map(({ material: m, needed }) => (
                <li key={m.code} className="material">
                  <label className="check">
                    <input
                      type="checkbox"
                      checked={arrived.has(m.code)}
                      onChange={(e) =>
                        setArrived((a) => {
                          const next = new Set(a);
                          if (e.target.checked) next.add(m.code);
                          else next.delete(m.code);
                          return next;
                        })
                      }
                    />
                    {L(m.name)}
                    <span className={`tag ${needed ? 'tag-needed' : ''}`}>{needed ? t('intake.needed') : t('intake.optional')}</span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        <Field id="correct-reason" label={t('correct.reason')} required hint={t('correct.reasonHint')} error={reasonError}>
          <textarea
            {...inputAria('correct-reason', true, reasonError)}
            rows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              if (reasonError) setReasonError(null);
            }}
          />
        </Field>
        <ErrorBanner error={apiError} />
        <div className="form-actions sticky-actions">
          <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter" data-testid="resubmit">
            {t('correct.submit')} <kbd className="shortcut">Ctrl+Enter</kbd>
          </button>
          <a className="button" href={paths.case(c.id)}>
            {t('common.cancel')}
          </a>
          {busy ? (
            <span role="status" className="muted">
              {t('correct.sending')}
            </span>
          ) : null}
        </div>
      </form>
    </>
  );
}
