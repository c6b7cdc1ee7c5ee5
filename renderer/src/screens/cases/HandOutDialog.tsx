import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import type { ApiError } from '../../../../shared/api/errors';
import { formatYuan } from '../../../../shared/money';
import { api } from '../../api/client';
import { Modal } from '../../components/Modal';
import { ErrorBanner } from '../../components/ErrorBanner';
import { fieldErrorFrom, type FieldErrors } from '../../lib/errors';
import { useLocalized } from '../../lib/text';
import { NO_COLLECTOR, openCollector, toCollector, type CollectorUi } from './collector';
import { CollectorFields } from './CollectorFields';

/** A collector's ID is checked as it is typed, once it could be complete (or the field was left). */
const ID_CHECK_FROM = 15;

/**
 * 出件: confirm that the approved result is handed over at the window (the case is then completed) — to the
 * person, or to someone collecting it for them (name, ID number checked as typed, relationship).
 */
export function HandOutDialog({ view, onDone, onClose }: { view: CaseView; onDone(v: CaseView): void; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const L = useLocalized();
  const [collector, setCollector] = useState<CollectorUi>(NO_COLLECTOR);
  const [tried, setTried] = useState(false);
  const [idLeft, setIdLeft] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const c = view.case;

  const checked = toCollector(collector);
  const idFailure = checked.errors.idNumber;
  const showIdProblem = tried || idLeft || collector.idNumber.trim().length >= ID_CHECK_FROM;
  const nameError = serverErrors['collector.name'] ?? (tried && checked.errors.name ? t('handOut.nameRequired') : null);
  const idError = serverErrors['collector.idNumber'] ?? (showIdProblem && idFailure ? (i18n.language === 'en' ? idFailure.messageEn : idFailure.message) : null);

  const change = (patch: Partial<CollectorUi>) => {
    setCollector((u) => ({ ...u, ...patch }));
    setServerErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[`collector.${k}`];
      return next;
    });
  };

  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (checked.errors.name || checked.errors.idNumber) {
      document.getElementById(checked.errors.name ? 'collector-name' : 'collector-idNumber')?.focus();
      return;
    }
    setBusy(true);
    const r = await api().invoke('cases.handOut', { caseId: c.id, version: c.version, ...(checked.collector ? { collector: checked.collector } : {}) });
    setBusy(false);
    if (r.ok) {
      onDone(r.value);
      return;
    }
    const fe = fieldErrorFrom(r.error, 'collector.');
    const named = Object.fromEntries(Object.entries(fe).map(([k, m]) => [`collector.${k}`, m]));
    setServerErrors(named);
    setError(Object.keys(named).length > 0 ? null : r.error);
  };

  return (
    <Modal
      title={t('handOut.title', { caseNo: c.caseNo })}
      onClose={onClose}
      actions={
        <>
          <button type="submit" form="handout-form" className="primary" disabled={busy} autoFocus>
            {t('handOut.confirm')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </>
      }
    >
      <ErrorBanner error={error} />
      <p>{t('handOut.explain', { name: view.person.name, item: L(view.itemName) })}</p>
      {view.central.note ? (
        <p>
          {t('central.note')} <span lang="zh-CN">{view.central.note}</span>
        </p>
      ) : null}
      {view.central.payoutFen !== null ? <p>{t('handOut.payout', { amount: formatYuan(view.central.payoutFen) })}</p> : null}
      <form id="handout-form" className="handout-form" onSubmit={(e) => void confirm(e)} noValidate aria-busy={busy}>
        <label className="check">
          <input
            type="checkbox"
            checked={collector.enabled}
            onChange={(e) => setCollector((u) => (e.target.checked ? openCollector(u, c.proxy) : { ...u, enabled: false }))}
            data-testid="collector-toggle"
          />
          {t('handOut.collectorToggle')}
        </label>
        {collector.enabled ? <CollectorFields value={collector} onChange={change} onIdBlur={() => setIdLeft(true)} nameError={nameError} idError={idError} /> : null}
      </form>
      <p className="field-hint">{t('handOut.check')}</p>
    </Modal>
  );
}
