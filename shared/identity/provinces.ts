/**
 * Province-level codes (first two digits of GB/T 2260 address codes) that can start a
 * resident ID: the 31 mainland provinces, autonomous regions and municipalities, plus
 * 71 Taiwan, 81 Hong Kong and 82 Macao.
 *
 * 83 is not a province: 830000 only appears as the address code of residence permits for
 * Taiwan residents (see residence-permit.ts).
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
]);

export function isProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code);
}
