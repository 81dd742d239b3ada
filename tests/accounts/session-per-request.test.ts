// A page's loaders (root, area layouts, the page) each get their own copy of the Request from Remix;
// within one request being answered they share one session lookup. An action's request looks up
// afresh (the action may sign out), and two requests never share.
import { describe, expect, it } from "vitest";
import { db, queryCounter } from "~/utils/db.server";
import { runWithRequestId } from "~/utils/request-scope.server";
import { getUser } from "~/utils/session.server";
import { makeUser } from "../support/world";

const copy = (cookie: string, method = "GET") => new Request("http://localhost/conferences", { method, headers: { cookie } });

async function queriesOf(run: () => Promise<unknown>) {
  const before = queryCounter.count;
  await run();
  return queryCounter.count - before;
}

describe("session lookup per request", () => {
  it("is shared by a GET's request copies in one request, and only there", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const inOneRequest = await queriesOf(() =>
      runWithRequestId("r1", async () => {
        const [a, b, c, d] = await Promise.all([
          getUser(copy(user.cookie)),
          getUser(copy(user.cookie)),
          getUser(copy(user.cookie)),
          getUser(copy(other.cookie)),
        ]);
        expect([a?.id, b?.id, c?.id, d?.id]).toEqual([user.id, user.id, user.id, other.id]);
      }),
    );
    expect(inOneRequest).toBe(2); // one per person's cookie
    // Outside a request, and in another request, each copy looks up again.
    expect(await queriesOf(() => Promise.all([getUser(copy(user.cookie)), getUser(copy(user.cookie))]))).toBe(2);
    expect(await queriesOf(() => runWithRequestId("r2", () => getUser(copy(user.cookie))))).toBe(1);
  });

  it("is looked up afresh after an action in the same request (a revoked session is signed out)", async () => {
    const user = await makeUser();
    await runWithRequestId("r3", async () => {
      expect((await getUser(copy(user.cookie, "POST")))?.id).toBe(user.id);
      await db().session.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
      expect(await getUser(copy(user.cookie, "POST"))).toBeNull();
      expect(await getUser(copy(user.cookie))).toBeNull();
    });
  });
});
