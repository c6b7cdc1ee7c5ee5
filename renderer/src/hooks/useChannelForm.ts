import { useState } from 'react';
import type { ApiError, ApiResult } from '../../../shared/api/errors';
import { fieldErrorFrom, type FieldErrors } from '../lib/errors';

/**
 * A form that ends in one channel call: its field errors, the refusal shown above it, and `busy` while the call
 * runs. `check(errors)` shows the form's own checks and focuses the first field in error (element id
 * `<idPrefix>-<field>`), true when there is none; `send(call)` makes the call and, when the core refuses, shows the
 * refusal and the field it names, and returns null.
 */
export function useChannelForm(idPrefix: string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const check = (fe: FieldErrors): boolean => {
    setErrors(fe);
    const first = Object.keys(fe)[0];
    if (first === undefined) return true;
    document.getElementById(`${idPrefix}-${first}`)?.focus();
    return false;
  };

  const send = async <T>(call: () => Promise<ApiResult<T>>): Promise<T | null> => {
    setBusy(true);
    const r = await call();
    setBusy(false);
    if (r.ok) return r.value;
    setApiError(r.error);
    setErrors(fieldErrorFrom(r.error));
    return null;
  };

  return { errors, setErrors, apiError, setApiError, busy, check, send };
}
