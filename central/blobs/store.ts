import type { Readable } from 'node:stream';

/**
 * Where central keeps attachment bytes: content-addressed blobs (by sha256), and the partial uploads they are
 * assembled from. Every central process of one deployment must see the same store — a station's chunks may reach
 * any node behind the load balancer, and any node serves any blob:
 *
 * - `DirectoryBlobStore` (./disk.ts): a directory, on one machine or a share all nodes mount (NFS, SMB, a
 *   clustered file system) — a town or a small county. Set CENTRAL_BLOB_DIR to the shared path.
 * - an S3-compatible object store (MinIO, Ceph RGW, a cloud's OSS) for a province. NOT IMPLEMENTED here; the
 *   contract below is what such an adapter must keep, and `S3BlobStoreConfig` what it would be configured with.
 *
 * The contract (both adapters):
 * - `writeChunk(uploadId, offset, chunk)` stores the bytes at that offset durably BEFORE it resolves (the database
 *   then moves the upload's offset: it never claims bytes the store does not have). Anything after `offset` from an
 *   earlier attempt is dropped. Chunks of one upload arrive in order (the offset guard in the database sees to it),
 *   possibly at different nodes.
 * - `hashPart(uploadId, size)` is the sha256 of the first `size` bytes written.
 * - `promote(uploadId, sha256)` makes the upload the blob `sha256`, atomically (readers see all of it or none), and
 *   durably; promoting bytes already present is harmless (content addressing).
 * - `put(sha256, bytes)` stores bytes already checked against their sha256 as that blob in one step, durably and
 *   atomically (a small scan that came whole in one request: no partial upload to assemble).
 * - `openRead(sha256)` streams a blob; it rejects when the blob is not there.
 * - `has(sha256)`, `discard(uploadId)` (idempotent).
 */
export interface BlobStore {
  readonly kind: 'directory' | 's3';
  init(): Promise<void>;
  writeChunk(uploadId: string, offset: number, chunk: Uint8Array): Promise<void>;
  hashPart(uploadId: string, size: number): Promise<string>;
  promote(uploadId: string, sha256: string): Promise<void>;
  put(sha256: string, bytes: Uint8Array): Promise<void>;
  discard(uploadId: string): Promise<void>;
  has(sha256: string): Promise<boolean>;
  openRead(sha256: string): Promise<Readable>;
}

/**
 * How an S3-compatible adapter would map the contract (for whoever writes it; not implemented):
 * - partial upload = an S3 multipart upload keyed `uploads/<uploadId>`; a chunk = one part, numbered by its offset
 *   (the station's chunk size is fixed per upload, so offset / chunkMax + 1 is the part number; S3 needs parts of at
 *   least 5 MiB but the last, so `chunkMaxBytes` must then be ≥ 5 MiB), its ETag kept in the `uploads` row;
 *   writing a part again replaces it; dropping "everything after offset" = not listing the later parts on completion;
 * - hashPart = a running sha256 over the parts, kept with the upload row (S3 cannot hash an object server-side), or
 *   the x-amz-checksum-sha256 of a single-part upload;
 * - promote = CompleteMultipartUpload to `uploads/<uploadId>`, then CopyObject to `blobs/<sha256>` (If-None-Match:
 *   * where supported) and DeleteObject of the upload key; a blob object is never overwritten with other bytes;
 * - put = PutObject `blobs/<sha256>` with x-amz-checksum-sha256 (If-None-Match: * where supported);
 * - openRead = GetObject `blobs/<sha256>`; has = HeadObject.
 */
export interface S3BlobStoreConfig {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style addressing (MinIO, Ceph) rather than virtual-hosted buckets. */
  forcePathStyle: boolean;
}
