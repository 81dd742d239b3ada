import { createElement } from "react";
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
const pieces = new Lru<string, string>(20_000);

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
  let html = segments[0];
  for (let j = 0; j < order.length; j++) {
    const slot = slots[order[j]];
    // A slot's markup is a function of its props (the components used in slots are pure).
    const k = `${String(slot.key)}|${JSON.stringify(slot.props)}`;
    // Looked up 300 times a page: peeked, not reordered (a piece in use is soon set again if dropped).
    html += (pieces.peek(k) ?? pieces.set(k, renderToString(slot))) + segments[j + 1];
  }
  return html;
};
