import { useTranslation } from 'react-i18next';
import type { LtcAssessmentResult } from '../../../../shared/policy/ltc-assessment';
import { LTC_DIMENSION_NAMES } from '../../../../shared/policy/ltc-items';
import { LTC_DIMENSIONS, LTC_DIMENSION_MAX } from '../../../../shared/policy/tables/benefits-schema';
import { CARE_MODE_NAMES } from '../../../../shared/policy/vocab';
import { formatYuan } from '../../../../shared/money';
import { percentText } from '../../lib/policyFormat';
import { upperFirst, useLocalized } from '../../lib/text';

/** The assessment's outcome: the level, each dimension's score and grade, the care modes and benefits it allows, when to re-assess. */
export function LtcResultView({ result }: { result: LtcAssessmentResult }) {
  const { t } = useTranslation();
  const L = useLocalized();
  return (
    <div className="ltc-result" data-testid="ltc-result">
      <p className="ltc-level">
        {t('ltc.level')} <strong data-testid="ltc-level" data-level={result.level}>
          {upperFirst(L(result.levelName))}
        </strong>
      </p>
      <table className="table ltc-dims">
        <thead>
          <tr>
            <th scope="col">{t('ltc.dimension')}</th>
            <th scope="col">{t('ltc.score')}</th>
            <th scope="col">{t('ltc.grade')}</th>
          </tr>
        </thead>
        <tbody>
          {LTC_DIMENSIONS.map((d) => (
            <tr key={d}>
              <th scope="row">{upperFirst(L(LTC_DIMENSION_NAMES[d]))}</th>
              <td className="mono">
                {result.scores[d]} / {LTC_DIMENSION_MAX[d]}
              </td>
              <td>{t(`ltc.grade_${result.grades[d]}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('ltc.benefits')}</h3>
      {result.benefits.length === 0 ? (
        <p>{t('ltc.noBenefits')}</p>
      ) : (
        <table className="table ltc-benefits">
          <thead>
            <tr>
              <th scope="col">{t('ltc.mode')}</th>
              <th scope="col">{t('ltc.fundRatio')}</th>
              <th scope="col">{t('ltc.dailyCap')}</th>
            </tr>
          </thead>
          <tbody>
            {result.benefits.map((b) => (
              <tr key={b.mode} className={b.mode === result.requestedCareMode ? 'row-highlight' : undefined}>
                <th scope="row">
                  {upperFirst(L(CARE_MODE_NAMES[b.mode]))}
                  {b.mode === result.requestedCareMode ? <span className="tag tag-ok">{t('ltc.requested')}</span> : null}
                </th>
                <td className="mono">{percentText(b.fundRatioBp)}</td>
                <td className="mono">{t('estimate.yuan', { amount: formatYuan(b.dailyCapFen) })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.requestedCareMode && result.requestedModeAllowed === false ? (
        <p className="banner banner-warn">{t('ltc.requestedNotAllowed', { mode: L(CARE_MODE_NAMES[result.requestedCareMode]) })}</p>
      ) : null}
      <p data-testid="ltc-next">
        {t('ltc.nextDue')} <strong className="mono">{result.nextAssessmentDue}</strong>
        {result.nearThreshold ? ` · ${t('ltc.nearThreshold')}` : ''}
      </p>
    </div>
  );
}
