import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { syncStatus, syncNow, exportBundleFile, relayBundle, enrollStation, bundlePreview, readBundleChunk } from './service';
import { accessFor, caseInReach } from '../../access';

/** sync.*: the link to central, and offline bundles. */
export const syncHandlers = {
  'sync.status': (ctx, s) => {
    // Every role sees the link; the refused ops listed are those of cases within the user's reach.
    const a = accessFor(s, 'sync.status');
    return syncStatus(ctx, (caseId) => {
      const c = ctx.repos.cases.byId(caseId);
      return c !== null && caseInReach(ctx, a, c);
    });
  },
  'sync.now': (ctx) => syncNow(ctx),
  'sync.exportBundle': (ctx, s) => exportBundleFile(ctx, me(s)),
  'sync.bundlePreview': (ctx) => bundlePreview(ctx),
  'sync.readBundle': (ctx, _s, input) => readBundleChunk(ctx, input),
  'sync.relayBundle': (ctx, s, input) => relayBundle(ctx, me(s), input),
  'sync.enroll': (ctx, s, input) => enrollStation(ctx, me(s), input),
} satisfies Partial<Handlers>;
