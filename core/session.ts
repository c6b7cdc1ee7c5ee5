import type { SessionUser } from '../shared/api/channels/auth';

/** One connection's state (an Electron window's port, or a serve-mode browser token). */
export interface Session {
  user: SessionUser | null;
}

export function newSession(): Session {
  return { user: null };
}
