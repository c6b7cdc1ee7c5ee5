import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { ApiError, MissingMaterial } from '../../../../shared/api/errors';
import type { Proxy } from '../../../../shared/cases/model';
import type { FormValues } from '../../../../shared/catalog/form';
import { api } from '../../api/client';
import type { PreparedFile } from '../../lib/files';
import { fieldErrorFrom, type FieldErrors } from '../../lib/errors';
import { navigate, paths } from '../../lib/router';
import { useNotify } from '../../state/notify';
import type { LiveEstimate } from '../estimate/EstimatePanel';

export interface DraftRef {
  id: string;
  version: number;
  caseNo: string;
}

export type IntakeDialog =
  | { kind: 'rongque'; missing: MissingMaterial[]; latest: string | null }
  | { kind: 'missing'; missing: MissingMaterial[]; message: string }
  | null;

export interface Submission {
  /** The estimate on screen (待遇测算), kept with the case at 受理. */
  estimate: LiveEstimate | null;
  itemCode: string;
  personId: string;
  form: FormValues;
  proxy: Proxy | null;
  materialsReceived: string[];
  files: Readonly<Record<string, readonly PreparedFile[]>>;
}

/**
 * The intake's conversation with the core: save the draft (create or update), upload the scans, then
 * 受理 — and read the refusal: 容缺 possible (ask for a promise date) or materials missing (一次性告知书).
 */
export function useIntakeSubmit(initialDraft: CaseView | null, onFilesSent: (code: string, count: number) => void, onSaved: () => void) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [draft, setDraft] = useState<DraftRef | null>(
    initialDraft ? { id: initialDraft.case.id, version: initialDraft.case.version, caseNo: initialDraft.case.caseNo } : null,
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [dialog, setDialog] = useState<IntakeDialog>(null);
  const [promiseError, setPromiseError] = useState<string | null>(null);

  const fail = (e: ApiError) => {
    setApiError(e);
    const fe = fieldErrorFrom(e);
    const mapped: FieldErrors = {};
    for (const [k, m] of Object.entries(fe)) mapped[k.replace(/^form\./, '')] = m;
    setServerErrors(mapped);
  };

  const save = async (s: Submission): Promise<DraftRef | null> => {
    setApiError(null);
    setServerErrors({});
    setBusy(t('intake.saving'));
    const r = draft
      ? await api().invoke('cases.updateDraft', { caseId: draft.id, version: draft.version, form: s.form, proxy: s.proxy, materialsReceived: s.materialsReceived })
      : await api().invoke('cases.create', {
          itemCode: s.itemCode,
          personId: s.personId,
          form: s.form,
          ...(s.proxy ? { proxy: s.proxy } : {}),
          materialsReceived: s.materialsReceived,
        });
    if (!r.ok) {
      setBusy(null);
      fail(r.error);
      return null;
    }
    let d: DraftRef = { id: r.value.case.id, version: r.value.case.version, caseNo: r.value.case.caseNo };
    setDraft(d);
    onSaved();
    const uploads = Object.entries(s.files).flatMap(([code, fs]) => fs.map((f) => ({ code, f })));
    let sent = 0;
    for (const { code, f } of uploads) {
      setBusy(t('intake.uploading', { done: sent + 1, total: uploads.length }));
      const a = await api().invoke('attachments.add', {
        caseId: d.id,
        version: d.version,
        ...(code === '_other' ? {} : { materialCode: code }),
        fileName: f.fileName,
        mime: f.mime,
        dataBase64: f.dataBase64,
      });
      if (!a.ok) {
        setBusy(null);
        fail(a.error);
        return null;
      }
      d = { ...d, version: a.value.caseVersion };
      setDraft(d);
      sent += 1;
      onFilesSent(code, 1);
    }
    setBusy(null);
    return d;
  };

  // The estimate of the submission being accepted (the 容缺 dialog accepts it later, with its promise date).
  const [estimate, setEstimate] = useState<LiveEstimate | null>(null);

  const accept = async (d: DraftRef, promiseDate?: string, kept: LiveEstimate | null = estimate) => {
    setBusy(t('intake.accepting'));
    const r = await api().invoke('cases.accept', { caseId: d.id, version: d.version, ...(promiseDate ? { promiseDate } : {}), ...(kept ? { estimate: kept } : {}) });
    setBusy(null);
    if (r.ok) {
      setDialog(null);
      notify('success', t(r.value.case.status === 'awaiting_materials' ? 'intake.acceptedRongque' : 'intake.accepted', { caseNo: r.value.case.caseNo }));
      navigate(paths.receipt(r.value.case.id));
      return;
    }
    const e = r.error;
    if (e.code === 'materials_missing' && e.field === 'promiseDate') {
      setDialog({ kind: 'rongque', missing: e.missing ?? [], latest: e.latestPromiseDate ?? null });
    } else if (e.code === 'materials_missing') {
      setDialog({ kind: 'missing', missing: e.missing ?? [], message: e.message });
    } else if (promiseDate && e.field === 'promiseDate') {
      setPromiseError(e.message);
    } else {
      setDialog(null);
      fail(e);
    }
  };

  return {
    draft,
    busy,
    apiError,
    serverErrors,
    dialog,
    promiseError,
    closeDialog: () => {
      setDialog(null);
      setPromiseError(null);
    },
    async submit(s: Submission) {
      setEstimate(s.estimate);
      const d = await save(s);
      if (d) await accept(d, undefined, s.estimate);
    },
    async confirmRongque(promiseDate: string) {
      if (draft) await accept(draft, promiseDate);
    },
    async saveDraft(s: Submission) {
      const d = await save(s);
      if (d) notify('success', t('intake.draftSaved', { caseNo: d.caseNo }));
    },
  };
}
