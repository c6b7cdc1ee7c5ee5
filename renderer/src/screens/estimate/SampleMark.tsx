import { useTranslation } from 'react-i18next';

/** Figures of the shipped SAMPLE region: said on screen and on paper, every time. */
export function SampleMark({ block }: { block?: boolean }) {
  const { t } = useTranslation();
  return block ? (
    <p className="sample-mark sample-block" data-testid="sample-mark">
      {t('estimate.sample')}
    </p>
  ) : (
    <span className="sample-mark" data-testid="sample-mark">
      {t('estimate.sample')}
    </span>
  );
}
