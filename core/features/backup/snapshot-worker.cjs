// The backup's store copy, off the core's event loop (a worker thread), so the window keeps working while it runs.
// Plain CommonJS: the same file runs from the source tree (tests) and from dist/node (build/bundle.mjs copies it).
//
// workerData: { mode: 'snapshot', source, dest, keyHex, cipher, nativeBinding }   (cipher: 'aegis' | 'chacha20' | 'sqlcipher4')
//   VACUUM INTO on a read-only connection: one consistent snapshot (a WAL read transaction: writers go on), written
//   encrypted with the connection's key (SQLite3MC's VACUUM INTO keeps the source's cipher and key). Then the copy is
//   opened afresh with the key and checked (quick_check), counted, and hashed.
// workerData: { mode: 'verify', source, keyHex, cipher, nativeBinding }
//   A restore's check of a backup's store: integrity_check, the same counts, and the hash of the file.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
const Database = require('better-sqlite3-multiple-ciphers');

/** As db/cipher CIPHER_PRAGMAS (this file is plain CommonJS and cannot import it). */
const CIPHER_PRAGMAS = {
  aegis: ["cipher = 'aegis'", "algorithm = 'aegis-256'"],
  chacha20: ["cipher = 'chacha20'", 'legacy = 0'],
  sqlcipher4: ["cipher = 'sqlcipher'", 'legacy = 4'],
};

/** As db/cipher.applyKey: the store's cipher, raw 256-bit key. */
function applyKey(db, keyHex, cipher) {
  const pragmas = CIPHER_PRAGMAS[cipher];
  if (!pragmas) throw new Error(`unknown store cipher ${cipher}`);
  for (const p of pragmas) db.pragma(p);
  db.pragma(`key = "x'${keyHex}'"`);
}

function open(path, readonly) {
  return new Database(path, { readonly, fileMustExist: true, ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}) });
}

function sha256Of(path) {
  const h = createHash('sha256');
  const buf = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  let bytes = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, bytes);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
      bytes += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: h.digest('hex'), bytes };
}

function describe(db, check) {
  const ok = db.pragma(check, { simple: true });
  if (ok !== 'ok') throw new Error(`${check}: ${String(ok)}`);
  const count = (t) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get();
  const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get();
  return {
    schemaVersion: db.pragma('user_version', { simple: true }),
    counts: { persons: count('persons'), cases: count('cases'), attachments: count('attachments'), auditRows: count('audit_log') },
    auditHead: head ? { id: head.id, hash: head.hash } : null,
  };
}

try {
  const { mode, source, keyHex } = workerData;
  let result;
  if (mode === 'snapshot') {
    const t0 = Date.now();
    const db = open(source, true);
    try {
      applyKey(db, keyHex, workerData.cipher);
      // A larger page cache for the index rebuilds VACUUM INTO does (the core's own connection keeps its 64 MiB).
      db.pragma('cache_size = -65536');
      db.prepare('VACUUM INTO ?').run(workerData.dest);
    } finally {
      db.close();
    }
    const t1 = Date.now();
    const copy = open(workerData.dest, true);
    try {
      applyKey(copy, keyHex, workerData.cipher);
      result = describe(copy, 'quick_check');
    } finally {
      copy.close();
    }
    const t2 = Date.now();
    Object.assign(result, sha256Of(workerData.dest));
    result.timings = { copyMs: t1 - t0, checkMs: t2 - t1, hashMs: Date.now() - t2 };
  } else if (mode === 'verify') {
    const db = open(source, true);
    try {
      applyKey(db, keyHex, workerData.cipher);
      result = describe(db, 'integrity_check');
    } finally {
      db.close();
    }
    Object.assign(result, sha256Of(source));
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  parentPort.postMessage({ ok: true, result });
} catch (e) {
  parentPort.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) });
}
