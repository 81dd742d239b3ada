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
const pieces = new Lru<string, string>(20_000);

/**
 * What a slot's markup depends on. Props of plain values (a star button's) are joined with separators
 * that do not occur in them; that is a sixth of the cost of JSON.stringify, done 300 times a page.
 * Anything else is spelled out as JSON.
 */
function slotKey(slot: ReactElement): string {
  const props = slot.props as Record<string, unknown>;
  let key = String(slot.key);
  for (const name in props) {
    const value = props[name];
    const kind = typeof value;
    const plain = value == null || kind === "number" || kind === "boolean" || (kind === "string" && !(value as string).includes("\u0000"));
    if (!plain) return `${String(slot.key)}|${JSON.stringify(props)}`;
    key += `\u0000${name}\u0001${kind[0]}${String(value)}`;
  }
  return key;
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
    const slot = slots[order[j]];
    // A slot's markup is a function of its props (the components used in slots are pure).
    const k = slotKey(slot);
    // Looked up 300 times a page: peeked, not reordered (a piece in use is soon set again if dropped).
    html[2 * j + 1] = pieces.peek(k) ?? pieces.set(k, renderToString(slot));
    html[2 * j + 2] = segments[j + 1];
  }
  return html.join("");
};
