import { Transform } from "node:stream";

/**
 * React 18.3's renderToPipeableStream (react-dom-server.node, writeStringChunk) flushes its whole
 * 2 KB view when the next string does not fit, including the bytes it left unwritten: a 3-byte
 * Chinese character that did not fit in the last two bytes becomes "\0\0" before it (react#31134).
 * Browsers show those as U+FFFD, and a textarea posts them back, so a Chinese clause saved from a
 * page rendered that way was silently changed. UTF-8 never uses a 0x00 byte inside a character and
 * HTML has no use for NUL, so dropping every 0x00 byte restores exactly what React meant to send.
 */
export function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      const out = Buffer.allocUnsafe(chunk.length);
      let n = 0;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0) out[n++] = chunk[i];
      done(null, out.subarray(0, n));
    },
  });
}
