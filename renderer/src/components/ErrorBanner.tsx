import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors';

/** An API refusal as the clerk reads it: the core's Chinese sentence (naming the field), plus the code in English mode. */
export function ErrorBanner({ error, onRetry }: { error: ApiError | null; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      {i18n.language === 'en' ? <strong>{t(`errorCode.${error.code}`)}: </strong> : null}
      <span lang="zh-CN">{error.message}</span>
      {onRetry && error.retryable ? (
        <button type="button" className="link-button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </div>
  );
}
