import { useTranslation } from 'react-i18next';
import { LTC_DIMENSION_NAMES } from '../../../../shared/policy/ltc-items';
import { LTC_DIMENSION_MAX, type LtcDimension } from '../../../../shared/policy/tables/benefits-schema';
import { upperFirst, useLocalized } from '../../lib/text';
import { itemsOf, subtotal, type Scores } from './ltcForm';

interface Props {
  dim: LtcDimension;
  scores: Scores;
  /** Paths (`adl.eating`) with no valid score after a submit. */
  invalid: ReadonlySet<string>;
  onScore(dim: LtcDimension, item: string, score: number): void;
}

/**
 * One dimension of the standard: each item a radio group offering only the scores the standard allows
 * (Tab moves between items, the arrow keys between scores), with the dimension's running total.
 */
export function LtcDimensionFieldset({ dim, scores, invalid, onScore }: Props) {
  const { t } = useTranslation();
  const L = useLocalized();
  const { total, missing } = subtotal(scores, dim);
  return (
    <fieldset className="ltc-dimension" data-dimension={dim}>
      <legend>
        {upperFirst(L(LTC_DIMENSION_NAMES[dim]))}{' '}
        <span className="ltc-subtotal" aria-live="polite">
          {t('ltc.subtotal', { total, max: LTC_DIMENSION_MAX[dim] })}
          {missing > 0 ? ` · ${t('ltc.missingItems', { count: missing })}` : ''}
        </span>
      </legend>
      <div className="ltc-items">
        {itemsOf(dim).map(([key, def]) => {
          const path = `${dim}.${key}`;
          const id = `ltc-${dim}-${key}`;
          const bad = invalid.has(path);
          const value = scores[dim][key];
          return (
            <div key={key} className={`ltc-item${bad ? ' ltc-item-invalid' : ''}`} role="radiogroup" aria-labelledby={`${id}-label`} aria-invalid={bad || undefined} aria-describedby={bad ? `${id}-error` : undefined} data-item={path}>
              <span className="ltc-item-label" id={`${id}-label`}>
                {upperFirst(L(def.label))}
              </span>
              <span className="ltc-scores">
                {def.scores.map((score) => (
                  <label key={score} className="score-option">
                    <input type="radio" name={id} value={score} checked={value === score} onChange={() => onScore(dim, key, score)} data-score={score} />
                    {t('ltc.points', { count: score })}
                  </label>
                ))}
              </span>
              {bad ? (
                <span className="field-error" id={`${id}-error`}>
                  {t('ltc.chooseScore')}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
