import type { CoreContext } from '../context';
import { CatalogItemSchema, type CatalogItem, type Family } from '../../shared/catalog/types';
import { DEFAULT_CATALOG } from '../../shared/catalog/default-catalog';
import { nowInstant } from '../../shared/time';
import { fail } from '../../shared/api/errors';
import { namePinyin } from './pinyin';

/** Load the catalog in force, seeding the shipped default (事项清单) on first use. */
export function loadCatalog(ctx: Pick<CoreContext, 'repos' | 'tx' | 'clock'>): Map<string, CatalogItem> {
  if (ctx.repos.catalog.count() === 0) {
    const at = nowInstant(ctx.clock);
    ctx.tx(() => {
      for (const item of DEFAULT_CATALOG) {
        ctx.repos.catalog.upsert({ code: item.code, family: item.family, body: JSON.stringify(item), version: 1, source: 'default', updatedAt: at });
      }
      ctx.repos.audit.append({
        at,
        actorId: null,
        actorName: 'system',
        action: 'catalog.seed',
        entity: 'catalog',
        entityId: null,
        detail: { items: DEFAULT_CATALOG.length },
      });
    });
  }
  const out = new Map<string, CatalogItem>();
  for (const row of ctx.repos.catalog.all()) {
    out.set(row.code, CatalogItemSchema.parse(JSON.parse(row.body)));
  }
  return out;
}

export function requireItem(ctx: Pick<CoreContext, 'catalog'>, code: string, field = 'itemCode'): CatalogItem {
  const item = ctx.catalog.get(code);
  if (!item) fail('not_found', `事项 ${code} 不在事项清单中`, { field });
  return item;
}

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
