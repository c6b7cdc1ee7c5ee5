/**
 * A turn of the event loop for whatever else waits (a window's request, a timer, a stream's I/O): long work on the
 * core's one thread — a roster load, a batch import, a backup's steps, an audit export — awaits it between slices,
 * so no clerk's 受理 waits behind all of it.
 */
export function aTurnForTheWindow(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
