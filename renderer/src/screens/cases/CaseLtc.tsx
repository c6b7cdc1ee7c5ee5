import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../../shared/api/channels/cases';
import { canRecordAssessment } from '../../../../shared/cases/status';
import type { EstimateRecord } from '../../../../shared/api/channels/policy';
import { formatInstant } from '../../lib/dates';
import { paths } from '../../lib/router';
import { upperFirst, useLocalized } from '../../lib/text';
import { useUser } from '../../state/session';
import { SampleMark } from '../estimate/SampleMark';
import { LtcResultView } from '../assessment/LtcResultView';

const ASSESSING_ROLES = ['clerk', 'mobile_team', 'supervisor'];

/** 失能等级评估 of a long-term-care case: the latest result in full, earlier ones listed, and the way to record one. */
export function CaseLtc({ view, saved }: { view: CaseView; saved: readonly EstimateRecord[] }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const user = useUser();
  const c = view.case;
  const list = saved.filter((e): e is Extract<EstimateRecord, { kind: 'ltc_assessment' }> => e.kind === 'ltc_assessment').sort((a, b) => (a.computedAt < b.computedAt ? 1 : -1));
  const latest = list[0];
  const canRecord = canRecordAssessment(c.status) && ASSESSING_ROLES.includes(user.role);
  return (
    <section className="card" aria-labelledby="ltc-card-title" data-testid="case-ltc">
      <div className="card-top">
        <h2 id="ltc-card-title">{t('ltc.title')}</h2>
        {canRecord ? (
          <a className="button primary" href={paths.assessment(c.id)} data-testid="record-assessment">
            {t('ltc.record')}
          </a>
        ) : null}
      </div>
      {!latest ? (
        <p className="muted">{t('ltc.none')}</p>
      ) : (
        <>
          <p className="small">
            {t('ltc.latestBy', {
              date: latest.meta.assessmentDate,
              assessors: latest.meta.assessors.join('、'),
            })}{' '}
            {latest.sample ? <SampleMark /> : null}
          </p>
          <LtcResultView result={latest.result} />
          <ul className="saved-estimates">
            {list.map((e) => (
              <li key={e.id}>
                <a href={paths.estimateSheet(c.id, e.id)}>{t('ltc.printResult')}</a> <span className="mono">{formatInstant(e.computedAt)}</span> ·{' '}
                {upperFirst(L(e.result.levelName))} · {e.actorName}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
