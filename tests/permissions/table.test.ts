// The permissions table: every mutating route (and every private page) × every
// role, asserting allowed/denied. Each area adds its rows in ./<area>.rows.ts.
import { describe, expect, it } from "vitest";
import { callAction, callLoader } from "../support/http";
import { makeCast } from "../support/world";
import { ALL_ROLES, type PermissionRow } from "./types";

const modules = import.meta.glob<{ rows: PermissionRow[] }>("./*.rows.ts", { eager: true });
const rows = Object.values(modules).flatMap((m) => m.rows);

describe("permissions table", () => {
  it("has rows", () => {
    expect(rows.length).toBeGreaterThan(10);
  });

  for (const row of rows) {
    describe(row.name, () => {
      for (const role of ALL_ROLES) {
        const allowed = row.allowed.includes(role);
        it(`${role}: ${allowed ? "allowed" : "denied"}`, async () => {
          // A fresh cast per cell: allowed mutations must not leak into the next cell.
          const cast = await makeCast();
          const person = cast.people[role];
          const request = await row.request(cast);
          const call = row.kind === "loader" ? callLoader : callAction;
          const result = await call(row.route as never, { ...request, cookie: person?.cookie ?? null });
          // What the visitor gets must be a response (a page, a redirect, a 4xx): a refusal thrown as an
          // error is a 500 in the app, also for a visitor whose session just ended (issue 10 §1).
          expect(
            result.escaped,
            `${role}: the route let ${JSON.stringify(result.data)} escape, which the app answers with a 500`,
          ).toBeFalsy();
          const denied =
            result.status === 401 ||
            result.status === 403 ||
            (row.deniedAs ?? []).includes(result.status) ||
            (result.location ?? "").startsWith("/login");
          if (allowed) {
            expect(denied, `expected ${role} to be allowed, got ${result.status} ${JSON.stringify(result.data)?.slice(0, 200)}`).toBe(
              false,
            );
            expect(result.status).toBeLessThan(500);
          } else {
            expect(denied, `expected ${role} to be denied, got ${result.status} ${result.location ?? ""}`).toBe(true);
          }
        });
      }
    });
  }
});
