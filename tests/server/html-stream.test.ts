// React 18.3's streaming renderer pads some chunks with NUL bytes around Chinese text (react#31134);
// a textarea then posts U+FFFD back and a saved clause changes. The page stream drops them, gathers
// React's small writes, and lets each page go once it has been sent.
import { Session } from "node:inspector/promises";
import { PassThrough, type Transform } from "node:stream";
import { text } from "node:stream/consumers";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "~/utils/html-stream.server";

const CLAUSE = "双方各指定一名协调人，每年共同评估合作进展并提出下一步计划。";

function render(body: Transform | PassThrough) {
  // Enough short Chinese strings that some 3-byte character meets the end of React's 2 KB view.
  const page = createElement(
    "div",
    null,
    Array.from({ length: 60 }, (_, i) => createElement("textarea", { key: i, defaultValue: `${i} ${CLAUSE}`, readOnly: true })),
  );
  return new Promise<string>((resolve, reject) => {
    const { pipe } = renderToPipeableStream(page, {
      onAllReady() {
        pipe(body);
        text(body).then(resolve, reject);
      },
      onShellError: reject,
    });
  });
}

describe("the page stream", () => {
  it("control: React 18.3 alone emits NUL bytes next to Chinese text", async () => {
    expect(await render(new PassThrough())).toContain("\0");
  });

  it("drops them, leaving every clause intact", async () => {
    const html = await render(withoutNulBytes());
    expect(html).not.toContain("\0");
    expect(html.split(CLAUSE).length - 1).toBe(60);
  });

  it("hands on what React wrote in one go as one chunk, not React's 2 KB pieces", async () => {
    const body = withoutNulBytes();
    const sizes: number[] = [];
    body.on("data", (c: Buffer) => sizes.push(c.length));
    const html = await render(body);
    expect(Buffer.byteLength(html)).toBeGreaterThan(7_000);
    expect(sizes.length).toBeLessThanOrEqual(2);
  });

  it("control: React alone writes the same page in many small pieces", async () => {
    const body = new PassThrough();
    const sizes: number[] = [];
    body.on("data", (c: Buffer) => sizes.push(c.length));
    await render(body);
    expect(sizes.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(2048);
  });

  it("lets a page that has been sent go while a later page is still being sent", async () => {
    // On a busy server React's work for the next page is queued behind this stream's hand-on of the
    // last page's bytes, and React creates errors there (kept by the next page for its close handler)
    // whose stack traces keep that queue entry. When the entry held this stream, every page served was
    // chained to an earlier one and the memory held grew with the load.
    let sent: Transform | null = withoutNulBytes();
    const gone = new WeakRef(sent);
    const read = text(sent);
    sent.write(Buffer.from("<p>the page before</p>"));
    const next = withoutNulBytes();
    await new Promise<void>((resolve, reject) => {
      const { pipe } = renderToPipeableStream(createElement("p", null, "the next page"), {
        onShellReady() {
          pipe(next);
          resolve();
        },
        onShellError: reject,
      });
    });
    sent.end();
    expect(await read).toBe("<p>the page before</p>");
    sent = null;
    const session = new Session();
    session.connect();
    try {
      await session.post("HeapProfiler.collectGarbage");
    } finally {
      session.disconnect();
    }
    expect(gone.deref()).toBeUndefined();
    // The next page is still held (in flight) up to here.
    expect(next.destroyed).toBe(false);
    next.destroy();
  });
});
