import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import ReactCrop, { type PercentCrop } from 'react-image-crop';
import 'react-image-crop/dist/ReactCrop.css';

/** An image turned by a quarter (clockwise), as a JPEG data URL. */
async function rotated(src: string): Promise<string> {
  const img = new Image();
  img.src = src;
  await img.decode();
  const c = document.createElement('canvas');
  c.width = img.naturalHeight;
  c.height = img.naturalWidth;
  const g = c.getContext('2d')!;
  g.translate(c.width, 0);
  g.rotate(Math.PI / 2);
  g.drawImage(img, 0, 0);
  return c.toDataURL('image/jpeg', 0.9);
}

/** The part of the image inside the crop (percent of the image), as JPEG base64. */
async function cropped(src: string, crop: PercentCrop | null): Promise<string> {
  const img = new Image();
  img.src = src;
  await img.decode();
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  const box = crop && crop.width > 0 && crop.height > 0 ? { x: (crop.x / 100) * w, y: (crop.y / 100) * h, w: (crop.width / 100) * w, h: (crop.height / 100) * h } : { x: 0, y: 0, w, h };
  const scale = Math.min(1, 2400 / Math.max(box.w, box.h));
  const c = document.createElement('canvas');
  c.width = Math.round(box.w * scale);
  c.height = Math.round(box.h * scale);
  c.getContext('2d')!.drawImage(img, box.x, box.y, box.w, box.h, 0, 0, c.width, c.height);
  return c.toDataURL('image/jpeg', 0.88).replace(/^data:image\/jpeg;base64,/, '');
}

/**
 * Photograph a document with the laptop camera or a document camera (高拍仪: an ordinary video device) through
 * getUserMedia, turn it a quarter at a time and crop it (react-image-crop), then hand the JPEG to the caller.
 */
export function CameraCapture({ busy, onSave }: { busy: boolean; onSave: (jpegBase64: string) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [deviceId, setDeviceId] = useState<string>('');
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [still, setStill] = useState<string | null>(null);
  const [crop, setCrop] = useState<PercentCrop | null>(null);

  useEffect(() => () => stream?.getTracks().forEach((tr) => tr.stop()), [stream]);
  useEffect(() => {
    if (video.current && stream) video.current.srcObject = stream;
  }, [stream]);

  const open = async (id: string) => {
    setError(null);
    stream?.getTracks().forEach((tr) => tr.stop());
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error('no mediaDevices');
      const s = await navigator.mediaDevices.getUserMedia({ video: id ? { deviceId: { exact: id } } : { width: { ideal: 2592 }, height: { ideal: 1944 } }, audio: false });
      setStream(s);
      const all = await navigator.mediaDevices.enumerateDevices();
      setDevices(all.filter((d) => d.kind === 'videoinput'));
      setDeviceId(s.getVideoTracks()[0]?.getSettings().deviceId ?? id);
    } catch {
      setError(t('capture.noCamera'));
    }
  };
  const shoot = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const c = document.createElement('canvas');
    c.width = v.videoWidth;
    c.height = v.videoHeight;
    c.getContext('2d')!.drawImage(v, 0, 0);
    setStill(c.toDataURL('image/jpeg', 0.92));
    setCrop(null);
  };

  return (
    <div className="camera-capture">
      {error ? <div className="banner banner-error">{error}</div> : null}
      {!stream ? (
        <button type="button" onClick={() => void open('')} data-testid="camera-open">
          {t('capture.openCamera')}
        </button>
      ) : (
        <>
          {devices.length > 1 ? (
            <label className="field">
              {t('capture.device')}
              <select value={deviceId} onChange={(e) => void open(e.target.value)}>
                {devices.map((d, i) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label || t('capture.deviceN', { n: i + 1 })}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {!still ? (
            <>
              <video ref={video} className="capture-video" autoPlay playsInline muted data-testid="camera-video" />
              <div className="form-actions">
                <button type="button" className="primary" onClick={shoot} data-testid="camera-shoot">
                  {t('capture.shoot')}
                </button>
              </div>
            </>
          ) : (
            <>
              <ReactCrop crop={crop ?? undefined} onChange={(_px, pc) => setCrop(pc)}>
                <img src={still} alt={t('capture.still')} className="capture-still" data-testid="camera-still" />
              </ReactCrop>
              <p className="small muted">{t('capture.cropHint')}</p>
              <div className="form-actions">
                <button type="button" onClick={() => void rotated(still).then((s) => (setStill(s), setCrop(null)))} data-testid="camera-rotate">
                  {t('capture.rotate')}
                </button>
                <button type="button" onClick={() => setStill(null)}>
                  {t('capture.again')}
                </button>
                <button type="button" className="primary" disabled={busy} onClick={() => void cropped(still, crop).then(onSave)} data-testid="camera-save">
                  {t('capture.savePhoto')}
                </button>
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
