import { CatalogItemSchema, type CatalogItem } from '../../shared/catalog/types';
import { DEFAULT_CATALOG } from '../../shared/catalog/default-catalog';
import type { Store } from '../store/types';

const DEFAULT_BY_CODE: ReadonlyMap<string, CatalogItem> = new Map(DEFAULT_CATALOG.map((i) => [i.code, i]));

/**
 * The catalog central checks cases against: the items published for the region, else the default catalog.
 * Cached per region; a publication in this process drops the cache at once, one by another process (the CLI)
 * is seen within `ttlMs`.
 */
export class CatalogCache {
  private readonly regions = new Map<string, { at: number; items: Map<string, CatalogItem> }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly ttlMs = 30_000,
  ) {}

  async ensure(regionCode: string): Promise<void> {
    const hit = this.regions.get(regionCode);
    if (hit && this.now() - hit.at < this.ttlMs) return;
    const items = new Map<string, CatalogItem>();
    let after = '';
    for (;;) {
      const page = await this.store.refsPage('catalog', regionCode, after, 500);
      for (const r of page) items.set(r.key, CatalogItemSchema.parse(JSON.parse(r.body)));
      const last = page[page.length - 1];
      if (!last || page.length < 500) break;
      after = last.key;
    }
    this.regions.set(regionCode, { at: this.now(), items });
  }

  /** Call `ensure(regionCode)` first. */
  item(regionCode: string, code: string): CatalogItem | undefined {
    return this.regions.get(regionCode)?.items.get(code) ?? DEFAULT_BY_CODE.get(code);
  }

  invalidate(regionCode?: string): void {
    if (regionCode === undefined) this.regions.clear();
    else this.regions.delete(regionCode);
  }
}
