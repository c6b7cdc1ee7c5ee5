import type { CoreContext } from '../../context';
import type { CatalogItem, Family } from '../../../shared/catalog/types';
import { namePinyin } from '../../reference/pinyin';

const searchKeys = new WeakMap<CatalogItem, string>();

function keysOf(item: CatalogItem): string {
  let k = searchKeys.get(item);
  if (k === undefined) {
    const name = item.name['zh-CN'];
    const group = item.group['zh-CN'];
    const p = namePinyin(name);
    const g = namePinyin(group);
    k = [name, group, p.full, p.initials, g.full, g.initials, item.name.en.toLowerCase(), ...item.keywords].join(' ').toLowerCase();
    searchKeys.set(item, k);
  }
  return k;
}

/** Items of the catalog, filtered by family and by a search on name, group, pinyin or initials. */
export function listItems(ctx: Pick<CoreContext, 'catalog'>, family?: Family, q?: string): CatalogItem[] {
  const needle = q?.trim().toLowerCase() ?? '';
  return [...ctx.catalog.values()].filter((i) => (!family || i.family === family) && (needle === '' || keysOf(i).includes(needle)));
}
