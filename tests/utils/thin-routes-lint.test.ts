// Decision 047: no route module or component talks to the database or decides access itself. The rule lives
// in eslint.config.js with no exemption list; this test proves it fires for every route file and stays off
// in the domain layer (the control), so removing or narrowing it fails here and not only in review.
import { readdirSync } from "node:fs";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const probe = [
  'import { db } from "~/utils/db.server";',
  'import { can } from "~/utils/permissions.server";',
  'import { canProgramme } from "~/utils/permissions/programme.server";',
  "export const x = [db, can, canProgramme];",
  "",
].join("\n");

async function restricted(filePath: string) {
  const [result] = await new ESLint().lintText(probe, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.line);
}

const routeFiles = readdirSync("app/routes", { recursive: true, encoding: "utf8" })
  .filter((f) => /\.tsx?$/.test(f))
  .map((f) => `app/routes/${f}`);

describe("routes are thin (lint)", () => {
  it("every route module is under the rule: no exemption list", async () => {
    const eslint = new ESLint();
    expect(routeFiles.length).toBeGreaterThan(90);
    const exempt: string[] = [];
    for (const file of routeFiles) {
      const config = await eslint.calculateConfigForFile(file);
      const [severity, options] = config.rules["no-restricted-imports"] ?? [];
      const names = ((options?.paths ?? []) as { name: string }[]).map((p) => p.name);
      if (severity !== 2 || !names.includes("~/utils/db.server") || !names.includes("~/utils/permissions.server")) exempt.push(file);
    }
    expect(exempt).toEqual([]);
  }, 120_000);

  it.each(["app/routes/site/home.tsx", "app/routes/accords/sign.tsx", "app/routes/programme/manage/timetable.tsx", "app/root.tsx"])(
    "%s may not import the database client or the permission modules",
    async (file) => {
      expect(await restricted(file)).toEqual([1, 2, 3]);
    },
    60_000,
  );

  it("control: a domain operation may", async () => {
    expect(await restricted("app/domain/site/get-home.server.ts")).toEqual([]);
  }, 60_000);
});
