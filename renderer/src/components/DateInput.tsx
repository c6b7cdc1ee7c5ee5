import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isLocalDate } from '../../../shared/time';
import { normalizeDateText } from '../lib/dates';

interface Props {
  id: string;
  value: string;
  onChange(value: string): void;
  min?: string | undefined;
  max?: string | undefined;
  invalid?: boolean;
  describedBy?: string | undefined;
  ariaLabel?: string | undefined;
  required?: boolean;
  autoFocus?: boolean;
}

/**
 * A date typed as YYYY-MM-DD (also 20261015, 2026/10/5 — normalised when leaving the field), with a button
 * that opens the browser's calendar. A text field behaves the same in every locale and in headless
 * browsers, where the native date input's segments depend on the system language.
 */
export function DateInput({ id, value, onChange, min, max, invalid, describedBy, ariaLabel, required, autoFocus }: Props) {
  const { t } = useTranslation();
  const picker = useRef<HTMLInputElement>(null);
  const open = () => {
    const p = picker.current;
    if (!p) return;
    try {
      p.showPicker();
    } catch {
      p.focus();
    }
  };
  return (
    <span className="date-input">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className="mono"
        placeholder={t('date.placeholder')}
        maxLength={12}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onBlur={(e) => {
          const n = normalizeDateText(e.target.value);
          if (n !== e.target.value) onChange(n);
        }}
        onKeyDown={(e) => {
          if (e.altKey && e.key === 'ArrowDown') {
            e.preventDefault();
            open();
          }
        }}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        aria-label={ariaLabel}
        aria-required={required || undefined}
        aria-keyshortcuts="Alt+ArrowDown"
        autoFocus={autoFocus}
      />
      <button type="button" className="icon-button date-picker-button" onClick={open} tabIndex={-1} title={t('date.pick')} aria-label={t('date.pick')}>
        <span aria-hidden="true">▦</span>
      </button>
      <input
        ref={picker}
        type="date"
        className="date-native"
        tabIndex={-1}
        aria-hidden="true"
        value={isLocalDate(value) ? value : ''}
        min={min}
        max={max}
        onChange={(e) => {
          if (e.target.value) onChange(e.target.value);
        }}
      />
    </span>
  );
}
