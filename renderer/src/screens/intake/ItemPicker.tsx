import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FAMILIES } from '../../../../shared/catalog/types';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useLocalized } from '../../lib/text';

/** Pick a service item: search by name, pinyin or initials (e.g. "cxjm"), grouped by family. */
export function ItemPicker({ onPick }: { onPick(code: string): void }) {
  const { t } = useTranslation();
  const L = useLocalized();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const timer = window.setTimeout(() => setQ(text.trim().slice(0, 32)), 150);
    return () => window.clearTimeout(timer);
  }, [text]);
  const items = useApiQuery('catalog.list', q ? { q } : {}, true);
  // The highlighted item Enter opens: the first in the order shown (by family).
  const firstCode = FAMILIES.flatMap((f) => (items.data ?? []).filter((i) => i.family === f))[0]?.code ?? null;

  const buttons = () => [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.item-option') ?? [])];
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter') {
      const first = buttons()[0];
      if (!first) return;
      e.preventDefault();
      // Enter opens the highlighted item (the first match) however many match; ↓ walks the list.
      if (e.key === 'Enter') first.click();
      else first.focus();
    }
  };
  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = buttons();
    const i = all.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' && i < all.length - 1) {
      e.preventDefault();
      all[i + 1]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i <= 0) document.getElementById('item-search')?.focus();
      else all[i - 1]?.focus();
    }
  };

  return (
    <section className="item-picker" aria-labelledby="item-picker-title">
      <h2 id="item-picker-title">{t('intake.pickItem')}</h2>
      <div className="field">
        <label htmlFor="item-search">{t('intake.itemSearch')}</label>
        <input id="item-search" type="search" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={onSearchKey} autoFocus autoComplete="off" placeholder={t('intake.itemSearchPlaceholder')} />
      </div>
      <ErrorBanner error={items.error} onRetry={items.reload} />
      <div ref={listRef} onKeyDown={onListKey}>
        {FAMILIES.map((f) => {
          const list = (items.data ?? []).filter((i) => i.family === f);
          if (list.length === 0) return null;
          return (
            <div key={f} className="item-group">
              <h3>{t(`family.${f}`)}</h3>
              <ul className="item-list">
                {list.map((i) => (
                  <li key={i.code}>
                    <button
                      type="button"
                      className={`item-option${text.trim() !== '' && i.code === firstCode ? ' item-highlighted' : ''}`}
                      onClick={() => onPick(i.code)}
                      data-item={i.code}
                      aria-current={text.trim() !== '' && i.code === firstCode ? 'true' : undefined}
                    >
                      <span className="item-name">{L(i.name)}</span>
                      <span className="muted small">{L(i.group)}</span>
                      <span className="small">
                        {i.limitWorkingDays === 0 ? t('intake.onTheSpot') : t('intake.limitDays', { count: i.limitWorkingDays })}
                        {i.rongque ? ` · ${t('intake.rongqueAllowed')}` : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
        {items.data && items.data.length === 0 ? <p className="muted">{t('intake.noItems')}</p> : null}
      </div>
    </section>
  );
}
