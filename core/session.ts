import type { SessionUser } from '../shared/api/channels/auth';
import type { DevicePrincipal } from '../shared/api/channels/devices';
import { createHash } from 'node:crypto';
import { nowInstant } from '../shared/time';

/**
 * One connection's state: an Electron window's port, or one browser tab in serve mode (each tab signs in on its
 * own; holding the serve token is not a session). Signed in or not, and for how long.
 */
export interface Session {
  user: SessionUser | null;
  /** Epoch ms of the sign-in (the absolute limit counts from it). */
  signedInAt: number;
  /** Epoch ms of the last request the user made (the idle limit counts from it). */
  lastActiveAt: number;
  /** Signed in with a password a supervisor reset: nothing works until the user chooses a new one. */
  mustChangePassword: boolean;
  /** Who is at the other end, for the per-client sign-in limit: `port:<n>` (a window), `http:<address>`, `test`. */
  client: string;
  /** Names the password the session signed in with (credentialStamp): a new one set elsewhere (a reset) ends it. */
  credentialStamp: string | null;
  /**
   * A public screen signed in with its narrow credential (a customer display or a kiosk: devices.signIn), never
   * together with a user. The router lets it call only the channels its kind is named on (shared/access.ts).
   */
  device: DevicePrincipal | null;
}

export function newSession(client = 'local'): Session {
  return { user: null, signedInAt: 0, lastActiveAt: 0, mustChangePassword: false, client, credentialStamp: null, device: null };
}

/** How long a signed-in session lasts in the core. */
export interface SessionLimits {
  /** Without a request for this long, the user must sign in again (the UI locks at the same time). */
  idleMs: number;
  /** Signed in this long, the user must sign in again whatever they did. */
  absoluteMs: number;
}

export const DEFAULT_IDLE_MINUTES = 15;
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: DEFAULT_IDLE_MINUTES * 60_000, absoluteMs: 12 * 3600_000 };

/** Start the session of a user who just proved who they are. */
export function beginSession(session: Session, user: SessionUser, now: number, mustChangePassword: boolean): void {
  session.device = null;
  session.user = user;
  session.signedInAt = now;
  session.lastActiveAt = now;
  session.mustChangePassword = mustChangePassword;
}

/** A short digest naming a stored password hash (a new password, even the same one again, has a new salt). */
export function credentialStamp(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 22);
}

export function endSession(session: Session): void {
  session.user = null;
  session.signedInAt = 0;
  session.lastActiveAt = 0;
  session.mustChangePassword = false;
  session.credentialStamp = null;
  session.device = null;
}

/** Make the session a display's or a kiosk's (devices.signIn): no user is signed in on it any more. */
export function beginDeviceSession(session: Session, device: DevicePrincipal, now: number): void {
  endSession(session);
  session.device = device;
  session.signedInAt = now;
  session.lastActiveAt = now;
}

/** Why a signed-in session is over at `now`, or null while it lasts. */
export function sessionExpiry(session: Session, now: number, limits: SessionLimits): 'idle' | 'absolute' | null {
  if (!session.user) return null;
  if (now - session.signedInAt >= limits.absoluteMs) return 'absolute';
  if (now - session.lastActiveAt >= limits.idleMs) return 'idle';
  return null;
}

const limitsByCore = new WeakMap<object, SessionLimits>();

/**
 * The session limits of a core (createCore sets them; tests shorten or lift them). Keyed by the core's event bus,
 * which a store reopened in place keeps.
 */
export function setSessionLimits(ctx: { events: object }, limits: SessionLimits): void {
  limitsByCore.set(ctx.events, limits);
}

export function sessionLimitsOf(ctx: { events: object }): SessionLimits {
  return limitsByCore.get(ctx.events) ?? DEFAULT_SESSION_LIMITS;
}

/** What the UI is told of its session: the idle limit it locks by, the absolute end, a pending password change. */
export function sessionInfo(session: Session, limits: SessionLimits): { idleMinutes: number; expiresAt: string; mustChangePassword: boolean } | null {
  if (!session.user) return null;
  const idle = Number.isFinite(limits.idleMs) ? Math.max(1, Math.round(limits.idleMs / 60_000)) : 24 * 60;
  const end = Number.isFinite(limits.absoluteMs) ? session.signedInAt + limits.absoluteMs : session.signedInAt + 365 * 86_400_000;
  return { idleMinutes: idle, expiresAt: nowInstant({ now: () => end }), mustChangePassword: session.mustChangePassword };
}
