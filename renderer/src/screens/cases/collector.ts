import type { ChannelInput } from '../../../../shared/api/contract';
import type { PersonIdResult } from '../../../../shared/identity';
import type { Proxy } from '../../../../shared/cases/model';
import { checkId } from '../../lib/person';

/**
 * Who collected a result at 出件 when it was not the person (a family member, the proxy officer): as the
 * 出件 dialog takes it, as `cases.handOut` takes it, and as the `hand_out` event keeps it (`data.collector`).
 */
export type Collector = NonNullable<ChannelInput<'cases.handOut'>['collector']>;

export interface CollectorUi {
  enabled: boolean;
  name: string;
  idNumber: string;
  /** A proxy relationship code (`relationship.*`), or '' when not given. */
  relationship: string;
}

export const NO_COLLECTOR: CollectorUi = { enabled: false, name: '', idNumber: '', relationship: '' };

export type IdFailure = Extract<PersonIdResult, { ok: false }>;

export interface CollectorCheck {
  /** What goes with `cases.handOut` (null: the person collected it themselves, or something is wrong). */
  collector: Collector | null;
  errors: { name?: 'required'; idNumber?: IdFailure };
}

/** The collector section when it is switched on: prefilled from the case's proxy (代办人), who usually collects. */
export function openCollector(ui: CollectorUi, proxy: Proxy | null): CollectorUi {
  const blank = ui.name === '' && ui.idNumber === '' && ui.relationship === '';
  if (!blank || !proxy) return { ...ui, enabled: true };
  return { enabled: true, name: proxy.name, idNumber: proxy.idNumber, relationship: proxy.relationship };
}

/** The ID number's problem, or none (the number is optional: empty is fine). */
export function collectorIdProblem(idNumber: string): IdFailure | undefined {
  if (idNumber.trim() === '') return undefined;
  const r = checkId(idNumber);
  return r.ok ? undefined : r;
}

/** Check the section: a name is required, an ID number given must be valid (validatePersonId). */
export function toCollector(ui: CollectorUi): CollectorCheck {
  if (!ui.enabled) return { collector: null, errors: {} };
  const errors: CollectorCheck['errors'] = {};
  const name = ui.name.trim();
  if (name === '') errors.name = 'required';
  const idProblem = collectorIdProblem(ui.idNumber);
  if (idProblem) errors.idNumber = idProblem;
  if (errors.name || errors.idNumber) return { collector: null, errors };
  const id = ui.idNumber.trim() === '' ? null : checkId(ui.idNumber);
  return {
    collector: {
      name,
      ...(id?.ok ? { idNumber: id.normalized } : {}),
      ...(ui.relationship ? { relationship: ui.relationship } : {}),
    },
    errors,
  };
}

/** The collector a `hand_out` event recorded, or null (the person collected it, or an event of another kind). */
export function collectorOf(data: Readonly<Record<string, unknown>>): Collector | null {
  const c = data.collector;
  if (typeof c !== 'object' || c === null) return null;
  const { name, idNumber, relationship } = c as Record<string, unknown>;
  if (typeof name !== 'string' || name === '') return null;
  return {
    name,
    ...(typeof idNumber === 'string' && idNumber !== '' ? { idNumber } : {}),
    ...(typeof relationship === 'string' && relationship !== '' ? { relationship } : {}),
  };
}
