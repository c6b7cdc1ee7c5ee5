import type { Proxy } from './model';
import { validatePersonId } from '../identity';
import { checkPersonName } from '../identity/name';
import { ageOn, type LocalDate } from '../time';

/**
 * The rules of an agent (代办人) who handles a case for the principal (帮办代办), checked in the same words at
 * the window (before 受理), by the core (create, draft, accept) and by central (a submission): the agent's name
 * is a person's name, the ID number is valid, is not the principal's own, and belongs to an adult; a
 * relationship is chosen.
 */

/** The age from which someone may act as an agent (完全民事行为能力). */
export const AGENT_MIN_AGE = 18;

export interface ProxyIssue {
  /** Path under the proxy: `name`, `idNumber`, `relationship`, `phone`. */
  path: 'name' | 'idNumber' | 'relationship' | 'phone';
  message: string;
}

export interface ProxyContext {
  today: LocalDate;
  /** The principal's normalised ID number, when known. */
  principalIdNumber: string | null;
}

const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

/** What the agent data as typed gets wrong (empty: nothing), and the normalised agent when it is right. */
export function checkProxy(
  input: { name: string; idNumber: string; relationship: string; phone?: string | undefined },
  ctx: ProxyContext,
): { issues: ProxyIssue[]; name: string; idNumber: string } {
  const issues: ProxyIssue[] = [];
  const name = checkPersonName(input.name, '代办人姓名');
  if (!name.ok) issues.push({ path: 'name', message: name.message });
  let idNumber = input.idNumber.trim();
  const id = validatePersonId(idNumber, ctx.today);
  if (!id.ok) {
    issues.push({ path: 'idNumber', message: id.message });
  } else {
    idNumber = id.normalized;
    if (ctx.principalIdNumber !== null && id.normalized === ctx.principalIdNumber.trim().toUpperCase()) {
      issues.push({ path: 'idNumber', message: '代办人不能是申请人本人：此证件号码是申请人自己的' });
    } else if (ageOn(id.birthDate, ctx.today) < AGENT_MIN_AGE) {
      issues.push({ path: 'idNumber', message: `代办人应为成年人（按证件号码，代办人未满 ${AGENT_MIN_AGE} 周岁）` });
    }
  }
  if (input.relationship.trim() === '') issues.push({ path: 'relationship', message: '请选择代办人与申请人的关系' });
  const phone = input.phone?.trim() ?? '';
  if (phone !== '' && !PHONE_RE.test(phone)) issues.push({ path: 'phone', message: '电话号码格式不对' });
  return { issues, name: name.ok ? name.name : input.name.trim(), idNumber };
}

/** The stored agent checked again (at 受理 and at central): the issues, with the field path `proxy.<key>`. */
export function proxyIssues(proxy: Proxy, ctx: ProxyContext): ProxyIssue[] {
  return checkProxy(proxy, ctx).issues;
}
