import { describe, expect, it } from "vitest";
import { workshopSignup } from "~/domain/programme/workshop-signup.server";
import { db } from "~/utils/db.server";
import { makeUser } from "../support/world";
import { sessionUserOf } from "./session-user";
import { makeSession, organizerWorld } from "./support";
import { lockedWith, meetingAfterCheck, unlockedWith } from "./unlocked";

/** Five attendees sign up at once for a workshop with two places; each waits after its count for the others. */
async function rush(locking: typeof lockedWith) {
  const { conference } = await organizerWorld();
  const workshop = await makeSession(conference.id, {
    kind: "WORKSHOP",
    signupCapacity: 2,
    start: "2025-09-27T14:00",
    end: "2025-09-27T16:00",
  });
  const people = await Promise.all(Array.from({ length: 5 }, async () => sessionUserOf((await makeUser()).id)));
  const afterCheck = meetingAfterCheck(5);
  const results = await Promise.allSettled(
    people.map((actor) =>
      workshopSignup({ actor, slug: conference.slug, sessionId: workshop.id, join: true, locking: locking(afterCheck) }),
    ),
  );
  return { results, taken: await db().workshopSignup.count({ where: { sessionId: workshop.id } }) };
}

describe("workshop sign-up capacity", () => {
  it("never oversells under concurrent sign-ups", async () => {
    const { results, taken } = await rush(lockedWith);
    expect(taken).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results.filter((r) => r.status === "rejected"))
      expect((r as PromiseRejectedResult).reason.userMessage).toBe("programme.error.full");
  });

  it("control: without the row lock the same rush oversells", async () => {
    const { taken } = await rush(unlockedWith);
    expect(taken).toBeGreaterThan(2);
  });

  it("signing up twice keeps one place; cancelling frees it; non-workshops take no sign-ups", async () => {
    const { conference } = await organizerWorld();
    const workshop = await makeSession(conference.id, {
      kind: "WORKSHOP",
      signupCapacity: 1,
      start: "2025-09-27T14:00",
      end: "2025-09-27T16:00",
    });
    const talk = await makeSession(conference.id, { start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
    const [a, b] = [await sessionUserOf((await makeUser()).id), await sessionUserOf((await makeUser()).id)];
    await workshopSignup({ actor: a, slug: conference.slug, sessionId: workshop.id, join: true });
    await workshopSignup({ actor: a, slug: conference.slug, sessionId: workshop.id, join: true });
    await expect(workshopSignup({ actor: b, slug: conference.slug, sessionId: workshop.id, join: true })).rejects.toMatchObject({
      status: 409,
    });
    await workshopSignup({ actor: a, slug: conference.slug, sessionId: workshop.id, join: false });
    await expect(workshopSignup({ actor: b, slug: conference.slug, sessionId: workshop.id, join: true })).resolves.toEqual({
      joined: true,
    });
    await expect(workshopSignup({ actor: b, slug: conference.slug, sessionId: talk.id, join: true })).rejects.toMatchObject({
      status: 400,
    });
  });
});
