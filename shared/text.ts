import { z } from 'zod';

/** A user-visible text carried by data (catalog items, policy notes): Chinese first, English beside it. */
export const LocalizedTextSchema = z.strictObject({
  'zh-CN': z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export type Locale = keyof LocalizedText;
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

export function pickText(text: LocalizedText, locale: Locale): string {
  return text[locale];
}
