import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person, PersonSummary } from '../../../../shared/persons';
import type { ApiError } from '../../../../shared/api/errors';
import { maskIdNumber } from '../../../../shared/identity';
import { api } from '../../api/client';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { looksLikeIdNumber, ageOf } from '../../lib/person';
import { messageOnly } from '../../lib/errors';

interface Props {
  initialQuery?: string;
  onPicked(person: Person): void;
  /** A valid ID number that is not known here (offer to register the person). */
  onNotFound(idNumber: string): void;
  autoFocus?: boolean;
  /** The ID number of a person registered meanwhile: the "本站没有此人" banner about it goes. */
  registered?: string | null;
}

/**
 * One box for a typed or scanned ID number (a scanner types fast and ends with Enter → exact look-up),
 * or a name / pinyin initials / phone (search as you type).
 */
export function PersonLookup({ initialQuery = '', onPicked, onNotFound, autoFocus = true, registered = null }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(initialQuery);
  const [results, setResults] = useState<readonly PersonSummary[] | null>(null);
  const [searchedFor, setSearchedFor] = useState('');
  const [idError, setIdError] = useState<string | null>(null);
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [notFound, setNotFound] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);
  // The banner about a number is gone once that person is registered.
  const notFoundShown = notFound !== null && registered !== null && registered.toUpperCase() === notFound ? null : notFound;

  useEffect(() => {
    const q = text.trim();
    if (q === '' || looksLikeIdNumber(q)) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      void api()
        .invoke('persons.search', { q, limit: 20 })
        .then((r) => {
          if (cancelled) return;
          if (r.ok) {
            setResults(r.value);
            setSearchedFor(q);
            setApiError(null);
          } else setApiError(r.error);
        });
    }, 200);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [text]);

  const pick = async (id: string) => {
    setBusy(true);
    const r = await api().invoke('persons.get', { id });
    setBusy(false);
    if (r.ok) onPicked(r.value);
    else setApiError(r.error);
  };

  const lookUpId = async (idNumber: string) => {
    setBusy(true);
    setNotFound(null);
    const r = await api().invoke('persons.findByIdNumber', { idNumber });
    setBusy(false);
    if (!r.ok) {
      if (r.error.field === 'idNumber') setIdError(messageOnly(r.error.message));
      else setApiError(r.error);
      return;
    }
    setIdError(null);
    setApiError(null);
    if (r.value) onPicked(r.value);
    else {
      setNotFound(idNumber.toUpperCase());
      onNotFound(idNumber.trim().toUpperCase());
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const q = text.trim();
      if (q === '') return;
      if (looksLikeIdNumber(q) || /^\d{6,}[\dXx]*$/.test(q)) void lookUpId(q);
      else listRef.current?.querySelector('button')?.focus();
    } else if (e.key === 'ArrowDown') {
      const first = listRef.current?.querySelector('button');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = [...(listRef.current?.querySelectorAll('button') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' && i < buttons.length - 1) {
      e.preventDefault();
      buttons[i + 1]?.focus();
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (i <= 0) document.getElementById('person-lookup')?.focus();
      else buttons[i - 1]?.focus();
    }
  };

  const showResults = results !== null && text.trim() !== '' && !looksLikeIdNumber(text) && searchedFor === text.trim();
  return (
    <div className="lookup">
      <Field id="person-lookup" label={t('persons.lookupLabel')} hint={t('persons.lookupHint')} error={idError}>
        <input
          {...inputAria('person-lookup', true, idError)}
          type="search"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setIdError(null);
            setNotFound(null);
          }}
          onKeyDown={onKeyDown}
          autoFocus={autoFocus}
          autoComplete="off"
          spellCheck={false}
          aria-busy={busy}
        />
      </Field>
      <ErrorBanner error={apiError} />
      {notFoundShown ? (
        <p className="banner banner-info" role="status" data-testid="person-not-found">
          {t('persons.notFound', { idNumber: notFoundShown })}
        </p>
      ) : null}
      {showResults ? (
        results.length === 0 ? (
          <p className="muted" role="status">
            {t('persons.noResults')}
          </p>
        ) : (
          <ul className="results" ref={listRef} onKeyDown={onListKey} aria-label={t('persons.resultsLabel', { count: results.length })}>
            {results.map((p) => {
              const age = ageOf(p.birthDate);
              return (
                <li key={p.id}>
                  <button type="button" className="result" onClick={() => void pick(p.id)}>
                    <span className="person-name">{p.name}</span>
                    <span className="mono muted">{maskIdNumber(p.idNumber)}</span>
                    <span>
                      {p.sex ? t(`sex.${p.sex}`) : ''} {age !== null ? t('persons.age', { count: age }) : ''}
                    </span>
                    <span className="small">{p.flags.map((f) => t(`flag.${f}`)).join('、')}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
    </div>
  );
}
