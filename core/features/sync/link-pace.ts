/** Largest chunk of one attachment the station sends (central may ask for less): a reset costs at most this much. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
/** A pack of small attachments should take about this long on the link (so a reset costs about this much). */
export const PACK_TARGET_MS = 2_000;
/** A pack carries this many bytes at most, however fast the link. */
export const PACK_MAX_BYTES = 1024 * 1024;

/**
 * What the link to central carries: the bytes per millisecond of the upload requests that succeeded (a moving
 * average, the last ones weighing most), measured from sending to the answer — so a link with a long round trip
 * counts as slower than its bandwidth. It sizes the packs of small attachments (protocol 1.5): as many as the link
 * carries in about PACK_TARGET_MS, at least one chunk's worth, at most PACK_MAX_BYTES. On a slow hotspot a pack is
 * one or two scans; on a fast link with a long round trip, several scans share one round trip.
 */
export class LinkPace {
  private rate: number | null = null;
  private ceiling = PACK_MAX_BYTES;

  /** A request that carried `bytes` and was answered after `ms`. */
  record(bytes: number, ms: number): void {
    const r = bytes / Math.max(1, ms);
    this.rate = this.rate === null ? r : this.rate * 0.7 + r * 0.3;
  }

  /** Something on the way refused a pack of `bytes` as too large (413): packs stay below it from now on. */
  tooLarge(bytes: number): void {
    this.ceiling = Math.max(1, Math.min(this.ceiling, Math.floor(bytes / 2)));
  }

  /** The bytes of attachments the next pack may carry, within central's limit (`centralMax`). */
  packBytes(centralMax: number): number {
    const want = this.rate === null ? UPLOAD_CHUNK_BYTES : Math.max(UPLOAD_CHUNK_BYTES, Math.floor(this.rate * PACK_TARGET_MS));
    return Math.max(1, Math.min(want, this.ceiling, centralMax));
  }
}
