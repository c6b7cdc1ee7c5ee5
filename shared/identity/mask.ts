import { normalizeIdInput } from './normalize';

/**
 * For display and logs: keep the first 6 and last 4 characters and replace the middle with
 * '*', e.g. 11010519491231002X → 110105********002X. Input is trimmed and upper-cased first.
 * A value of 10 characters or fewer would be shown whole that way, so it is masked entirely.
 */
export function maskIdNumber(id: string): string {
  const s = normalizeIdInput(id);
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}
