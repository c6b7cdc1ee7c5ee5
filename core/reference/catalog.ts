import type { CoreContext } from '../context';
import { CatalogItemSchema, type CatalogItem } from '../../shared/catalog/types';
import { DEFAULT_CATALOG } from '../../shared/catalog/default-catalog';
import { nowInstant } from '../../shared/time';
import { fail } from '../../shared/api/errors';

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
