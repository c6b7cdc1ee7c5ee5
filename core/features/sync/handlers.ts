import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { syncStatus, syncNow, exportBundleFile, relayBundle, enrollStation } from './service';

/** sync.*: the link to central, and offline bundles. */
export const syncHandlers = {
  'sync.status': (ctx) => syncStatus(ctx),
  'sync.now': (ctx) => syncNow(ctx),
  'sync.exportBundle': (ctx) => exportBundleFile(ctx),
  'sync.relayBundle': (ctx, s, input) => relayBundle(ctx, me(s), input),
  'sync.enroll': (ctx, _s, input) => enrollStation(ctx, input),
} satisfies Partial<Handlers>;
