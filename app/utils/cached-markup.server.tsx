import { type ReactElement, createElement } from "react";
import { renderToString } from "react-dom/server";
import type { MarkupCache } from "~/components/cached-markup";
import { Lru } from "~/utils/lru";

/**
 * The server side of CachedMarkup (docs/decisions/067-programme-markup-cache.md): per key, the tree's
 * markup cut at its slots, and per slot element the markup of that element. renderToString (not
 * renderToStaticMarkup) keeps the separators between adjacent text nodes that hydration needs, so the
 * spliced string is byte for byte what React renders on the client.
 */
const SLOT = "concord-slot";
const MARK = `<${SLOT}></${SLOT}>`;
const trees = new Lru<string, { segments: string[]; order: number[] }>(200);
/**
 * Per slot key, the markup of each set of props seen under it: a star button's, starred or not, per
 * language. 5,000 keys hold the sessions of about sixteen large programmes.
 */
const pieces = new Lru<unknown, Piece[]>(5_000);
type Piece = { type: unknown; props: Record<string, unknown>; html: string };
const VARIANTS = 8;

/**
 * Whether two slots' props make the same markup: equal plain values, or equal JSON for anything else.
 * Compared in place: a star button's props are strings and booleans that the page's cached rows and
 * messages share between requests, so most comparisons are one pointer. Joined into a string key, as
 * before, they cost 300 strings built and hashed per page.
 */
function sameProps(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let names = 0;
  for (const name in a) {
    names++;
    const x = a[name];
    const y = b[name];
    if (Object.is(x, y)) continue;
    if (typeof x !== "object" || x === null || typeof y !== "object" || y === null) return false;
    if (JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  for (const _ in b) names--;
  return names === 0;
}

/** The markup of one slot element: a function of its type and props (the components used in slots are pure). */
function pieceFor(slot: ReactElement): string {
  const props = slot.props as Record<string, unknown>;
  // Looked up 300 times a page: peeked, not reordered (a piece in use is soon set again if dropped).
  let seen = pieces.peek(slot.key);
  if (!seen) seen = pieces.set(slot.key, []);
  for (const piece of seen) if (piece.type === slot.type && sameProps(piece.props, props)) return piece.html;
  const html = renderToString(slot);
  seen.push({ type: slot.type, props, html });
  if (seen.length > VARIANTS) seen.shift();
  return html;
}

export const markupCache: MarkupCache = (key, tree, slots) => {
  let cut = trees.get(key);
  if (!cut) {
    // Slots in document order (renderToString renders synchronously, in order), which grouping may
    // make different from their numbering.
    const order: number[] = [];
    const segments = renderToString(tree((i) => (order.push(i), createElement(SLOT)))).split(MARK);
    cut = trees.set(key, { segments, order });
  }
  const { segments, order } = cut;
  if (segments.length !== order.length + 1) throw new Error(`cached markup ${key}: slot marker found in content`);
  // Joined once into a flat string: 600 `+=` make a rope that React's encoder must flatten again.
  const html = new Array<string>(2 * order.length + 1);
  html[0] = segments[0];
  for (let j = 0; j < order.length; j++) {
    html[2 * j + 1] = pieceFor(slots[order[j]]);
    html[2 * j + 2] = segments[j + 1];
  }
  return html.join("");
};
