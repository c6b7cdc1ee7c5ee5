/**
 * UTF-8 text codecs: both runtimes shared/ runs in (Node and the renderer's browser) provide these globals, but
 * shared/ compiles with the plain ES library only (no DOM, no Node types), so the part it uses is declared here.
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
