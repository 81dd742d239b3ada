// .env.example lists every setting of the one environment schema, and nothing else.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ENV_NAMES } from "~/utils/env.server";

describe(".env.example", () => {
  it("names exactly the variables app/utils/env.server.ts reads", () => {
    const listed = [...fs.readFileSync(".env.example", "utf8").matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(listed)].sort()).toEqual([...ENV_NAMES].sort());
  });

  it("no app or server module reads process.env outside the environment module", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = `${dir}/${entry.name}`;
        if (entry.isDirectory()) {
          if (entry.name !== "generated") walk(file);
        } else if (/\.(ts|tsx|js)$/.test(entry.name) && !/\.d\.ts$/.test(entry.name)) {
          const source = fs.readFileSync(file, "utf8");
          if (/process\.env\.(?!NODE_ENV\b)/.test(source)) offenders.push(file);
        }
      }
    };
    walk("app");
    // server/start.js and server/dev.js read NODE_ENV and CONCORD_BUILD_DIR before the build (and its schema) is loaded.
    expect(offenders.filter((f) => f !== "app/utils/env.server.ts" && !f.includes("switches.server"))).toEqual([]);
  });
});
