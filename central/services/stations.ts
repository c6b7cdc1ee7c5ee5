import { randomInt } from 'node:crypto';
import { instantFromEpoch, nowInstant } from '../../shared/time';
import { createPublicKey } from 'node:crypto';
import type { EnrollRequest, EnrollResponse, SigningKeyRequest, SigningKeyResponse, StationInfo } from '../../shared/sync/stations';
import type { NewSigningKey } from '../store/types';
import { keyIdOf, publicBundleKey } from './bundle-key';
import type { IssueCodeRequest, IssueCodeResponse, StationSummary } from '../../shared/sync/admin';
import type { StationRow } from '../store/types';
import { randomSecret, sha256Hex } from '../util/hash';
import type { CentralContext } from './context';
import { fail } from './errors';

/** Letters and digits that cannot be mistaken for each other when read out over the phone (no 0/O, 1/I/L). */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CREDENTIAL_PREFIX = 'ycs1_';

function newCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Codes are typed by people: case, spaces and dashes do not matter. */
function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function codeHash(stationId: string, code: string): string {
  return sha256Hex(`${stationId}:${normaliseCode(code)}`);
}

export function credentialHash(credential: string): string {
  return sha256Hex(credential);
}

export function stationInfo(s: StationRow): StationInfo {
  return { stationId: s.id, stationCode: s.code, stationName: s.name, regionCode: s.regionCode, lastSeq: s.lastSeq };
}

export function stationSummary(s: StationRow): StationSummary {
  return {
    stationId: s.id,
    stationCode: s.code,
    name: s.name,
    regionCode: s.regionCode,
    state: s.state,
    lastSeq: s.lastSeq,
    enrolledAt: s.enrolledAt,
    revokedAt: s.revokedAt,
    lastSeenAt: s.lastSeenAt,
  };
}

/**
 * Back office: a one-time enrollment code for a station code. The station record is made on first use (a
 * region code is then required); issuing a code again is how a reinstalled or revoked station comes back.
 */
export async function issueCode(ctx: CentralContext, stationCode: string, req: IssueCodeRequest): Promise<IssueCodeResponse> {
  const at = nowInstant(ctx.clock);
  let station = await ctx.store.stationByCode(stationCode);
  if (!station) {
    if (!req.regionCode) fail('invalid-request', `站点 ${stationCode} 尚未登记：首次开通须指定区划代码`, { field: 'regionCode' });
    station = {
      id: ctx.newId(),
      code: stationCode,
      name: req.name ?? stationCode,
      regionCode: req.regionCode,
      state: 'pending',
      credentialHash: null,
      lastSeq: 0,
      enrollFailures: 0,
      enrolledAt: null,
      revokedAt: null,
      lastSeenAt: null,
      createdAt: at,
    };
    await ctx.store.insertStation(station);
  } else if (req.name !== undefined || req.regionCode !== undefined) {
    await ctx.store.updateStationProfile(station.id, req.name ?? station.name, req.regionCode ?? station.regionCode);
    station = { ...station, name: req.name ?? station.name, regionCode: req.regionCode ?? station.regionCode };
  }
  const code = newCode();
  const ttl = req.ttlHours ?? ctx.config.enroll.codeTtlHours;
  const expiresAt = instantFromEpoch(ctx.clock.now() + ttl * 3_600_000);
  await ctx.store.insertEnrollCode({ codeHash: codeHash(station.id, code), stationId: station.id, expiresAt, usedAt: null, createdAt: at });
  return { stationId: station.id, stationCode: station.code, regionCode: station.regionCode, code, expiresAt };
}

const REFUSED = '开通码不正确、已使用或已过期，请向中心重新申请开通码';

/**
 * Seqs left to a signing key a re-enrollment retires: its bundles' ops central has not seen take seqs in this
 * window, and the station's own seqs continue after it (its lastSeq jumps by this much). More than a bundle can
 * hold (shared/sync/bundle.ts: a million ops).
 */
export const RETIRED_KEY_SEQ_WINDOW = 1_000_000;

/** A station's public signing key as central keeps it (the request's schema has checked its form). */
function signingKey(spkiBase64: string): NewSigningKey {
  const der = Buffer.from(spkiBase64, 'base64');
  let type: string | undefined;
  try {
    type = createPublicKey({ key: der, format: 'der', type: 'spki' }).asymmetricKeyType;
  } catch {
    type = undefined;
  }
  if (type !== 'ed25519') fail('invalid-request', 'signingKey 不是有效的 Ed25519 公钥', { field: 'signingKey' });
  return { keyId: keyIdOf(der), publicKey: der.toString('base64') };
}

/** A station enrolls with its one-time code and gets its credential (only the hash is kept). */
export async function enroll(ctx: CentralContext, req: EnrollRequest): Promise<EnrollResponse> {
  const station = await ctx.store.stationByCode(req.stationCode);
  if (!station) fail('enroll-refused', REFUSED);
  if (station.enrollFailures >= ctx.config.enroll.maxFailures) {
    fail('enroll-refused', `开通码输错次数过多，已锁定：请向中心重新申请开通码`);
  }
  const at = nowInstant(ctx.clock);
  const credential = `${CREDENTIAL_PREFIX}${randomSecret(32)}`;
  const key = req.signingKey === undefined ? null : signingKey(req.signingKey);
  const ok = await ctx.store.enrollWithCode(station.id, codeHash(station.id, req.code), credentialHash(credential), at, { key, reserve: RETIRED_KEY_SEQ_WINDOW });
  if (!ok) {
    await ctx.store.recordEnrollFailure(station.id);
    fail('enroll-refused', REFUSED);
  }
  // lastSeq as it is now: past the window a retired key keeps, if there was one.
  const enrolled = (await ctx.store.stationById(station.id)) ?? station;
  return {
    ...stationInfo(enrolled),
    credential,
    serverTime: at,
    ...(key ? { signingKeyId: key.keyId } : {}),
    centralKey: publicBundleKey(ctx.bundleKey),
  };
}

/** A station enrolled before 1.2 registers its first signing key (PUT /v1/stations/me/signing-key). */
export async function registerSigningKey(ctx: CentralContext, station: StationRow, req: SigningKeyRequest): Promise<SigningKeyResponse> {
  const key = signingKey(req.signingKey);
  const known = (await ctx.store.stationKeys(station.id)).find((k) => k.keyId === key.keyId);
  // The same request again (its answer was lost): the same answer.
  if (!(known?.state === 'active' || (await ctx.store.registerSigningKey(station.id, key, nowInstant(ctx.clock))))) {
    fail('conflict', `站点 ${station.code} 已登记签名密钥：如需更换，请向中心申请开通码重新开通`);
  }
  return { signingKeyId: key.keyId, centralKey: publicBundleKey(ctx.bundleKey) };
}

export async function revoke(ctx: CentralContext, stationCode: string): Promise<StationRow> {
  const station = await ctx.store.stationByCode(stationCode);
  if (!station) fail('not-found', `站点 ${stationCode} 不存在`);
  const at = nowInstant(ctx.clock);
  await ctx.store.revokeStation(station.id, at);
  return { ...station, state: 'revoked', revokedAt: at };
}

/** The station a bearer credential belongs to; refuses missing, unknown and revoked credentials. */
export async function authenticate(ctx: CentralContext, authorization: string | undefined): Promise<StationRow> {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  if (!m) fail('unauthenticated', '缺少站点凭证：请求须带 Authorization: Bearer <站点凭证>，未开通的站点请先用开通码开通');
  const station = await ctx.store.stationByCredentialHash(credentialHash(m[1]!));
  if (!station) fail('unauthenticated', '站点凭证无效：中心不认识此凭证，请重新开通站点');
  if (station.state === 'revoked') fail('station-revoked', `站点 ${station.code} 已被中心停用，不能同步；如需恢复请联系中心重新开通`);
  if (station.state !== 'active') fail('unauthenticated', '站点尚未开通');
  // Remember when the station was last heard from (at most once a minute: it costs a write).
  const now = ctx.clock.now();
  if (station.lastSeenAt === null || now - Date.parse(station.lastSeenAt) > 60_000) {
    await ctx.store.touchStation(station.id, instantFromEpoch(now));
  }
  return station;
}
