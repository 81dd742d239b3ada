// The whole of Concord in-process: every route of app/routes.ts loaded as Remix's build would load it,
// behind the real HTTP layer (server/http.js: form bounds, same-origin guard, headers), served on a
// random local port. Tests send real HTTP requests and read real responses (documents rendered by
// entry.server, error boundaries included), so what they see is what a browser or an attacker sees.
import type http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "../../server/http.js";
import * as runtime from "~/entry.server";
import routes from "~/routes";

type Entry = { id?: string; file: string; path?: string; index?: boolean; children?: Entry[] };

export type RouteInfo = { id: string; parentId: string; file: string; path?: string; index?: boolean; fullPath: string };

/** Every route of app/routes.ts with its full URL pattern ("conferences/:slug/sessions/:id"). */
export function routeList(): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (entries: Entry[], parentId: string, parentPath: string) => {
    for (const e of entries) {
      const id = e.id ?? e.file.replace(/\.[jt]sx?$/, "");
      const fullPath = [parentPath, e.path ?? ""].filter(Boolean).join("/");
      out.push({ id, parentId, file: e.file, path: e.path, index: e.index, fullPath });
      walk(e.children ?? [], id, fullPath);
    }
  };
  walk(routes as Entry[], "root", "");
  return out;
}

type Module = Record<string, unknown>;

async function loadBuild(): Promise<ServerBuild> {
  const list = routeList();
  const modules = new Map<string, Module>();
  modules.set("root", (await import("~/root")) as Module);
  for (const r of list) modules.set(r.id, (await import(/* @vite-ignore */ path.resolve("app", r.file))) as Module);
  const buildRoutes: Record<string, unknown> = { root: { id: "root", path: "", module: modules.get("root") } };
  const manifestRoutes: Record<string, unknown> = {};
  const describe = (id: string, parentId: string | undefined, r: Partial<RouteInfo>) => {
    const m = modules.get(id)!;
    manifestRoutes[id] = {
      id,
      parentId,
      path: r.path,
      index: r.index,
      module: `/assets/${id}.js`,
      imports: [],
      hasAction: typeof m.action === "function",
      hasLoader: typeof m.loader === "function",
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: typeof m.ErrorBoundary === "function",
    };
  };
  describe("root", undefined, { path: "" });
  for (const r of list) {
    buildRoutes[r.id] = { id: r.id, parentId: r.parentId, path: r.path, index: r.index, module: modules.get(r.id) };
    describe(r.id, r.parentId, r);
  }
  return {
    mode: "production",
    entry: { module: runtime },
    routes: buildRoutes,
    assets: {
      entry: { module: "/assets/entry.client.js", imports: [] },
      routes: manifestRoutes,
      url: "/assets/manifest.js",
      version: "hostile",
    },
    publicPath: "/",
    assetsBuildDirectory: "",
    future: {
      v3_fetcherPersist: true,
      v3_relativeSplatPath: true,
      v3_throwAbortReason: true,
      v3_singleFetch: true,
      v3_lazyRouteDiscovery: false,
      v3_routeConfig: true,
    },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

export type Served = { base: string; close(): Promise<void> };

/** Concord behind server/http.js on 127.0.0.1 and a free port. */
export async function serveApp(): Promise<Served> {
  const build = await loadBuild();
  const app = createApp({ build, buildDir: "/nonexistent", runtime, lifecycle: { draining: false } });
  const server: http.Server = app.listen(0, "127.0.0.1");
  await new Promise((r) => server.once("listening", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
