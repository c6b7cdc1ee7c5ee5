import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES } from '../../../../shared/cases/status';
import { FAMILIES } from '../../../../shared/catalog/types';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { currentLocale } from '../../lib/text';
import type { QueueUiFilter } from './filter';

interface Props {
  filter: QueueUiFilter;
  onChange(patch: Partial<QueueUiFilter>): void;
  onReset(): void;
  items: ChannelOutput<'catalog.list'> | null;
  searchRef: RefObject<HTMLInputElement | null>;
  onSearchKey(e: KeyboardEvent<HTMLInputElement>): void;
}

/** Search box (case no., name, ID number, pinyin initials) and the filters of the queue. */
export function QueueFilters({ filter, onChange, onReset, items, searchRef, onSearchKey }: Props) {
  const { t, i18n } = useTranslation();
  const locale = currentLocale(i18n.language);
  const check = (k: 'mine' | 'proxy' | 'awaiting' | 'overdue' | 'needsAction', label: string) => (
    <label className="check">
      <input type="checkbox" checked={filter[k]} onChange={(e) => onChange({ [k]: e.target.checked })} />
      {label}
    </label>
  );
  return (
    <div className="filters" role="search" aria-label={t('queue.filtersLabel')}>
      <div className="search-box">
        <label htmlFor="queue-search">{t('queue.search')}</label>
        <input
          id="queue-search"
          ref={searchRef}
          type="search"
          value={filter.q}
          onChange={(e) => onChange({ q: e.target.value })}
          onKeyDown={onSearchKey}
          placeholder={t('queue.searchPlaceholder')}
          aria-keyshortcuts="/"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="filter-row">
        <span className="filter-select">
          <label htmlFor="qf-family">{t('queue.family')}</label>
          <select id="qf-family" value={filter.family} onChange={(e) => onChange({ family: e.target.value as QueueUiFilter['family'], itemCode: '' })}>
            <option value="">{t('common.all')}</option>
            {FAMILIES.map((f) => (
              <option key={f} value={f}>
                {t(`family.${f}`)}
              </option>
            ))}
          </select>
        </span>
        <span className="filter-select">
          <label htmlFor="qf-item">{t('queue.item')}</label>
          <select id="qf-item" value={filter.itemCode} onChange={(e) => onChange({ itemCode: e.target.value })}>
            <option value="">{t('common.all')}</option>
            {(items ?? [])
              .filter((i) => !filter.family || i.family === filter.family)
              .map((i) => (
                <option key={i.code} value={i.code}>
                  {i.name[locale]}
                </option>
              ))}
          </select>
        </span>
        <span className="filter-select">
          <label htmlFor="qf-status">{t('queue.status')}</label>
          <select id="qf-status" value={filter.status} disabled={filter.awaiting} onChange={(e) => onChange({ status: e.target.value as QueueUiFilter['status'] })}>
            <option value="open">{t('queue.statusOpen')}</option>
            <option value="all">{t('common.all')}</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </span>
        {check('mine', t('queue.mine'))}
        {check('proxy', t('queue.proxyOnly'))}
        {check('awaiting', t('queue.awaiting'))}
        {check('overdue', t('queue.overdueOnly'))}
        {check('needsAction', t('queue.needsActionOnly'))}
        <button type="button" className="link-button" onClick={onReset}>
          {t('queue.reset')}
        </button>
      </div>
    </div>
  );
}
