import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** A QR code of `text` as an image (data URL, allowed by the CSP's img-src). */
export function QrCode({ text, size = 128, label }: { text: string; size?: number; label: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: size * 2 }).then((u) => {
      if (!cancelled) setUrl(u);
    });
    return () => {
      cancelled = true;
    };
  }, [text, size]);
  return url ? <img src={url} width={size} height={size} alt={label} className="qr" data-testid="qr" /> : <span className="qr qr-pending" style={{ width: size, height: size }} />;
}
