#!/usr/bin/env node
// `npm run bench [-- <name>]`: runs benchmarks in bench/<name>.bench.js; each prints JSON lines.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";

const dir = path.dirname(new URL(import.meta.url).pathname);
const wanted = process.argv[2];
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".bench.js"))
  .map((f) => f.replace(/\.bench\.js$/, ""))
  .filter((name) => !wanted || name === wanted);
if (wanted && benches.length === 0) {
  console.error(`No benchmark named ${wanted}.`);
  process.exit(2);
}
if (benches.length === 0) console.error("No benchmarks yet.");
let failed = false;
for (const name of benches) {
  const r = spawnSync(process.execPath, [path.join(dir, `${name}.bench.js`)], { stdio: "inherit" });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
