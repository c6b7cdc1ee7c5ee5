import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VisitView } from '../../../../shared/api/channels/visits';
import { formatInstant } from '../../lib/dates';
import { VisitForm } from './VisitForm';

/** Visit records, newest first: what was brought, the 诉求 and their follow-up (changeable while the trip is on). */
export function VisitList({ visits, onChanged, editable }: { visits: readonly VisitView[]; onChanged: () => void; editable: boolean }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  if (visits.length === 0) return <p className="empty">{t('visits.none')}</p>;
  return (
    <table className="m16-table" data-testid="visits-table">
      <thead>
        <tr>
          <th>{t('visits.when')}</th>
          <th>{t('visits.person')}</th>
          <th>{t('visits.brought')}</th>
          <th>{t('visits.demands')}</th>
          {editable ? <th className="no-print">{t('visits.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {visits.map((v) => (
          <tr key={v.visit.id}>
            <td>{formatInstant(v.visit.visitedAt)}</td>
            <td>
              {v.personName}
              {v.visit.household ? <div className="small muted">{v.visit.household}</div> : null}
              {v.tripName ? <div className="small muted">{v.tripName}</div> : null}
            </td>
            <td>{v.visit.brought.map((b) => t(`visits.broughtKind.${b}`)).join('、')}</td>
            <td>
              {v.visit.demands.map((d) => (
                <div key={d.id}>
                  [{t(`visits.demandKinds.${d.kind}`)}] {d.text} — {d.owner} · <strong>{t(`visits.demandStates.${d.state}`)}</strong>
                  {d.followUp ? <span className="muted">（{d.followUp}）</span> : null}
                </div>
              ))}
              {editing === v.visit.id ? (
                <VisitForm
                  visit={v}
                  onSaved={() => {
                    setEditing(null);
                    onChanged();
                  }}
                />
              ) : null}
            </td>
            {editable ? (
              <td className="no-print">
                <button type="button" onClick={() => setEditing(editing === v.visit.id ? null : v.visit.id)}>
                  {t('visits.edit')}
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
