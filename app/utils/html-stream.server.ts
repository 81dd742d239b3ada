import { Transform } from "node:stream";

/**
 * The document stream between React and the response: drops NUL bytes and gathers React's small writes.
 *
 * React 18.3's renderToPipeableStream (react-dom-server.node, writeStringChunk) flushes its whole
 * 2 KB view when the next string does not fit, including the bytes it left unwritten: a 3-byte
 * Chinese character that did not fit in the last two bytes becomes "\0\0" before it (react#31134).
 * Browsers show those as U+FFFD, and a textarea posts them back, so a Chinese clause saved from a
 * page rendered that way was silently changed. UTF-8 never uses a 0x00 byte inside a character and
 * HTML has no use for NUL, so dropping every 0x00 byte restores exactly what React meant to send.
 *
 * React writes in pieces of at most 2 KB, all at once when it has rendered something: a 200 KB page was a
 * hundred chunks, each carried through this stream, the web stream Remix reads and the response.
 * What arrives in one turn of the event loop leaves as one chunk, so streaming (a shell first, deferred
 * data later) is unchanged while the per-chunk work is done once per turn.
 */
export function withoutNulBytes() {
  let pending: Buffer[] = [];
  let scheduled = false;
  const release = (stream: Transform) => {
    scheduled = false;
    if (pending.length === 0) return;
    const out = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending = [];
    stream.push(out);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.indexOf(0) === -1) pending.push(chunk);
      else {
        const out = Buffer.allocUnsafe(chunk.length);
        let n = 0;
        for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0) out[n++] = chunk[i];
        pending.push(out.subarray(0, n));
      }
      if (!scheduled) {
        scheduled = true;
        setImmediate(release, this);
      }
      done();
    },
    flush(done) {
      release(this);
      done();
    },
  });
}
