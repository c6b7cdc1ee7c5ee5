/**
 * The Content-Security-Policy of the workstation's pages, the same in the Electron window (app://) and in
 * serve mode (http://127.0.0.1): only our own scripts, no remote content, no plugins, no framing.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
