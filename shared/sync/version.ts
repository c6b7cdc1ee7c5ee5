import { z } from 'zod';

/**
 * Protocol versioning.
 *
 * - The MAJOR version is in the URL path (`/v1/…`). A breaking change gets a new path (`/v2`), served beside
 *   `/v1` for as long as stations still use it.
 * - Every request names the MINOR version the station speaks: `protocol: "1.<minor>"` in JSON bodies, the
 *   `protocol` query parameter on GET requests.
 * - Inside one major version, changes are additive only: a new minor may add optional request fields, new op
 *   kinds, new change kinds and new error codes — never remove or re-type anything.
 * - The server accepts every minor from 1.0 up to its own, and answers each station in its own dialect: a pull
 *   never contains a change kind newer than the minor the station named (`CHANGE_KIND_SINCE`), so an older
 *   station keeps working untouched. A station that moves to a newer minor resets its pull cursor (full
 *   resync of reference data) so it gets the kinds it skipped.
 * - A request naming a newer minor than the server's is refused (`protocol-unsupported`); the station reads the
 *   server's minor from `GET /v1/health` and speaks `min(own, server)`.
 *
 * Minors:
 * - 1.0 — the first version.
 * - 1.1 — one-step intake: `case.accept` / `case.accept_rongque` may carry `baseVersion: null` for a case
 *   created and accepted in one step at the window (snapshot version 2), so such a case is one op, not two
 *   (`ONE_STEP_ACCEPT_SINCE` in ops.ts). No new change kinds.
 * - 1.2 — signed, sealed bundles: the enroll request may carry the station's Ed25519 `signingKey` and the answer
 *   carries central's X25519 `centralKey` (and `PUT /v1/stations/me/signing-key` for a station enrolled before);
 *   a bundle is format 2 (shared/sync/bundle.ts), format 1 is refused; an upload's create may carry its first
 *   chunk (uploads.ts). No new change kinds or op kinds: a station moving from 1.1 to 1.2 keeps its pull cursor.
 * - 1.3 — the front office (issue 15): op kinds `front.day` (a day's ticket figures), `front.rating` (好差评) and
 *   `front.followup` (the follow-up of a bad rating), and change kinds `front.rating` / `front.followup` (the
 *   station's own, as central keeps them: highest version wins) — shared/sync/front.ts. A station writes the ops
 *   only to a central that speaks 1.3.
 * - 1.4 — visit records of the mobile service teams (issue 16): op kind `visit.recorded` (shared/sync/visits.ts),
 *   the whole record each time with its own version, central keeping the highest. No new change kinds: a station
 *   moving from 1.3 keeps its pull cursor. A station writes the ops only to a central that speaks 1.4.
 * - 1.5 — upload packs (issue 14, a poor link): `POST /v1/uploads/pack` carries several small attachments, each
 *   whole, in one request (shared/sync/upload-pack.ts). No new op or change kinds: the station keeps its pull cursor,
 *   and uploads one attachment per request to a central that speaks less.
 * - 1.6 — what the window did before it heard central's word. Filing after the decision (归档):
 *   `case.attachment_added` and `case.materials_recorded` on a case central already decided (approved, rejected,
 *   completed) are filed with the case — its attachments joined, its decision and materials unchanged — where central
 *   answered `case-locked` before (`FILING_SINCE` in ops.ts). Withdrawal until the decision: `case.withdraw` of a case
 *   central holds undecided (submitted, returned) is honoured and its claims let go, where central answered
 *   `illegal-transition` before (`WITHDRAW_UNTIL_DECIDED_SINCE`). Central does both whatever minor the station
 *   speaks (an older station only gains an `applied`); a station relies on them only while the central it talks to
 *   speaks 1.6. No new op or change kinds.
 */
export const PROTOCOL_MAJOR = 1;
export const PROTOCOL_MINOR = 6;
/** The minor since which stations sign their bundles (and may register a signing key). */
export const SIGNED_BUNDLES_SINCE = 2;
export const PROTOCOL_VERSION = `${PROTOCOL_MAJOR}.${PROTOCOL_MINOR}`;

export const ProtocolVersionSchema = z
  .string()
  .regex(/^\d{1,3}\.\d{1,3}$/, '协议版本格式应为“主版本.次版本”，例如 1.0')
  .meta({ description: 'Protocol version the station speaks, "<major>.<minor>" (e.g. "1.0").' });

export interface ProtocolVersion {
  major: number;
  minor: number;
}

export function parseProtocol(v: string): ProtocolVersion | null {
  const m = /^(\d{1,3})\.(\d{1,3})$/.exec(v);
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]) };
}

export type ProtocolCheck = { ok: true; minor: number } | { ok: false; message: string };

/** Whether a server speaking `server` accepts a request in version `requested`. */
export function checkProtocol(requested: string, server: ProtocolVersion = { major: PROTOCOL_MAJOR, minor: PROTOCOL_MINOR }): ProtocolCheck {
  const v = parseProtocol(requested);
  if (!v) return { ok: false, message: `协议版本“${requested}”格式不对，应为“主版本.次版本”` };
  if (v.major !== server.major) {
    return { ok: false, message: `协议主版本 ${v.major} 不受支持：本接口为 ${server.major}.x，请使用 /v${v.major} 接口或升级工作站` };
  }
  if (v.minor > server.minor) {
    return { ok: false, message: `协议版本 ${requested} 比中心系统的 ${server.major}.${server.minor} 新，请按中心系统的版本通信` };
  }
  return { ok: true, minor: v.minor };
}

/** The version string a station speaking `minor` names in its requests. */
export function protocolString(minor: number): string {
  return `${PROTOCOL_MAJOR}.${minor}`;
}
