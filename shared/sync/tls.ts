import { z } from 'zod';

/**
 * How a station reaches central safely. The bearer credential and personal data go to central on every request:
 * never in clear over a network. `http://` is for the machine itself only (a test central on 127.0.0.1); anything
 * else must be `https://`, trusted by the system's certificate store, by a provincial CA the station was given
 * (its PEM), or by the SHA-256 fingerprint of central's certificate entered at connect time (a pin: then that
 * certificate and no other, whoever signed it).
 */

/** 127.0.0.0/8, ::1 and localhost: the machine itself. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Why a central URL may not be used (in Chinese), or null when it may. */
export function centralUrlProblem(url: string): string | null {
  // (shared/ has no URL class: scheme and host by the URL grammar.)
  const m = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/?#]*@)?(\[[^\]/?#]*\]|[^:/?#]*)/i.exec(url.trim());
  if (!m || m[2] === '') return '中心地址格式不对，例如 https://yb.example.gov.cn';
  const scheme = m[1]!.toLowerCase();
  if (scheme === 'https') return null;
  if (scheme === 'http') {
    return isLoopbackHost(m[2]!) ? null : '中心地址须以 https:// 开头：http:// 会明文传送站点凭证和个人信息（只有本机测试可用 http://127.0.0.1）';
  }
  return '中心地址须以 https:// 开头';
}

/**
 * The SHA-256 fingerprint of central's certificate as people copy it (`openssl x509 -noout -fingerprint -sha256`:
 * AB:CD:…, or plain hex), kept as 64 lowercase hex digits.
 */
export const CertPinSchema = z
  .string()
  .trim()
  .transform((s) => s.replace(/^sha256\s*(fingerprint)?\s*=?\s*/i, '').replace(/[\s:]/g, '').toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, '证书指纹应为 SHA-256 指纹：64 位十六进制数字（可带冒号）'));

/** An extra CA certificate (a provincial private PKI), PEM. */
export const CaPemSchema = z
  .string()
  .trim()
  .max(64 * 1024, 'CA 证书过长')
  .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, 'CA 证书应为 PEM 格式（以 -----BEGIN CERTIFICATE----- 开头）');

/** How the station trusts central's certificate beyond the system's store. */
export interface CentralTls {
  /** 64 lowercase hex digits: central's certificate must be exactly this one. */
  pinSha256?: string | null;
  /** PEM of an extra CA to trust (besides the system's). */
  caPem?: string | null;
}
