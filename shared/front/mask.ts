/**
 * A name as a public screen may show it (叫号屏, 评价器): the first and the last character, the middle hidden
 * (张*兰, 欧**娜); a two-character name keeps its surname (张*); a one-character name is hidden (*). Latin names
 * (foreigners' permanent residence ID holders) are masked word by word (J*** S****). Nothing else of a person
 * ever reaches a public screen.
 */
export function maskName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  const trimmed = name.trim().replace(/\s+/g, ' ');
  if (trimmed === '') return null;
  if (/^[A-Za-z][A-Za-z .'-]*$/.test(trimmed)) {
    return trimmed
      .split(/([ .'-])/)
      .map((part) => (/^[A-Za-z]+$/.test(part) ? part[0] + '*'.repeat(part.length - 1) : part))
      .join('');
  }
  // Characters, not UTF-16 units: a rare character outside the BMP counts as one.
  const chars = [...trimmed.replace(/[ ·•]/g, '')];
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
