import type { Handlers } from '../../feature';
import { me } from '../../feature';
import { backupStatus, configureBackup, listBackups, startBackup } from './backup';
import { inspectBackups, restoreBackup } from './restore';

/** backup.*: encrypted backups to a folder the supervisor picks, and restore on a new install. */
export const backupHandlers = {
  'backup.status': (ctx) => backupStatus(ctx),
  'backup.configure': (ctx, s, input) => configureBackup(ctx, me(s), input),
  'backup.run': (ctx, s) => startBackup(ctx, me(s)),
  'backup.list': (ctx) => listBackups(ctx),
  'backup.inspect': (ctx, _s, input) => inspectBackups(ctx, input),
  'backup.restore': (ctx, _s, input) => restoreBackup(ctx, input),
} satisfies Partial<Handlers>;
