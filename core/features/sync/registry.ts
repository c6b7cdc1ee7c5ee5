import type { CoreContext } from '../../context';
import { SyncEngine, type EngineOptions } from './engine';

/** The one sync engine of a core (its channels and its host reach it through the context). */
const engines = new WeakMap<CoreContext, SyncEngine>();

/** Make `ctx`'s sync engine (stopping one made before). */
export function installSyncEngine(ctx: CoreContext, options: EngineOptions = {}): SyncEngine {
  engines.get(ctx)?.stop();
  const engine = new SyncEngine(ctx, options);
  engines.set(ctx, engine);
  return engine;
}

export function syncEngineOf(ctx: CoreContext): SyncEngine | null {
  return engines.get(ctx) ?? null;
}
