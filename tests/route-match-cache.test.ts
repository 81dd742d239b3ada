// The memoised route matching of server/route-match-cache.js: it must be
// installed in the server, survive as long as the router's source is the one
// it knows, and answer exactly what the published router answers.
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { patchedRouterSource, routeMatchCache, routerFile } from "../server/route-match-cache.js";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Router = {
  matchRoutes(
    routes: Route[],
    location: string,
  ): Array<{ route: { id: string }; params: object; pathname: string; pathnameBase: string }> | null;
};

function compile(source: string, name: string): Router {
  const mod = new Module(name) as Module & { _compile(code: string, file: string): void };
  mod._compile(source, routerFile());
  return mod.exports as Router;
}

// Shaped like Concord's tree: a root layout, static and dynamic segments at
// several depths, index routes, pathless layouts, an optional segment, splats.
const tree = (): Route[] => [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      { id: "login", path: "login" },
      { id: "verify", path: "verify" },
      { id: "verify-hash", path: "verify/:hash" },
      {
        id: "conference",
        path: "conferences/:slug",
        children: [
          { id: "conference-index", index: true },
          { id: "register", path: "register" },
          { id: "programme", path: "programme/:day?" },
          {
            id: "manage",
            path: "manage",
            children: [
              { id: "manage-index", index: true },
              { id: "registrations", path: "registrations" },
              { id: "registration", path: "registrations/:id" },
              { id: "export", path: "registrations/export" },
              { id: "tickets", path: "tickets/:id" },
            ],
          },
        ],
      },
      {
        id: "pathless",
        children: [
          { id: "my", path: "my/registrations" },
          { id: "my-one", path: "my/registrations/:id" },
        ],
      },
      { id: "Case", path: "CaseOnly", caseSensitive: true },
      { id: "files", path: "files/*" },
      { id: "not-found", path: "*" },
    ],
  },
];

const paths = [
  "/",
  "/login",
  "/login/",
  "/verify",
  "/verify/abc123",
  "/conferences/beijing-2025",
  "/conferences/beijing-2025/register",
  "/conferences/beijing-2025/programme",
  "/conferences/beijing-2025/programme/2",
  "/conferences/beijing-2025/manage",
  "/conferences/beijing-2025/manage/registrations",
  "/conferences/beijing-2025/manage/registrations/export",
  "/conferences/beijing-2025/manage/registrations/7d2c",
  "/conferences/%E5%8C%97%E4%BA%AC/register",
  "/my/registrations",
  "/my/registrations/42",
  "/CaseOnly",
  "/caseonly",
  "/files/a/b/c.pdf",
  "/nothing/here",
];

const shape = (matches: ReturnType<Router["matchRoutes"]>) =>
  matches?.map((m) => ({ id: m.route.id, params: m.params, pathname: m.pathname, base: m.pathnameBase })) ?? null;

describe("route match cache", () => {
  it("is installed in the server", () => {
    expect(routeMatchCache).toEqual({ installed: true });
    const require = createRequire(import.meta.url);
    const loaded = require(require.resolve("@remix-run/router", { paths: [require.resolve("@remix-run/server-runtime")] })) as {
      __concordMemo?: boolean;
    };
    expect(loaded.__concordMemo).toBe(true);
  });

  it("knows the installed router's source (an upgrade that changes it fails here)", () => {
    expect(patchedRouterSource(fs.readFileSync(routerFile(), "utf8"))).not.toBeNull();
    expect(patchedRouterSource("function matchRoutesImpl() {}")).toBeNull();
  });

  it("matches every path exactly as the published router does, first and again from the cache", () => {
    const source = fs.readFileSync(routerFile(), "utf8");
    const published = compile(source, "published");
    const memoised = compile(patchedRouterSource(source)!, "memoised");
    const routes = tree();
    const fresh = tree();
    for (const path of paths) {
      const expected = shape(published.matchRoutes(tree(), path));
      expect(shape(memoised.matchRoutes(routes, path)), path).toEqual(expected);
      expect(shape(memoised.matchRoutes(routes, path)), `${path} (cached)`).toEqual(expected);
      expect(shape(memoised.matchRoutes(fresh, path)), `${path} (another tree)`).toEqual(expected);
    }
    // The cache is per routes array: a different tree is matched on its own.
    expect(shape(memoised.matchRoutes([{ id: "other", path: "login" }], "/login"))?.[0].id).toBe("other");
    expect(shape(memoised.matchRoutes(routes, "/login"))?.at(-1)?.id).toBe("login");
  });
});
