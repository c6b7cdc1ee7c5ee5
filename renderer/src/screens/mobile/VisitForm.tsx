import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../shared/api/errors';
import type { VisitView } from '../../../../shared/api/channels/visits';
import { DEMAND_KINDS, DEMAND_STATES, VISIT_BROUGHT, type Demand } from '../../../../shared/outreach/visits';
import { maskIdNumber } from '../../../../shared/identity/mask';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field } from '../../components/Field';
import { useNotify } from '../../state/notify';

type DemandDraft = Omit<Demand, 'id' | 'followUp'> & { id?: string; followUp: string };

const blankDemand = (): DemandDraft => ({ kind: 'request', text: '', state: 'open', owner: '', followUp: '' });

/** Record a visit (三送一听), or change one: who, what was brought, what they asked for and who follows it up. */
export function VisitForm({ visit, onSaved, personId: fixedPerson }: { visit?: VisitView; onSaved: () => void; personId?: string }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [q, setQ] = useState('');
  const [personId, setPersonId] = useState<string | null>(visit?.visit.personId ?? fixedPerson ?? null);
  const [household, setHousehold] = useState(visit?.visit.household ?? '');
  const [brought, setBrought] = useState<string[]>(visit?.visit.brought ?? ['policy']);
  const [note, setNote] = useState(visit?.visit.note ?? '');
  const [demands, setDemands] = useState<DemandDraft[]>(visit?.visit.demands.map((d) => ({ ...d, followUp: d.followUp ?? '' })) ?? []);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const found = useApiQuery('persons.search', q.trim().length >= 1 && !visit && !fixedPerson ? { q: q.trim(), limit: 8 } : null, true);

  const save = async () => {
    if (!personId) return setError({ code: 'invalid_input', message: t('visits.pickPerson'), field: 'personId', retryable: false });
    setBusy(true);
    setError(null);
    const r = await api().invoke('visits.record', {
      ...(visit ? { visitId: visit.visit.id, version: visit.visit.version } : {}),
      personId,
      household: household.trim() === '' ? null : household,
      brought: brought as (typeof VISIT_BROUGHT)[number][],
      ...(visit ? { caseIds: visit.visit.caseIds } : {}),
      note: note.trim() === '' ? null : note,
      demands: demands.map((d) => ({ ...(d.id ? { id: d.id } : {}), kind: d.kind, text: d.text, state: d.state, owner: d.owner, followUp: d.followUp.trim() === '' ? null : d.followUp })),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    notify('success', t('visits.saved', { name: r.value.personName }));
    if (!visit) {
      setPersonId(fixedPerson ?? null);
      setQ('');
      setHousehold('');
      setNote('');
      setDemands([]);
      setBrought(['policy']);
    }
    onSaved();
  };
  const err = (f: string) => (error?.field?.startsWith(f) ? error.message : null);
  const setDemand = (i: number, patch: Partial<DemandDraft>) => setDemands(demands.map((d, j) => (j === i ? { ...d, ...patch } : d)));

  return (
    <div className="visit-form">
      <ErrorBanner error={error} />
      {!visit && !fixedPerson ? (
        <Field id="visit-person" label={t('visits.person')} required hint={t('visits.personHint')} error={err('personId')}>
          <input id="visit-person" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" data-testid="visit-person" />
          <div className="checks" role="radiogroup" aria-label={t('visits.person')}>
            {(found.data ?? []).map((p) => (
              <label className="check" key={p.id}>
                <input type="radio" name="visit-person" checked={personId === p.id} onChange={() => setPersonId(p.id)} />
                {p.name} <span className="mono small">{maskIdNumber(p.idNumber)}</span>
              </label>
            ))}
          </div>
        </Field>
      ) : null}
      <Field id="visit-household" label={t('visits.household')} error={err('household')}>
        <input id="visit-household" value={household} onChange={(e) => setHousehold(e.target.value)} />
      </Field>
      <fieldset>
        <legend>{t('visits.brought')}</legend>
        <div className="checks">
          {VISIT_BROUGHT.map((b) => (
            <label className="check" key={b}>
              <input type="checkbox" checked={brought.includes(b)} onChange={(e) => setBrought(e.target.checked ? [...brought, b] : brought.filter((x) => x !== b))} />
              {t(`visits.broughtKind.${b}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id="visit-note" label={t('visits.note')} error={err('note')}>
        <textarea id="visit-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <fieldset>
        <legend>{t('visits.demands')}</legend>
        {demands.map((d, i) => (
          <div className="m16-grid" key={i} data-testid={`demand-${i}`}>
            <Field id={`demand-kind-${i}`} label={t('visits.demandKind')}>
              <select id={`demand-kind-${i}`} value={d.kind} onChange={(e) => setDemand(i, { kind: e.target.value as DemandDraft['kind'] })}>
                {DEMAND_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`visits.demandKinds.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`demand-text-${i}`} label={t('visits.demandText')} required error={err(`demands.${i}.text`)}>
              <input id={`demand-text-${i}`} value={d.text} onChange={(e) => setDemand(i, { text: e.target.value })} />
            </Field>
            <Field id={`demand-owner-${i}`} label={t('visits.demandOwner')} required error={err(`demands.${i}.owner`)}>
              <input id={`demand-owner-${i}`} value={d.owner} onChange={(e) => setDemand(i, { owner: e.target.value })} />
            </Field>
            <Field id={`demand-state-${i}`} label={t('visits.demandState')}>
              <select id={`demand-state-${i}`} value={d.state} onChange={(e) => setDemand(i, { state: e.target.value as DemandDraft['state'] })}>
                {DEMAND_STATES.map((s) => (
                  <option key={s} value={s}>
                    {t(`visits.demandStates.${s}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id={`demand-followup-${i}`} label={t('visits.followUp')}>
              <input id={`demand-followup-${i}`} value={d.followUp} onChange={(e) => setDemand(i, { followUp: e.target.value })} />
            </Field>
          </div>
        ))}
        <button type="button" onClick={() => setDemands([...demands, blankDemand()])} data-testid="demand-add">
          {t('visits.addDemand')}
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void save()} data-testid="visit-save">
          {visit ? t('visits.saveChange') : t('visits.save')}
        </button>
      </div>
    </div>
  );
}
