#!/usr/bin/env node
// Gzipped JavaScript a page needs on first load: the client entry, root and the
// route's module, with the chunks they import, read from Remix's browser manifest.
//   node scripts/page-js-size.js <route id, e.g. routes/programme/programme> [buildDir]
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export function pageJsBytes(routeId, buildDir = process.env.CONCORD_BUILD_DIR ?? "build") {
  const assets = path.join(buildDir, "client/assets");
  const file = fs.readdirSync(assets).find((f) => /^manifest-.*\.js$/.test(f));
  const manifest = JSON.parse(
    fs
      .readFileSync(path.join(assets, file), "utf8")
      .replace(/^window\.__remixManifest=/, "")
      .replace(/;\s*$/, ""),
  );
  const route = manifest.routes[routeId];
  if (!route) throw new Error(`${routeId} is not a route of this build`);
  const urls = new Set([
    manifest.entry.module,
    ...manifest.entry.imports,
    ...[manifest.routes.root, route].flatMap((r) => [r.module, ...(r.imports ?? [])]),
  ]);
  let raw = 0;
  let gzip = 0;
  for (const url of urls) {
    const bytes = fs.readFileSync(path.join(buildDir, "client", url));
    raw += bytes.length;
    gzip += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  return { route: routeId, chunks: urls.size, raw, gzip };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(pageJsBytes(process.argv[2], process.argv[3])));
}
