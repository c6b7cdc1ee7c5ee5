import { CatalogItemSchema } from './types';
import type { CatalogItem, CatalogItemInput } from './types';
import { ASSISTANCE_ITEMS } from './items/assistance';
import { CARE_ITEMS } from './items/care';
import { ENROLLMENT_ITEMS } from './items/enrollment';
import { MATERNITY_ITEMS } from './items/maternity';
import { OFFSITE_FILING_ITEMS } from './items/offsite';
import { REIMBURSEMENT_ITEMS } from './items/reimbursement';

/**
 * The default service-item catalog (事项清单) a fresh station starts with, after a provincial guide
 * that implements the national list. A deployment replaces it with the region's own catalog
 * published by the central system; this one is the fallback and the test fixture.
 */
export const DEFAULT_CATALOG_ITEMS: readonly CatalogItemInput[] = [
  ...ENROLLMENT_ITEMS,
  ...OFFSITE_FILING_ITEMS,
  ...REIMBURSEMENT_ITEMS,
  ...MATERNITY_ITEMS,
  ...ASSISTANCE_ITEMS,
  ...CARE_ITEMS,
];

/** The default items validated (and with defaults filled in); a broken item fails at load. */
export const DEFAULT_CATALOG: readonly CatalogItem[] = DEFAULT_CATALOG_ITEMS.map((i) => CatalogItemSchema.parse(i));

const BY_CODE: ReadonlyMap<string, CatalogItem> = new Map(DEFAULT_CATALOG.map((i) => [i.code, i] as const));

/** The default item with this code, if any. */
export function findItem(code: string): CatalogItem | undefined {
  return BY_CODE.get(code);
}
