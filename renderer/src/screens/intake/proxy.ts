import type { Proxy } from '../../../../shared/cases/model';
import type { PROXY_RELATIONSHIPS } from '../../../../shared/cases/model';
import { checkProxy } from '../../../../shared/cases/proxy';
import type { FieldErrors } from '../../lib/errors';
import { todayShanghai } from '../../lib/dates';

export type Relationship = (typeof PROXY_RELATIONSHIPS)[number];

export interface ProxyUi {
  enabled: boolean;
  name: string;
  idNumber: string;
  relationship: '' | Relationship;
  phone: string;
}

export const NO_PROXY: ProxyUi = { enabled: false, name: '', idNumber: '', relationship: '', phone: '' };

/**
 * The proxy (帮办代办) as the core takes it, or the errors keyed `proxy.<field>` — by the rules the core and
 * central apply (shared/cases/proxy.ts): a name, a valid ID that is not the principal's own and belongs to an
 * adult, a relationship chosen.
 */
export function toProxy(ui: ProxyUi, authorisationReceived: boolean, principalIdNumber: string | null): { proxy: Proxy | null; errors: FieldErrors } {
  if (!ui.enabled) return { proxy: null, errors: {} };
  const checked = checkProxy(ui, { today: todayShanghai(), principalIdNumber });
  const errors: FieldErrors = {};
  for (const issue of checked.issues) errors[`proxy.${issue.path}`] ??= issue.message;
  if (Object.keys(errors).length > 0 || ui.relationship === '') return { proxy: null, errors };
  return {
    proxy: {
      name: checked.name,
      idNumber: checked.idNumber,
      relationship: ui.relationship,
      ...(ui.phone.trim() ? { phone: ui.phone.trim() } : {}),
      authorisationReceived,
    },
    errors,
  };
}

export function fromProxy(p: Proxy | null): ProxyUi {
  if (!p) return NO_PROXY;
  return { enabled: true, name: p.name, idNumber: p.idNumber, relationship: p.relationship, phone: p.phone ?? '' };
}
