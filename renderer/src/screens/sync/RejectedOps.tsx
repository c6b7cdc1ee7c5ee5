import { useTranslation } from 'react-i18next';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { formatInstant } from '../../lib/dates';
import { paths } from '../../lib/router';

type Rejected = ChannelOutput<'sync.status'>['rejected'];

interface Group {
  key: string;
  caseId: string | null;
  caseNo: string | null;
  kinds: string[];
  reasons: { message: string | null; code: string | null }[];
  at: string | null;
}

/** The refused changes by case (a case's ops are usually refused together, for one reason). */
export function groupRejected(rejected: Rejected): Group[] {
  const groups = new Map<string, Group>();
  for (const r of [...rejected].sort((a, b) => a.seq - b.seq)) {
    const key = r.caseId ?? `seq-${r.seq}`;
    const g = groups.get(key) ?? { key, caseId: r.caseId, caseNo: r.caseNo, kinds: [], reasons: [], at: null };
    g.kinds.push(r.kind);
    if (!g.reasons.some((x) => x.message === r.message && x.code === r.code)) g.reasons.push({ message: r.message, code: r.code });
    if (r.at && (!g.at || r.at > g.at)) g.at = r.at;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => ((a.at ?? '') < (b.at ?? '') ? 1 : -1));
}

/**
 * The changes central refused, by case, each with central's reason and a link to the case. `cases` (cases whose
 * last change was refused) and `ops` (refused changes) are the status's counts; the list holds the latest ops only.
 */
export function RejectedOps({ rejected, cases, ops }: { rejected: Rejected; cases: number; ops: number }) {
  const { t, i18n } = useTranslation();
  const kindName = (kind: string) => {
    const event = kind.startsWith('case.') ? `eventKind.${kind.slice(5)}` : `sync.opKind.${kind}`;
    return i18n.exists(event) ? t(event) : kind;
  };
  const groups = groupRejected(rejected);
  return (
    <section className="card" aria-labelledby="sync-rejected-title" data-testid="sync-rejected">
      <h2 id="sync-rejected-title">{t('sync.rejectedTitle', { count: cases })}</h2>
      {groups.length === 0 ? (
        <p className="muted">{t('sync.noRejected')}</p>
      ) : (
        <>
          <p className="field-hint">
            {t('sync.rejectedHint')}
            {ops > rejected.length ? ` ${t('sync.rejectedLatest', { count: rejected.length })}` : null}
          </p>
          <table className="table rejected-table">
            <thead>
              <tr>
                <th scope="col">{t('sync.colCase')}</th>
                <th scope="col">{t('sync.colKind')}</th>
                <th scope="col">{t('sync.colReason')}</th>
                <th scope="col">{t('sync.colAt')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.key}>
                  <td className="mono nowrap">{g.caseId ? <a href={paths.case(g.caseId)}>{g.caseNo ?? g.caseId}</a> : '—'}</td>
                  <td>{g.kinds.map(kindName).join(t('sync.kindSeparator'))}</td>
                  <td>
                    {g.reasons.map((r, i) => (
                      <div key={i}>
                        <span lang="zh-CN">{r.message ?? '—'}</span>
                        {r.code ? <span className="muted small mono"> ({r.code})</span> : null}
                      </div>
                    ))}
                  </td>
                  <td className="mono nowrap">{g.at ? formatInstant(g.at) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
