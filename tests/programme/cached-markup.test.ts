// The programme's list markup is rendered once per content and reused; only the star buttons (slots) are
// put in per reader (decision 067). What a reader must never get is another reader's button: the
// pieces are looked up by what they depend on, so every prop of a slot must tell two pieces apart.
import { createElement, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { markupCache } from "~/utils/cached-markup.server";

function Star({ id, starred, label, position }: { id: string; starred: boolean; label: string; position?: number | null }) {
  return createElement(
    "button",
    { name: starred ? "unstar" : "star", value: id, "aria-pressed": starred, "data-position": position },
    label,
  );
}

const ids = ["s1", "s2", "s3"];
const tree = (slot: (i: number) => ReactElement) =>
  createElement(
    "ul",
    null,
    ids.map((id, i) => createElement("li", { key: id }, createElement("h3", null, `Session ${id}`), slot(i))),
  );
const stars = (starred: (id: string) => boolean, label: (s: boolean) => string = (s) => (s ? "★ In my agenda" : "☆ Add to my agenda")) =>
  ids.map((id) => createElement(Star, { key: id, id, starred: starred(id), label: label(starred(id)) }));

describe("cached list markup", () => {
  it("is what React renders for the whole tree, for each reader's stars", () => {
    const key = `test-${Math.random()}`;
    for (const starred of [() => false, (id: string) => id === "s2", () => true]) {
      const slots = stars(starred);
      expect(markupCache(key, tree, slots)).toBe(renderToString(tree((i) => slots[i])));
    }
  });

  it("tells slots apart by every prop, whatever characters the values hold", () => {
    const key = `test-${Math.random()}`;
    const tricky = ["a\u0000b", "a\u0001b", "a|b", '{"x":1}', "中文"];
    for (const text of tricky) {
      const slots = stars(
        () => true,
        () => text,
      );
      expect(markupCache(key, tree, slots)).toBe(renderToString(tree((i) => slots[i])));
    }
    // Same values under different prop names, and null against undefined against "null".
    for (const position of [null, undefined, 0, 1]) {
      const slots = ids.map((id) => createElement(Star, { key: id, id, starred: false, label: "null", position }));
      expect(markupCache(key, tree, slots)).toBe(renderToString(tree((i) => slots[i])));
    }
  });

  it("tells apart slots of different components under the same key and props", () => {
    const key = `test-${Math.random()}`;
    const Plain = ({ id, label }: { id: string; starred: boolean; label: string }) => createElement("span", { "data-id": id }, label);
    for (const type of [Star, Plain, Star]) {
      const slots = ids.map((id) => createElement(type, { key: id, id, starred: true, label: "★" }));
      expect(markupCache(key, tree, slots)).toBe(renderToString(tree((i) => slots[i])));
    }
  });
});
