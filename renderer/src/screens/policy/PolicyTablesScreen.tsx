import { useTranslation } from 'react-i18next';
import { POLICY_TABLE_KINDS } from '../../../../shared/policy/tables/schema';
import { POLICY_TABLE_KIND_NAMES } from '../../../../shared/policy/tables/select';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { useApiQuery } from '../../hooks/useApiQuery';
import { upperFirst, useLocalized } from '../../lib/text';
import { useUser } from '../../state/session';
import { PolicyBody } from './PolicyBody';

/** Supervisors: the policy tables this station calculates with (read-only), by kind, the one in force marked. */
export default function PolicyTablesScreen() {
  const { t } = useTranslation();
  const L = useLocalized();
  const me = useUser();
  const tables = useApiQuery('policy.tables', me.role === 'supervisor' ? {} : null);
  if (me.role !== 'supervisor') {
    return (
      <div>
        <ScreenHeading>{t('policy.title')}</ScreenHeading>
        <p>{t('policy.supervisorOnly')}</p>
      </div>
    );
  }
  if (tables.error) return <ErrorBanner error={tables.error} onRetry={tables.reload} />;
  if (!tables.data) return <Loading />;
  const all = tables.data;
  const anySample = all.some((x) => x.sample && x.inForce);
  return (
    <div className="policy-screen">
      <ScreenHeading>{t('policy.title')}</ScreenHeading>
      <p className="field-hint">{t('policy.intro')}</p>
      {/* Which tables are in force, said plainly: the sample region's (demonstration figures) or the region's own. */}
      {anySample ? (
        <p className="banner banner-warn" data-testid="policy-in-force" data-sample="true">
          {t('policy.sampleWarning')}
        </p>
      ) : all.some((x) => x.inForce) ? (
        <p className="banner banner-ok" data-testid="policy-in-force" data-sample="false">
          {t('policy.ownInForce')}
        </p>
      ) : null}
      <nav aria-label={t('policy.kinds')} className="policy-toc">
        <ul>
          {POLICY_TABLE_KINDS.filter((k) => all.some((x) => x.kind === k)).map((k) => (
            <li key={k}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  const h = document.getElementById(`policy-${k}`);
                  h?.scrollIntoView();
                  h?.focus();
                }}
              >
                {upperFirst(L(POLICY_TABLE_KIND_NAMES[k]))}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {POLICY_TABLE_KINDS.map((kind) => {
        const list = all.filter((x) => x.kind === kind).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
        if (list.length === 0) return null;
        return (
          <section key={kind} className="card" aria-labelledby={`policy-${kind}`} data-kind={kind}>
            <h2 id={`policy-${kind}`} tabIndex={-1}>
              {upperFirst(L(POLICY_TABLE_KIND_NAMES[kind]))}
            </h2>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('policy.region')}</th>
                  <th scope="col">{t('policy.effective')}</th>
                  <th scope="col">{t('policy.version')}</th>
                  <th scope="col">{t('policy.state')}</th>
                  <th scope="col">{t('policy.origin')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((tb) => (
                  <tr key={tb.id} className={tb.inForce ? 'row-highlight' : undefined}>
                    <td>
                      {L(tb.regionName)} <span className="mono">{tb.regionCode}</span>
                    </td>
                    <td className="mono">
                      {tb.effectiveFrom} – {tb.effectiveTo ?? t('policy.untilReplaced')}
                    </td>
                    <td className="mono">{tb.version}</td>
                    <td>{tb.inForce ? <span className="tag tag-ok">{t('policy.inForce')}</span> : <span className="tag">{t('policy.notInForce')}</span>}</td>
                    <td>
                      {tb.sample ? <span className="tag tag-deferrable">{t('policy.sample')}</span> : null}
                      <span className="tag">{tb.origin === 'central' ? t('policy.fromCentral') : t('policy.shipped')}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {list.map((tb) => (
              <details key={tb.id} className="policy-details" open={tb.inForce}>
                <summary>
                  {t('policy.figures', { from: tb.effectiveFrom, version: tb.version })}
                  {tb.inForce ? ` · ${t('policy.inForce')}` : ''}
                </summary>
                <PolicyBody value={tb.body} />
                <p className="small muted">
                  {t('policy.source')} <span lang="zh-CN">{tb.source}</span>
                </p>
              </details>
            ))}
          </section>
        );
      })}
    </div>
  );
}
