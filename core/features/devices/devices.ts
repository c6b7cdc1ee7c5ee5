import { createHash, randomBytes } from 'node:crypto';
import type { CoreContext } from '../../context';
import { beginDeviceSession, type Session } from '../../session';
import type { SessionUser } from '../../../shared/api/channels/auth';
import type { Device, DevicePrincipal } from '../../../shared/api/channels/devices';
import type { DeviceKind } from '../../../shared/roles';
import type { DeviceRecord } from '../../../db/repos/front';
import { fail } from '../../../shared/api/errors';
import { nowInstant } from '../../../shared/time';

/**
 * The public screens' narrow credentials (issue 15): a customer display (叫号屏; with a window, that window's
 * 评价器 too) or a kiosk (取号机). A key of 24 random bytes is shown once; the store keeps its SHA-256 (a key this
 * long needs no slow hash). A session signed in with it is a device session: the router lets it call only its
 * kind's channels (shared/access.ts), and ends it when the credential is revoked.
 */

export function keyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function deviceView(d: DeviceRecord): Device {
  return { id: d.id, kind: d.kind, name: d.name, windowNo: d.windowNo, createdAt: d.createdAt, revokedAt: d.revokedAt, lastSeenAt: d.lastSeenAt };
}

export function principalOf(d: DeviceRecord): DevicePrincipal {
  return { id: d.id, kind: d.kind, name: d.name, windowNo: d.windowNo };
}

export function listDevices(ctx: CoreContext): Device[] {
  return ctx.repos.front.devices().map(deviceView);
}

export function issueDevice(ctx: CoreContext, me: SessionUser, input: { kind: DeviceKind; name: string; windowNo: number | null }): { device: Device; key: string } {
  if (input.windowNo !== null && !ctx.repos.front.windows().some((w) => w.no === input.windowNo)) {
    fail('invalid_input', `没有 ${input.windowNo} 号窗口，请先在“窗口与取号”中设置`, { field: 'windowNo' });
  }
  const key = randomBytes(24).toString('base64url');
  const at = nowInstant(ctx.clock);
  const record: DeviceRecord = {
    id: ctx.newId(),
    kind: input.kind,
    name: input.name,
    windowNo: input.kind === 'display' ? input.windowNo : null,
    keyHash: keyHash(key),
    createdBy: me.id,
    createdAt: at,
    revokedAt: null,
    lastSeenAt: null,
  };
  ctx.tx(() => {
    ctx.repos.front.insertDevice(record);
    ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action: 'device.issue', entity: 'device', entityId: record.id, detail: { kind: record.kind, name: record.name, windowNo: record.windowNo } });
  });
  return { device: deviceView(record), key };
}

export function revokeDevice(ctx: CoreContext, me: SessionUser, id: string): Device {
  const d = ctx.repos.front.deviceById(id);
  if (!d) fail('not_found', '设备不存在', { field: 'id' });
  const at = nowInstant(ctx.clock);
  ctx.tx(() => {
    ctx.repos.front.revokeDevice(id, at);
    ctx.repos.audit.append({ at, actorId: me.id, actorName: me.displayName, action: 'device.revoke', entity: 'device', entityId: id, detail: { kind: d.kind, name: d.name } });
  });
  return deviceView(ctx.repos.front.deviceById(id)!);
}

/** Sign a session in as the display or kiosk whose key this is; a wrong or revoked key is refused (and audited). */
export function signInDevice(ctx: CoreContext, session: Session, key: string): DevicePrincipal {
  const d = ctx.repos.front.deviceByKeyHash(keyHash(key));
  const at = nowInstant(ctx.clock);
  if (!d || d.revokedAt !== null) {
    ctx.txRelaxed(() =>
      ctx.repos.audit.append({ at, actorId: null, actorName: session.client, action: 'device.refused', entity: 'device', entityId: d?.id ?? null, detail: { why: d ? 'revoked' : 'unknown' } }),
    );
    fail('not_signed_in', d ? '此设备的凭证已被停用，请联系站点负责人重新配对' : '设备密钥无效，请核对后重新输入');
  }
  const principal = principalOf(d);
  ctx.tx(() => {
    ctx.repos.front.touchDevice(d.id, at);
    ctx.repos.audit.append({ at, actorId: d.id, actorName: d.name, action: 'device.sign_in', entity: 'device', entityId: d.id, detail: { kind: d.kind, client: session.client } });
  });
  beginDeviceSession(session, principal, ctx.clock.now());
  return principal;
}

/** The device a session is (the router let only a device session through). */
export function myDevice(session: Session): DevicePrincipal {
  if (!session.device) fail('not_signed_in', '此页面需要叫号屏或取号机的设备密钥');
  return session.device;
}
