import type { Proxy } from '../../../../shared/cases/model';
import type { PROXY_RELATIONSHIPS } from '../../../../shared/cases/model';
import type { FieldErrors } from '../../lib/errors';
import { checkId } from '../../lib/person';

export type Relationship = (typeof PROXY_RELATIONSHIPS)[number];

export interface ProxyUi {
  enabled: boolean;
  name: string;
  idNumber: string;
  relationship: '' | Relationship;
  phone: string;
}

export const NO_PROXY: ProxyUi = { enabled: false, name: '', idNumber: '', relationship: '', phone: '' };

/** The proxy (帮办代办) as the core takes it, or the errors keyed `proxy.<field>`. */
export function toProxy(ui: ProxyUi, authorisationReceived: boolean): { proxy: Proxy | null; errors: FieldErrors } {
  if (!ui.enabled) return { proxy: null, errors: {} };
  const errors: FieldErrors = {};
  if (ui.name.trim() === '') errors['proxy.name'] = '请填写代办人姓名';
  const id = checkId(ui.idNumber);
  if (!id.ok) errors['proxy.idNumber'] = id.message;
  if (ui.relationship === '') errors['proxy.relationship'] = '请选择与申请人关系';
  if (ui.phone.trim() !== '' && !/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(ui.phone.trim())) errors['proxy.phone'] = '电话号码格式不对';
  if (Object.keys(errors).length > 0 || ui.relationship === '') return { proxy: null, errors };
  return {
    proxy: {
      name: ui.name.trim(),
      idNumber: id.ok ? id.normalized : ui.idNumber.trim(),
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
