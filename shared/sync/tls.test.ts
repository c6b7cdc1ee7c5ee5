import { describe, expect, it } from 'vitest';
import { CaPemSchema, CertPinSchema, centralUrlProblem, isLoopbackHost } from './tls';

describe('central URLs a station may use', () => {
  it('https:// anywhere, http:// only to this machine', () => {
    for (const ok of ['https://yb.example.gov.cn', 'https://10.0.0.5:8443/', 'http://127.0.0.1:8780', 'HTTP://127.0.0.5', 'http://localhost/x', 'http://[::1]:80']) expect(centralUrlProblem(ok), ok).toBeNull();
    for (const bad of ['http://10.1.1.1', 'http://yb.example.gov.cn', 'http://127.0.0.1.evil.com', 'http://127.0.0.1@evil.com/', 'http://[::2]/']) expect(centralUrlProblem(bad), bad).toContain('https://');
    expect(centralUrlProblem('ftp://x')).toContain('https://');
    expect(centralUrlProblem('nonsense')).toContain('格式不对');
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.10.0.1', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['127.0.0.1.nip.io', '10.0.0.1', '::2', 'localhost.example'].some(isLoopbackHost)).toBe(false);
  });
});

describe('certificate pins and CA certificates', () => {
  const hex = 'ab'.repeat(32);
  it('takes a SHA-256 fingerprint as openssl prints it, or as plain hex', () => {
    expect(CertPinSchema.parse(hex.toUpperCase().match(/../g)!.join(':'))).toBe(hex);
    expect(CertPinSchema.parse(`sha256 Fingerprint=${hex.toUpperCase().match(/../g)!.join(':')}`)).toBe(hex);
    expect(CertPinSchema.parse(` ${hex} `)).toBe(hex);
    expect(CertPinSchema.safeParse(hex.slice(2)).success).toBe(false);
    expect(CertPinSchema.safeParse('zz'.repeat(32)).error?.issues[0]?.message).toContain('64 位十六进制');
  });

  it('takes a PEM certificate only', () => {
    expect(CaPemSchema.safeParse('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----').success).toBe(true);
    expect(CaPemSchema.safeParse('-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----').success).toBe(false);
  });
});
