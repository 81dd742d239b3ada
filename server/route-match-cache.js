// Remix matches every request against the whole route tree, and does it twice
// (server-runtime's matchServerRoutes, then the static handler's query): each
// time @remix-run/router flattens and ranks all routes and compiles a regular
// expression for every candidate it tries. With Concord's ~95 routes that was
// about 15 % of the server's CPU at a ticket launch. The tree never changes
// while a build is served, so this module loads the router with two memos:
// the ranked branches per routes array, and the compiled pattern per path.
// Importing it installs the memos; it must be imported before anything that
// loads @remix-run/server-runtime (server/http.js imports it first).
// See docs/decisions/034-route-match-cache.md.
import fs from "node:fs";
import path from "node:path";
import Module, { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// The exact lines of @remix-run/router 1.23 that are replaced. If an upgrade
// changes them, nothing is patched and the router runs as published.
const EDITS = [
  ["  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n", "  let branches = concordRankedBranches(routes);\n"],
  [
    "  let [matcher, compiledParams] = compilePath(pattern.path, pattern.caseSensitive, pattern.end);",
    "  let [matcher, compiledParams] = concordCompiledPath(pattern.path, pattern.caseSensitive, pattern.end);",
  ],
];

// Appended to the module; function declarations are hoisted, so the edited
// lines above can call them. Branches and compiled patterns are only read
// after they are built (matchRouteBranch, matchPath), so sharing them is safe;
// a WeakMap lets the routes of a replaced build (dev server) be collected.
const HELPERS = `
function concordRankedBranches(routes) {
  concordRankedBranches.cache = concordRankedBranches.cache || new WeakMap();
  let branches = concordRankedBranches.cache.get(routes);
  if (!branches) {
    branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    concordRankedBranches.cache.set(routes, branches);
  }
  return branches;
}
function concordCompiledPath(path, caseSensitive, end) {
  const cache = (concordCompiledPath.cache = concordCompiledPath.cache || new Map());
  const key = path + "\\u0000" + Boolean(caseSensitive) + "\\u0000" + (end === undefined ? true : Boolean(end));
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compilePath(path, caseSensitive, end);
    // Patterns come from the route tree; the bound only guards against a
    // caller matching arbitrary patterns (matchPath is public API).
    if (cache.size >= 2000) cache.clear();
    cache.set(key, compiled);
  }
  return compiled;
}
`;

/** Where server-runtime (and so Remix's request handler) loads the router from. */
export function routerFile() {
  return require.resolve("@remix-run/router", { paths: [path.dirname(require.resolve("@remix-run/server-runtime"))] });
}

/** The router's source with the memos, or null when it is not the expected version. */
export function patchedRouterSource(source) {
  let patched = source;
  for (const [from, to] of EDITS) {
    if (patched.split(from).length !== 2) return null;
    patched = patched.replace(from, to);
  }
  return patched + HELPERS;
}

/**
 * Puts the memoised router into the CommonJS module cache, where the next
 * require("@remix-run/router") finds it. Returns what happened, for the log
 * and the tests.
 */
export function installRouteMatchCache() {
  const file = routerFile();
  if (require.cache[file]) return { installed: Boolean(require.cache[file].exports.__concordMemo), reason: "already loaded" };
  const patched = patchedRouterSource(fs.readFileSync(file, "utf8"));
  if (!patched) return { installed: false, reason: "unexpected @remix-run/router source; running it unpatched" };
  const mod = new Module(file, null);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  mod._compile(`${patched}\nexports.__concordMemo = true;\n`, file);
  mod.loaded = true;
  require.cache[file] = mod;
  return { installed: true };
}

export const routeMatchCache =
  process.env.ROUTE_MATCH_CACHE === "0" ? { installed: false, reason: "ROUTE_MATCH_CACHE=0" } : installRouteMatchCache();
if (!routeMatchCache.installed && routeMatchCache.reason !== "ROUTE_MATCH_CACHE=0") {
  console.warn(`route match cache not installed: ${routeMatchCache.reason}`);
}
