/** The reference central server's own version (reported by /v1/health; the protocol version is separate). */
export const CENTRAL_VERSION = '0.1.0';
