import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CatalogItem } from '../../../../shared/catalog/types';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { PersonSummary } from '../../../../shared/persons';
import { materialsFor } from '../../../../shared/cases/materials';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ScreenHeading } from '../../components/ScreenHeading';
import type { PreparedFile } from '../../lib/files';
import type { FieldErrors } from '../../lib/errors';
import { ageOf } from '../../lib/person';
import { paths, navigate } from '../../lib/router';
import { useLocalized } from '../../lib/text';
import { useUser } from '../../state/session';
import { ELDERLY_PRIORITY_AGE } from '../../../../shared/persons';
import { GeneratedForm } from './GeneratedForm';
import { MaterialsChecklist } from './MaterialsChecklist';
import { ProxySection } from './ProxySection';
import { IntakePerson } from './IntakePerson';
import { RongqueDialog } from './RongqueDialog';
import { MissingDialog } from './MissingDialog';
import { initialUiValues, toFormValues, toUiValues, validateForm, type UiValue, type UiValues } from './formValues';
import { fromProxy, NO_PROXY, toProxy, type ProxyUi } from './proxy';
import { useIntakeSubmit } from './useIntakeSubmit';
import { recoveryKey, recoveryVault, type Recovery } from './recovery';
import { formatInstant } from '../../lib/dates';
import { instantFromEpoch } from '../../../../shared/time';
import { EstimatePanel, type LiveEstimate } from '../estimate/EstimatePanel';
import { estimateKindFor } from '../estimate/estimateInput';

interface Props {
  /** The person (the core fills in the estimate's resident tier and assistance category from their record). */
  person: PersonSummary;
  item: CatalogItem;
  /** Continue an existing draft. */
  draft: CaseView | null;
}

function focusFirstError() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.intake-form [aria-invalid="true"], .intake-form .field-invalid input')?.focus());
}

/** The generated form, the materials checklist and the proxy section of one item for one person. */
export function IntakeForm({ person, item, draft }: Props) {
  const { t } = useTranslation();
  const L = useLocalized();
  const user = useUser();
  const [ui, setUi] = useState<UiValues>(() =>
    draft ? toUiValues(item.fields, draft.case.form) : initialUiValues(item.fields, person.phone ? { phone: person.phone } : {}),
  );
  const [proxy, setProxy] = useState<ProxyUi>(() => {
    if (draft) return fromProxy(draft.case.proxy);
    if (user.role === 'proxy_helper' && item.proxyAllowed) return { ...NO_PROXY, enabled: true, name: user.displayName, relationship: 'proxy_officer' };
    return NO_PROXY;
  });
  const [received, setReceived] = useState<ReadonlySet<string>>(() => new Set(draft ? draft.case.materials.filter((m) => m.received).map((m) => m.code) : []));
  const [files, setFiles] = useState<Record<string, PreparedFile[]>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  // The estimate on screen: 受理 keeps it with the case (the tier the clerk chose included).
  const liveEstimate = useRef<LiveEstimate | null>(null);
  const onLive = useCallback((e: LiveEstimate | null) => {
    liveEstimate.current = e;
  }, []);
  // Unsaved typing kept on this workstation (see recovery.ts): offered back once, saved while the clerk types.
  const keptAs = useMemo(
    () => recoveryKey(user.id, draft ? { draftId: draft.case.id } : { personId: person.id, itemCode: item.code }),
    [user.id, draft, person.id, item.code],
  );
  const [offer, setOffer] = useState<Recovery | null>(() => recoveryVault().load(keptAs, Date.now()));
  const [dirty, setDirty] = useState(false);
  const flow = useIntakeSubmit(
    draft,
    (code, n) => setFiles((fs) => ({ ...fs, [code]: (fs[code] ?? []).slice(n) })),
    () => {
      recoveryVault().clear(keptAs);
      setDirty(false);
    },
  );
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => recoveryVault().save(keptAs, { savedAt: Date.now(), ui, proxy, received: [...received] }), 300);
    return () => clearTimeout(timer);
  }, [dirty, keptAs, ui, proxy, received]);
  const restore = (r: Recovery) => {
    setUi(r.ui);
    setProxy(r.proxy);
    setReceived(new Set(r.received));
    setErrors({});
    setOffer(null);
    setDirty(true);
  };
  const discard = () => {
    recoveryVault().clear(keptAs);
    setOffer(null);
  };

  const typed = useMemo(() => toFormValues(item.fields, ui).values, [item.fields, ui]);
  const needs = useMemo(() => materialsFor(item, typed, proxy.enabled), [item, typed, proxy.enabled]);
  const allErrors = { ...flow.serverErrors, ...errors };
  const age = ageOf(person.birthDate);
  const suggestProxy = item.proxyAllowed && ((age !== null && age >= ELDERLY_PRIORITY_AGE) || person.flags.includes('disability'));

  useEffect(() => {
    if (Object.keys(flow.serverErrors).length > 0) focusFirstError();
  }, [flow.serverErrors]);

  const setField = (key: string, v: UiValue) => {
    setDirty(true);
    setUi((u) => ({ ...u, [key]: v }));
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(next)) if (k === key || k.startsWith(`${key}.`)) delete next[k];
      return next;
    });
  };
  const toggle = (code: string, on: boolean) => {
    setDirty(true);
    setReceived((r) => {
      const next = new Set(r);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  };

  const collect = () => {
    const form = validateForm(item, ui, person.birthDate);
    const p = toProxy(proxy, received.has('authorisation'), person.idNumber);
    const all = { ...form.errors, ...p.errors };
    setErrors(all);
    if (Object.keys(all).length > 0) {
      focusFirstError();
      return null;
    }
    const applicable = new Set(needs.map((n) => n.material.code));
    return {
      estimate: liveEstimate.current,
      itemCode: item.code,
      personId: person.id,
      form: form.values,
      proxy: p.proxy,
      materialsReceived: [...received].filter((c) => applicable.has(c)),
      files,
    };
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = collect();
    if (s) void flow.submit(s);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      const s = collect();
      if (s) void flow.submit(s);
    }
  };

  return (
    <div className="intake-screen">
      <div className="screen-head">
        <ScreenHeading>
          {t('intake.title')} · {L(item.name)}
        </ScreenHeading>
        {flow.draft ? <span className="tag">{t('intake.draftNo', { caseNo: flow.draft.caseNo })}</span> : null}
      </div>
      <p className="muted">
        {L(item.group)} · {item.limitWorkingDays === 0 ? t('intake.onTheSpot') : t('intake.limitDays', { count: item.limitWorkingDays })}
        {item.rongque ? ` · ${t('intake.rongqueAllowed')}` : ''}{' '}
        {draft ? null : (
          <a className="link-button" href={paths.intake({ person: person.id })}>
            {t('intake.changeItem')}
          </a>
        )}
      </p>
      <IntakePerson person={person} changeHref={draft ? null : paths.intake({ item: item.code })} />
      <ErrorBanner error={flow.apiError} />
      {offer ? (
        <div className="banner banner-warn recovery-offer" role="status">
          <span>{t('intake.recovery.found', { time: formatInstant(instantFromEpoch(offer.savedAt)) })}</span>{' '}
          <button type="button" className="primary" onClick={() => restore(offer)}>
            {t('intake.recovery.restore')}
          </button>{' '}
          <button type="button" onClick={discard}>
            {t('intake.recovery.discard')}
          </button>
        </div>
      ) : null}
      <form className="intake-form" onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-busy={flow.busy !== null}>
        <fieldset>
          <legend>{t('intake.form')}</legend>
          <GeneratedForm fields={item.fields} values={ui} typed={typed} errors={allErrors} onChange={setField} />
        </fieldset>
        {estimateKindFor(item.code) ? <EstimatePanel itemCode={item.code} form={typed} person={person} onLive={onLive} /> : null}
        {item.proxyAllowed ? (
          <ProxySection
            value={proxy}
            onChange={(patch) => {
              setDirty(true);
              setProxy((p) => ({ ...p, ...patch }));
            }}
            authorisationReceived={received.has('authorisation')}
            onAuthorisation={(on) => toggle('authorisation', on)}
            errors={allErrors}
            suggested={suggestProxy}
          />
        ) : null}
        <MaterialsChecklist
          needs={needs}
          received={received}
          onToggle={toggle}
          files={files}
          onFile={(code, f) => {
            setFiles((fs) => ({ ...fs, [code]: [...(fs[code] ?? []), f] }));
            toggle(code, true);
          }}
          onRemoveFile={(code, i) => setFiles((fs) => ({ ...fs, [code]: (fs[code] ?? []).filter((_, j) => j !== i) }))}
          rongqueAllowed={item.rongque !== null}
        />
        <div className="form-actions sticky-actions">
          <button type="submit" className="primary" disabled={flow.busy !== null} aria-keyshortcuts="Control+Enter">
            {t('intake.accept')} <kbd className="shortcut">Ctrl+Enter</kbd>
          </button>
          <button
            type="button"
            disabled={flow.busy !== null}
            onClick={() => {
              const s = collect();
              if (s) void flow.saveDraft(s);
            }}
          >
            {t('intake.saveDraft')}
          </button>
          <button type="button" onClick={() => navigate(flow.draft ? paths.case(flow.draft.id) : paths.queue())}>
            {t('common.cancel')}
          </button>
          {flow.busy ? (
            <span role="status" className="muted">
              {flow.busy}
            </span>
          ) : null}
        </div>
      </form>
      {flow.dialog?.kind === 'rongque' ? (
        <RongqueDialog
          missing={flow.dialog.missing}
          latest={flow.dialog.latest}
          error={flow.promiseError}
          busy={flow.busy !== null}
          onConfirm={(d) => void flow.confirmRongque(d)}
          onClose={flow.closeDialog}
        />
      ) : null}
      {flow.dialog?.kind === 'missing' ? (
        <MissingDialog
          missing={flow.dialog.missing}
          message={flow.dialog.message}
          onNotice={() => {
            if (flow.draft) navigate(paths.notice(flow.draft.id));
          }}
          onClose={flow.closeDialog}
        />
      ) : null}
    </div>
  );
}
