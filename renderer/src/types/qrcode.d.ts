/**
 * The part of the `qrcode` package the renderer uses (its browser build). Declared here so the
 * renderer's type check does not pull in @types/qrcode, which drags Node's types in.
 */
export interface QRCodeToDataURLOptions {
  errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
  margin?: number;
  scale?: number;
  width?: number;
  color?: { dark?: string; light?: string };
}
export function toDataURL(text: string, options?: QRCodeToDataURLOptions): Promise<string>;
declare const QRCode: { toDataURL: typeof toDataURL };
export default QRCode;
