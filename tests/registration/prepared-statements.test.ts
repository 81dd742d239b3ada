// The statements every signed-in request and every registration runs are
// prepared once per connection (decision 035). One pooled connection here, so
// pg_prepared_statements, read on that connection, shows what the app prepared.
import { describe, expect, it } from "vitest";
import * as register from "~/routes/registration/register";
import { db, preparedStatementName, PREPARED, queryCounter } from "~/utils/db.server";
import { resetEnvCache } from "~/utils/env.server";
import { callAction } from "../support/http";
import { makeUser } from "../support/world";
import { makeTicketing } from "./support";
process.env.DB_POOL_SIZE = "1";
resetEnvCache();

const external = Boolean(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL_FOR_TESTS);

async function prepared() {
  const rows = await db().$queryRaw<
    { name: string; statement: string }[]
  >`SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'concord_%'`;
  return rows;
}

describe("prepared statements", () => {
  it("names only statements marked PREPARED, one stable name per text", () => {
    const a = `${PREPARED} SELECT 1`;
    expect(preparedStatementName({ sql: a })).toMatch(/^concord_[0-9a-f]{24}$/);
    expect(preparedStatementName({ sql: a })).toBe(preparedStatementName({ sql: a }));
    expect(preparedStatementName({ sql: `${PREPARED} SELECT 2` })).not.toBe(preparedStatementName({ sql: a }));
    expect(preparedStatementName({ sql: "SELECT 1" })).toBeUndefined();
    expect(preparedStatementName({ sql: ` ${PREPARED} SELECT 1` })).toBeUndefined();
  });

  it.runIf(external)("prepares the session lookup and the registration statements, and reuses them", async () => {
    const { slug, ticket, quota } = await makeTicketing({ capacity: 5 });
    const [first, second] = [await makeUser(), await makeUser()];
    const before = await prepared();
    expect(before).toEqual([]);

    const r1 = await callAction(register, {
      path: `/conferences/${slug}/register`,
      params: { slug },
      cookie: first.cookie,
      form: { ticketTypeId: ticket.id },
    });
    expect(r1.status).toBe(302);
    const after = await prepared();
    const texts = after.map((p) => p.statement).join("\n");
    expect(texts).toContain(`FROM "Session" s JOIN "User" u`);
    expect(texts).toContain(`LEFT JOIN "Registration" r ON r."conferenceId" = c.id`);
    expect(texts).toContain(`INSERT INTO "Registration"`);
    expect(after).toHaveLength(3);

    // A second registration runs the same three statements, and only them
    // (the form's questions come with the facts): nothing new is prepared.
    const queries = queryCounter.count;
    const r2 = await callAction(register, {
      path: `/conferences/${slug}/register`,
      params: { slug },
      cookie: second.cookie,
      form: { ticketTypeId: ticket.id },
    });
    expect(r2.status).toBe(302);
    expect(queryCounter.count - queries).toBe(3);
    expect((await prepared()).map((p) => p.name).sort()).toEqual(after.map((p) => p.name).sort());
    expect((await db().quota.findUniqueOrThrow({ where: { id: quota.id } })).used).toBe(2);
  });
});
