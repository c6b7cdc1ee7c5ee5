import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { canRecordAssessment } from '../../../../shared/cases/status';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { ApiError } from '../../../../shared/api/errors';
import { LTC_DIMENSIONS, type LtcDimension } from '../../../../shared/policy/tables/benefits-schema';
import { CARE_MODES, CARE_MODE_NAMES, type CareMode } from '../../../../shared/policy/vocab';
import { api } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, describedBy, inputAria } from '../../components/Field';
import { FilePicker } from '../../components/FilePicker';
import { Loading } from '../../components/Loading';
import { ScreenHeading } from '../../components/ScreenHeading';
import { todayShanghai } from '../../lib/dates';
import { messageOnly } from '../../lib/errors';
import type { PreparedFile } from '../../lib/files';
import { paths } from '../../lib/router';
import { upperFirst, useLocalized } from '../../lib/text';
import { useNotify } from '../../state/notify';
import { useUser } from '../../state/session';
import { useCaseView } from '../cases/useCaseView';
import { EstimateSteps } from '../estimate/EstimateSteps';
import { SampleMark } from '../estimate/SampleMark';
import { LtcDimensionFieldset } from './LtcDimensionFieldset';
import { LtcResultView } from './LtcResultView';
import { checkForm, initialState, toInput, type LtcFormState, type LtcProblem } from './ltcForm';

const ASSESSING_ROLES = ['clerk', 'mobile_team', 'supervisor'];

/** 失能等级评估 of a long-term-care case: the form, then the level and the benefits it allows. */
export default function LtcAssessmentScreen({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const user = useUser();
  const { view, error } = useCaseView(caseId);
  if (error) return <ErrorBanner error={error} />;
  if (!view) return <Loading />;
  const c = view.case;
  const refusal =
    c.family !== 'care' ? t('ltc.onlyCare') : !canRecordAssessment(c.status) ? t('ltc.closed', { status: t(`status.${c.status}`) }) : !ASSESSING_ROLES.includes(user.role) ? t('ltc.notYourRole') : null;
  return (
    <div className="assessment-screen">
      <p className="breadcrumb">
        <a href={paths.queue()}>{t('nav.queue')}</a> / <a href={paths.case(c.id)}>{c.caseNo}</a> /
      </p>
      <ScreenHeading>{t('ltc.title')}</ScreenHeading>
      <p className="muted">
        {view.person.name} · {L(view.itemName)} · <span className="mono">{c.caseNo}</span>
      </p>
      {refusal ? <p className="banner banner-info">{refusal}</p> : <AssessmentForm view={view} />}
    </div>
  );
}

type Saved = ChannelOutput<'cases.saveLtcAssessment'>;

function AssessmentForm({ view }: { view: CaseView }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { notify } = useNotify();
  const c = view.case;
  const formCareMode = typeof c.form.requestedCareMode === 'string' && (CARE_MODES as readonly string[]).includes(c.form.requestedCareMode) ? (c.form.requestedCareMode as CareMode) : '';
  const [state, setState] = useState<LtcFormState>(() => initialState(todayShanghai(), formCareMode));
  const [problems, setProblems] = useState<Record<string, LtcProblem>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [photos, setPhotos] = useState<{ id: string; fileName: string }[]>([]);
  const [localVersion, setLocalVersion] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  // What was saved last: saving the very same assessment twice is not offered.
  const [savedKey, setSavedKey] = useState<string | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  const version = Math.max(c.version, localVersion);

  const problemText = (p: LtcProblem | undefined): string | null => (p ? t(`ltc.problem_${p}`) : null);
  const errorOf = (path: string) => serverErrors[path] ?? problemText(problems[path]);
  const scoreProblems = new Set(Object.entries(problems).filter(([, p]) => p === 'score').map(([k]) => k));
  for (const k of Object.keys(serverErrors)) if (k.includes('.') && !k.startsWith('assessors')) scoreProblems.add(k);

  const setScore = (dim: LtcDimension, item: string, score: number) => {
    setState((s) => ({ ...s, scores: { ...s.scores, [dim]: { ...s.scores[dim], [item]: score } } }));
    setProblems((p) => {
      const next = { ...p };
      delete next[`${dim}.${item}`];
      return next;
    });
  };

  const addPhoto = async (f: PreparedFile) => {
    setBusy(t('ltc.uploading'));
    const r = await api().invoke('attachments.add', { caseId: c.id, version, fileName: f.fileName, mime: f.mime, dataBase64: f.dataBase64 });
    setBusy(null);
    if (!r.ok) {
      setApiError(r.error);
      return;
    }
    setLocalVersion(r.value.caseVersion);
    setPhotos((ps) => [...ps, { id: r.value.attachment.id, fileName: r.value.attachment.fileName }]);
    notify('success', t('files.added', { name: f.fileName }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = checkForm(state, todayShanghai());
    setProblems(found);
    setServerErrors({});
    setApiError(null);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('.ltc-form [aria-invalid="true"] input, .ltc-form input[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(t('ltc.saving'));
    const r = await api().invoke('cases.saveLtcAssessment', toInput(state, c.id, version, photos.map((p) => p.id)));
    setBusy(null);
    if (!r.ok) {
      // The refusal names the field as the channel takes it (`adl.eating`, `assessmentDate`, `assessors`).
      const field = r.error.field ?? '';
      if (field) setServerErrors({ [field === 'assessors' ? 'assessors.1' : field]: messageOnly(r.error.message) });
      setApiError(r.error);
      return;
    }
    setSaved(r.value);
    setSavedKey(JSON.stringify([state, photos]));
    setLocalVersion(r.value.caseVersion);
    notify('success', t('ltc.saved', { level: L(r.value.result.levelName) }));
    requestAnimationFrame(() => resultRef.current?.focus());
  };

  const missingCount = Object.values(problems).filter((p) => p === 'score').length;
  return (
    <>
      <form className="ltc-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={busy !== null}>
        <fieldset>
          <legend>{t('ltc.who')}</legend>
          <div className="grid-fields">
            {([0, 1] as const).map((i) => {
              const id = `ltc-assessor-${i}`;
              const err = errorOf(`assessors.${i}`);
              return (
                <Field key={i} id={id} label={t(i === 0 ? 'ltc.assessor1' : 'ltc.assessor2')} required error={err}>
                  <input
                    {...inputAria(id, null, err)}
                    type="text"
                    maxLength={32}
                    value={state.assessors[i]}
                    autoComplete="off"
                    onChange={(e) => {
                      const v = e.target.value;
                      setState((s) => ({ ...s, assessors: (i === 0 ? [v, s.assessors[1]] : [s.assessors[0], v]) as [string, string] }));
                    }}
                  />
                </Field>
              );
            })}
            <Field id="ltc-date" label={t('ltc.date')} required error={errorOf('assessmentDate')}>
              <DateInput
                id="ltc-date"
                value={state.assessmentDate}
                max={todayShanghai()}
                onChange={(v) => setState((s) => ({ ...s, assessmentDate: v }))}
                invalid={!!errorOf('assessmentDate')}
                describedBy={describedBy('ltc-date', null, errorOf('assessmentDate'))}
                required
              />
            </Field>
            <Field id="ltc-mode" label={t('ltc.requestedMode')} error={errorOf('requestedCareMode')}>
              <select id="ltc-mode" value={state.requestedCareMode} onChange={(e) => setState((s) => ({ ...s, requestedCareMode: e.target.value as CareMode | '' }))}>
                <option value="">{t('ltc.noMode')}</option>
                {CARE_MODES.map((m) => (
                  <option key={m} value={m}>
                    {upperFirst(L(CARE_MODE_NAMES[m]))}
                  </option>
                ))}
              </select>
            </Field>
          </div>
        </fieldset>
        <p className="field-hint">{t('ltc.keysHint')}</p>
        {LTC_DIMENSIONS.map((d) => (
          <LtcDimensionFieldset key={d} dim={d} scores={state.scores} invalid={scoreProblems} onScore={setScore} />
        ))}
        <fieldset>
          <legend>{t('ltc.photos')}</legend>
          <p className="field-hint">{t('ltc.photosHint')}</p>
          <FilePicker label={t('ltc.photos')} onFile={(f) => void addPhoto(f)} disabled={busy !== null} />
          {photos.length > 0 ? (
            <ul className="attachment-list" data-testid="ltc-photos">
              {photos.map((p) => (
                <li key={p.id}>
                  {p.fileName}{' '}
                  <button type="button" className="link-button" onClick={() => setPhotos((ps) => ps.filter((x) => x.id !== p.id))} aria-label={t('ltc.unlink', { name: p.fileName })}>
                    {t('ltc.unlinkShort')}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </fieldset>
        {missingCount > 0 || Object.keys(problems).length > 0 ? (
          <p className="field-error" role="alert" data-testid="ltc-form-error">
            {missingCount > 0 ? t('ltc.missingScores', { count: missingCount }) : t('ltc.fixFields')}
          </p>
        ) : null}
        <ErrorBanner error={apiError} />
        <div className="form-actions sticky-actions">
          <button type="submit" className="primary" disabled={busy !== null || savedKey === JSON.stringify([state, photos])} data-testid="ltc-save">
            {t('ltc.save')}
          </button>
          <a className="button" href={paths.case(c.id)}>
            {t('ltc.backToCase')}
          </a>
          {busy ? (
            <span role="status" className="muted">
              {busy}
            </span>
          ) : null}
        </div>
      </form>
      {saved ? (
        <section className="card ltc-saved" aria-labelledby="ltc-result-title" ref={resultRef} tabIndex={-1} data-testid="ltc-saved">
          <div className="card-top">
            <h2 id="ltc-result-title">{t('ltc.resultTitle')}</h2>
            {saved.estimate.sample ? <SampleMark /> : null}
          </div>
          <LtcResultView result={saved.result} />
          <details>
            <summary>{t('estimate.steps')}</summary>
            <EstimateSteps steps={saved.estimate.steps} />
          </details>
          <div className="card-actions">
            <a className="button primary" href={paths.case(c.id)}>
              {t('ltc.backToCase')}
            </a>
            <a className="button" href={paths.estimateSheet(c.id, saved.estimate.id)}>
              {t('ltc.printResult')}
            </a>
          </div>
        </section>
      ) : null}
    </>
  );
}
