// Anyone could place an accord on any conference's public ceremony board ("Official … Declaration"). Now a
// link made by someone who does not organize the conference is a request its organizers accept or decline.
import { describe, expect, it } from "vitest";
import * as ceremony from "~/routes/accords/ceremony";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { addMember, grantConferenceRole, makeConference, makeOrg, makeUser } from "../support/world";
import { makeAccord, makeParties } from "./support";

type Board = { accords: { id: string }[]; requests: { id: string }[] | null };

async function setting() {
  const host = await makeOrg({ nameEn: "Conference Host" });
  const conference = await makeConference(host.id);
  const organizer = await makeUser();
  await grantConferenceRole(conference.id, organizer.id, "ORGANIZER");
  const path = `/conferences/${conference.slug}/ceremony`;
  const board = async (cookie: string | null = null) =>
    (await callLoader(ceremony, { path, params: { slug: conference.slug }, cookie })).data as Board;
  const decide = (cookie: string, accordId: string, intent: "accept" | "decline") =>
    callAction(ceremony, { path, params: { slug: conference.slug }, cookie, form: { accordId, intent } });
  return { host, conference, organizer, board, decide };
}

describe("linking an accord to a conference", () => {
  it("by an outsider is only a request: the public board does not show it, the organizer does", async () => {
    const { conference, organizer, board } = await setting();
    const parties = await makeParties(2, { passkeys: false });
    const { accordId } = await makeAccord(parties, { conferenceId: conference.id });
    expect((await db().accord.findUniqueOrThrow({ where: { id: accordId } })).conferenceLinkStatus).toBe("REQUESTED");

    const anonymous = await board();
    expect(anonymous.accords.map((a) => a.id)).not.toContain(accordId);
    expect(anonymous.requests).toBeNull();
    // A party's own admin does not see the request list either: only the conference's organizers do.
    expect((await board(parties[0].admin.cookie)).requests).toBeNull();
    expect((await board(organizer.cookie)).requests!.map((r) => r.id)).toEqual([accordId]);
  });

  it("shows on the ceremony board once an organizer accepts it", async () => {
    const { conference, organizer, board, decide } = await setting();
    const parties = await makeParties(2, { passkeys: false });
    const { accordId } = await makeAccord(parties, { conferenceId: conference.id });

    // A party's admin cannot accept its own request.
    expect((await decide(parties[0].admin.cookie, accordId, "accept")).status).toBe(403);
    expect((await board()).accords.map((a) => a.id)).not.toContain(accordId);

    const res = await decide(organizer.cookie, accordId, "accept");
    expect(res.status).toBe(302);
    expect((await board()).accords.map((a) => a.id)).toContain(accordId);
    expect((await board(organizer.cookie)).requests).toEqual([]);
    // Deciding twice is refused, and the record says who accepted.
    expect((await decide(organizer.cookie, accordId, "decline")).status).toBe(409);
    expect(
      await db().auditEvent.count({ where: { entityId: accordId, action: "accord.conference-link.accepted", actorId: organizer.id } }),
    ).toBe(1);
  });

  it("a declined request unlinks the accord", async () => {
    const { organizer, conference, decide } = await setting();
    const parties = await makeParties(2, { passkeys: false });
    const { accordId } = await makeAccord(parties, { conferenceId: conference.id, freeze: false });
    expect((await decide(organizer.cookie, accordId, "decline")).status).toBe(302);
    expect(
      await db().accord.findUniqueOrThrow({ where: { id: accordId }, select: { conferenceId: true, conferenceLinkStatus: true } }),
    ).toEqual({
      conferenceId: null,
      conferenceLinkStatus: null,
    });
  });

  it("an organizer of another conference cannot accept a request made to this one", async () => {
    const { conference, decide, board } = await setting();
    const other = await setting();
    const parties = await makeParties(2, { passkeys: false });
    const { accordId } = await makeAccord(parties, { conferenceId: conference.id });
    // Through the other conference's URL: no such request there.
    const res = await callAction(ceremony, {
      path: `/conferences/${other.conference.slug}/ceremony`,
      params: { slug: other.conference.slug },
      cookie: other.organizer.cookie,
      form: { accordId, intent: "accept" },
    });
    expect(res.status).toBe(409);
    expect((await decide(other.organizer.cookie, accordId, "accept")).status).toBe(403);
    expect((await board()).accords.map((a) => a.id)).not.toContain(accordId);
  });

  it("started by the conference's own organizer (an admin of the host) it is shown at once", async () => {
    const { host, conference, board } = await setting();
    const parties = await makeParties(2, { passkeys: false });
    await addMember(host.id, parties[0].admin.id, ["ADMIN"]);
    const { accordId } = await makeAccord(parties, { conferenceId: conference.id });
    expect((await db().accord.findUniqueOrThrow({ where: { id: accordId } })).conferenceLinkStatus).toBe("ACCEPTED");
    expect((await board()).accords.map((a) => a.id)).toContain(accordId);
  });
});
