import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionInfo, SessionUser } from '../../../shared/api/channels/auth';
import type { Station } from '../../../shared/api/channels/setup';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/errors';
import { api, onSessionLost } from '../api/client';
import { recoveryVault } from '../screens/intake/recovery';
import { navigate, paths } from '../lib/router';

/** `storeLocked`: the station's data key is not open (core/keys): the unlock screen asks for a passphrase or the recovery key. */
export type Phase = 'loading' | 'unreachable' | 'storeLocked' | 'setup' | 'signIn' | 'ready';

export interface SessionApi {
  phase: Phase;
  station: Station | null;
  user: SessionUser | null;
  /** Locked after idle time: the core session is signed out until the password is typed again. */
  locked: boolean;
  lockedUsername: string | null;
  loadError: ApiError | null;
  reload(): void;
  initialize(input: ChannelInput<'setup.initialize'>): Promise<ApiResult<unknown>>;
  signIn(username: string, password: string): Promise<ApiResult<unknown>>;
  /** Sign out; `dropUnsaved` removes the user's unsaved intakes kept (sealed) on this workstation. */
  signOut(options?: { dropUnsaved?: boolean }): Promise<void>;
  /** How many intakes the signed-in user left unsaved on this workstation (asked before signing out). */
  unsavedIntakes(): number;
  lock(): void;
  /** The core's session: its idle limit (the lock follows it) and a password a supervisor reset (null: none). */
  session: SessionInfo | null;
  /** Why the core ended the session (an account changed by a supervisor), shown on the sign-in screen. */
  endedBecause: ApiError | null;
  /** The user chose a new password (after a reset): the session carries on. */
  passwordChanged(info: SessionInfo): void;
  /** Back to the sign-in screen from the lock screen (another clerk takes over). */
  switchUser(): void;
}

const LOCK_KEY = 'yibao.lockedUser';

type Boot = [ApiResult<ChannelOutput<'setup.status'>>, ApiResult<ChannelOutput<'auth.me'>>];
let earlyBoot: Promise<Boot> | null = null;

/** Ask the core who we are as early as possible (main.tsx calls it before React renders); both questions at once. */
export function startBoot(): Promise<Boot> {
  earlyBoot ??= Promise.all([api().invoke('setup.status', {}), api().invoke('auth.me', {})]);
  return earlyBoot;
}

/** The early answer once; later loads (retry) ask again. */
function takeBoot(): Promise<Boot> {
  const b = startBoot();
  earlyBoot = null;
  return b;
}
const SessionContext = createContext<SessionApi | null>(null);

/** Open the signed-in user's sealed unsaved intakes with their key from the core (held in memory only). */
async function openVault(user: SessionUser): Promise<void> {
  const r = await api().invoke('keys.localStorageKey', {});
  if (r.ok) await recoveryVault().open(user.id, r.value.key, Date.now());
  else recoveryVault().close();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>('loading');
  const [station, setStation] = useState<Station | null>(null);
  const [user, setUser] = useState<SessionUser | null>(null);
  const [lockedUsername, setLockedUsername] = useState<string | null>(() => sessionStorage.getItem(LOCK_KEY));
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [endedBecause, setEndedBecause] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const [status, me] = await takeBoot();
      if (cancelled) return;
      if (!status.ok) {
        setLoadError(status.error);
        setPhase(status.error.code === 'store_locked' ? 'storeLocked' : 'unreachable');
        return;
      }
      setStation(status.value.station);
      if (!status.value.initialized) {
        setPhase('setup');
        return;
      }
      if (me.ok && me.value.user) {
        setSession(me.value.session);
        await openVault(me.value.user);
        if (cancelled) return;
        setUser(me.value.user);
        setPhase('ready');
      } else {
        setPhase(sessionStorage.getItem(LOCK_KEY) ? 'ready' : 'signIn');
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const reload = useCallback(() => {
    setPhase('loading');
    setAttempt((a) => a + 1);
  }, []);

  const initialize = useCallback(async (input: ChannelInput<'setup.initialize'>) => {
    const r = await api().invoke('setup.initialize', input);
    if (r.ok) {
      await openVault(r.value.user);
      setStation(r.value.station);
      setUser(r.value.user);
      setPhase('ready');
    }
    return r;
  }, []);

  const signIn = useCallback(async (username: string, password: string) => {
    const r = await api().invoke('auth.signIn', { username, password });
    if (r.ok) {
      setSession(r.value.session);
      setEndedBecause(null);
      sessionStorage.removeItem(LOCK_KEY);
      await openVault(r.value.user);
      setLockedUsername(null);
      setUser(r.value.user);
      setPhase('ready');
    }
    return r;
  }, []);

  const signOut = useCallback(async (options: { dropUnsaved?: boolean } = {}) => {
    if (options.dropUnsaved) recoveryVault().dropAll();
    await recoveryVault().flush();
    recoveryVault().close();
    await api().invoke('auth.signOut', {});
    sessionStorage.removeItem(LOCK_KEY);
    setLockedUsername(null);
    setUser(null);
    // The next user starts at the home screen (the queue), never on the page the previous one left open.
    navigate(paths.queue());
    setPhase('signIn');
  }, []);

  const lock = useCallback(() => {
    if (!user) return;
    sessionStorage.setItem(LOCK_KEY, user.username);
    setLockedUsername(user.username);
    // The page forgets the key of the unsaved intakes (they stay sealed) until the user signs in again.
    void recoveryVault()
      .flush()
      .then(() => recoveryVault().close());
    // The core forgets the user until the password is given again: nothing can be read while locked.
    void api().invoke('auth.signOut', {});
  }, [user]);

  const switchUser = useCallback(() => {
    recoveryVault().close();
    sessionStorage.removeItem(LOCK_KEY);
    setLockedUsername(null);
    setUser(null);
    navigate(paths.queue());
    setPhase('signIn');
  }, []);

  const unsavedIntakes = useCallback(() => recoveryVault().count(), []);

  // The core ends a session by itself (idle or 12 hours: the window locks; an account a supervisor changed: back
  // to sign-in, saying why). Every answer of the API is watched for it (api/client onSessionLost).
  const lockRef = useRef(lock);
  const stateRef = useRef({ user, locked: lockedUsername !== null });
  useEffect(() => {
    lockRef.current = lock;
    stateRef.current = { user, locked: lockedUsername !== null };
  }, [lock, user, lockedUsername]);
  useEffect(
    () =>
      onSessionLost((error) => {
        const { user: u, locked } = stateRef.current;
        if (!u || locked) return;
        if (error.code === 'session_expired') {
          lockRef.current();
          return;
        }
        if (error.code === 'not_signed_in') {
          recoveryVault().close();
          sessionStorage.removeItem(LOCK_KEY);
          setEndedBecause(error);
          setLockedUsername(null);
          setUser(null);
          setPhase('signIn');
        }
      }),
    [],
  );
  const passwordChanged = useCallback((info: SessionInfo) => setSession(info), []);

  const value = useMemo<SessionApi>(
    () => ({
      phase,
      station,
      user,
      locked: lockedUsername !== null,
      lockedUsername,
      loadError,
      reload,
      initialize,
      signIn,
      signOut,
      unsavedIntakes,
      lock,
      session,
      endedBecause,
      passwordChanged,
      switchUser,
    }),
    [phase, station, user, lockedUsername, loadError, reload, initialize, signIn, signOut, unsavedIntakes, lock, session, endedBecause, passwordChanged, switchUser],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user; only for screens shown after sign-in. */
export function useUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('no signed-in user');
  return user;
}
