// Every page gets only the message areas its layouts load (root: common; the pathless layouts in
// app/routes.ts: their area). This proves that is enough: for every route module, each message key
// its source or anything it imports under app/ names literally belongs to an area loaded for it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import routes from "~/routes";
import { AREAS, type Area } from "~/i18n/areas";
import { enAreas } from "~/i18n/en";

type Entry = { file: string; children?: Entry[] };

const areaOfKey = new Map<string, Area>();
for (const area of AREAS) for (const key of Object.keys(enAreas[area])) areaOfKey.set(key, area);

const APP = path.resolve("app");

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else if (spec.startsWith("#emails/"))
    return null; // server-side email templates, translated on the server
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Message keys named as string literals in a module and everything it imports from app/ (not the dictionaries). */
const keysCache = new Map<string, Set<string>>();
function keysOf(file: string, seen = new Set<string>()): Set<string> {
  if (keysCache.has(file)) return keysCache.get(file)!;
  if (seen.has(file)) return new Set();
  seen.add(file);
  const source = fs.readFileSync(file, "utf8");
  const keys = new Set<string>();
  for (const m of source.matchAll(/["'`]([A-Za-z][\w.-]*)["'`]/g)) if (areaOfKey.has(m[1])) keys.add(m[1]);
  for (const m of source.matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']/g)) {
    const target = resolveImport(file, m[1]);
    if (!target || target.startsWith(path.join(APP, "i18n")) || target.startsWith(path.join(APP, "generated"))) continue;
    for (const k of keysOf(target, seen)) keys.add(k);
  }
  keysCache.set(file, keys);
  return keys;
}

/** The areas a layout module loads: its exported `areas` constant, read from the source. */
function areasOf(file: string): Area[] {
  const m = /export const areas(?::[^=]+)? = \[([^\]]*)\]/.exec(fs.readFileSync(file, "utf8"));
  return m ? [...m[1].matchAll(/"(\w+)"/g)].map((a) => a[1] as Area) : [];
}

/** Every route module with the areas loaded by it and its ancestors (root loads common). */
function walk(entries: Entry[], loaded: Area[], out: { file: string; areas: Area[] }[]) {
  for (const entry of entries) {
    const file = path.join(APP, entry.file);
    const areas = [...loaded, ...areasOf(file)];
    out.push({ file, areas });
    walk(entry.children ?? [], areas, out);
  }
  return out;
}

const modules = walk(routes as Entry[], ["common"], [{ file: path.join(APP, "root.tsx"), areas: ["common"] }]);

describe("messages sent to each page", () => {
  it("finds the route modules and their keys", () => {
    expect(modules.length).toBeGreaterThan(90);
    expect(keysOf(path.join(APP, "routes/programme/programme.tsx")).size).toBeGreaterThan(10);
  });

  it("every key a route module can show belongs to an area loaded for it", () => {
    const missing: string[] = [];
    for (const { file, areas } of modules) {
      // Resource routes (no component) render no messages in the browser; they translate on the server.
      if (!/export default /.test(fs.readFileSync(file, "utf8"))) continue;
      const needed = new Map<Area, string[]>();
      for (const key of keysOf(file)) {
        const area = areaOfKey.get(key)!;
        if (!areas.includes(area)) needed.set(area, [...(needed.get(area) ?? []), key]);
      }
      for (const [area, keys] of needed) {
        missing.push(`${path.relative(APP, file)} loads [${areas.join(", ")}] but shows ${area}: ${keys.slice(0, 3).join(", ")}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
