import { safeStorage, type UtilityProcess } from 'electron';

/**
 * safeStorage for the core: the core (a utility process, core/host/safe-storage-bridge.ts) seals and opens the
 * station's data key with the operating system's key store (Windows DPAPI, macOS Keychain, Linux libsecret or
 * KWallet) by asking main. Main only answers; which backend is acceptable (Linux basic_text needs a supervisor's
 * confirmation; a changed backend is never guessed at) is the core's decision (core/keys/protectors.ts).
 */
interface Request {
  type: 'safeStorage';
  id: number;
  op: 'info' | 'encrypt' | 'decrypt';
  data?: string;
}

function isRequest(m: unknown): m is Request {
  const r = m as Partial<Request> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.type === 'safeStorage' &&
    typeof r.id === 'number' &&
    (r.op === 'info' || r.op === 'encrypt' || r.op === 'decrypt') &&
    (r.data === undefined || (typeof r.data === 'string' && r.data.length <= 4096 && /^[A-Za-z0-9+/]*={0,2}$/.test(r.data)))
  );
}

async function backendInfo(): Promise<{ available: boolean; backend: string; platform: string }> {
  const available = await safeStorage.isAsyncEncryptionAvailable();
  const platform = process.platform;
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : platform === 'win32' ? 'dpapi' : platform === 'darwin' ? 'keychain' : 'unknown';
  return { available, backend, platform };
}

async function answer(r: Request): Promise<unknown> {
  if (r.op === 'info') return backendInfo();
  if (r.data === undefined) throw new Error('no data');
  if (r.op === 'encrypt') return (await safeStorage.encryptStringAsync(r.data)).toString('base64');
  return (await safeStorage.decryptStringAsync(Buffer.from(r.data, 'base64'))).result;
}

/** Answer one message from the core when it is a safeStorage request; false for any other message. */
export function answerSafeStorage(child: UtilityProcess, m: unknown): boolean {
  if (!isRequest(m)) return false;
  answer(m).then(
    (value) => child.postMessage({ type: 'safeStorage.reply', id: m.id, ok: true, value }),
    (e: unknown) => child.postMessage({ type: 'safeStorage.reply', id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
  );
  return true;
}
