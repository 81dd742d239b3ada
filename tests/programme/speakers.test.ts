import { describe, expect, it } from "vitest";
import * as invitationRoute from "~/routes/programme/speaker-portal/invitation";
import * as manageSpeakers from "~/routes/programme/manage/speakers";
import * as speakerForm from "~/routes/programme/manage/speaker";
import * as portal from "~/routes/programme/speaker-portal/home";
import * as ownProfile from "~/routes/programme/speaker-portal/session";
import { db } from "~/utils/db.server";
import { callAction, callLoader } from "../support/http";
import { emailText } from "../support/mail";
import { makeUser } from "../support/world";
import { makeRoom, makeSession, makeSpeaker, organizerWorld } from "./support";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const file = (bytes: Uint8Array<ArrayBuffer>, name: string, type = "application/octet-stream") => new File([bytes], name, { type });

/** The invitation token from the queued email's link. */
async function invitationToken(to: string) {
  const mail = await db().outboxEmail.findFirstOrThrow({ where: { to, template: "speakerInvitation" }, orderBy: { createdAt: "desc" } });
  return /\/speaker\/invitations\/([\w-]+)/.exec(await emailText(mail))![1];
}

describe("speakers for organizers", () => {
  it("adds a speaker with a photo, linked to the account that has the email", async () => {
    const { conference, organizer } = await organizerWorld();
    const account = await makeUser({ name: "Chen Hua" });
    const res = await callAction(speakerForm, {
      path: `/conferences/${conference.slug}/manage/programme/speakers/new`,
      params: { slug: conference.slug, id: "new" },
      cookie: organizer.cookie,
      form: {
        nameLatin: "Chen Hua",
        nameNative: "陈华",
        organization: "CEEAA",
        bio: "Accreditation",
        bioZh: "认证",
        email: account.email.toUpperCase(),
        photo: file(PNG, "me.png"),
      },
    });
    expect(res.status).toBe(302);
    const speaker = await db().speaker.findFirstOrThrow({ where: { conferenceId: conference.id } });
    expect(speaker).toMatchObject({ nameNative: "陈华", userId: account.id, photoType: "image/png", bioZh: "认证" });
    const list = await callLoader(manageSpeakers, {
      path: `/conferences/${conference.slug}/manage/programme/speakers`,
      params: { slug: conference.slug },
      cookie: organizer.cookie,
    });
    expect((list.data as { speakers: { nameLatin: string; linked: boolean }[] }).speakers).toEqual([
      expect.objectContaining({ nameLatin: "Chen Hua", linked: true }),
    ]);
  });

  it("bad input: an oversized photo or a non-image is refused with a message, nothing is written", async () => {
    const { conference, organizer } = await organizerWorld();
    const call = (photo: File) =>
      callAction(speakerForm, {
        path: `/x`,
        params: { slug: conference.slug, id: "new" },
        cookie: organizer.cookie,
        form: { nameLatin: "Someone", photo },
      });
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(PNG);
    const tooLarge = await call(file(big, "big.png", "image/png"));
    expect(tooLarge.status).toBe(400);
    expect(JSON.stringify(tooLarge.data)).toContain("programme.validation.photoTooLarge");
    const notImage = await call(file(new TextEncoder().encode("<svg onload=alert(1)>"), "x.png", "image/png"));
    expect(notImage.status).toBe(400);
    expect(JSON.stringify(notImage.data)).toContain("programme.validation.photoType");
    expect(await db().speaker.count({ where: { conferenceId: conference.id } })).toBe(0);
  });

  it("invites by email in the invitee's language; the invitee accepts and sees the portal with venue times", async () => {
    const { conference, organizer } = await organizerWorld();
    const invitee = await makeUser({ locale: "zh", name: "Liu Yang" });
    const speaker = await makeSpeaker(conference.id, "Liu Yang");
    const room = await makeRoom(conference.id, "Room A");
    await makeSession(conference.id, {
      title: "Networks",
      roomId: room.id,
      speakerIds: [speaker.id],
      start: "2025-09-27T14:00",
      end: "2025-09-27T15:00",
    });
    const invited = await callAction(manageSpeakers, {
      path: `/conferences/${conference.slug}/manage/programme/speakers`,
      params: { slug: conference.slug },
      cookie: organizer.cookie,
      form: { intent: "invite", speakerId: speaker.id, email: invitee.email },
    });
    expect(invited.status).toBe(302);
    const mail = await db().outboxEmail.findFirstOrThrow({ where: { to: invitee.email, template: "speakerInvitation" } });
    expect(mail.locale).toBe("zh");
    expect(mail.subject).toContain("邀请您");
    const token = await invitationToken(invitee.email);
    // Someone else holding the link cannot answer it.
    const stranger = await makeUser();
    const refused = await callAction(invitationRoute, {
      path: `/speaker/invitations/${token}`,
      params: { token },
      cookie: stranger.cookie,
      form: { intent: "accept" },
    });
    expect(refused.status).toBe(403);
    const page = await callLoader(invitationRoute, { path: `/speaker/invitations/${token}`, params: { token }, cookie: invitee.cookie });
    expect(page.data).toMatchObject({ isInvitee: true, invitation: { status: "INVITED" } });
    const accepted = await callAction(invitationRoute, {
      path: `/speaker/invitations/${token}`,
      params: { token },
      cookie: invitee.cookie,
      form: { intent: "accept" },
    });
    expect(accepted.location).toBe("/speaker");
    expect(await db().speaker.findUniqueOrThrow({ where: { id: speaker.id } })).toMatchObject({
      invitation: "ACCEPTED",
      userId: invitee.id,
      inviteTokenHash: null,
    });
    const view = await callLoader(portal, { path: "/speaker", cookie: invitee.cookie });
    const [profile] = (view.data as { profiles: { conference: { timeZone: string }; sessions: { when: string; room: string }[] }[] })
      .profiles;
    expect(profile.conference.timeZone).toBe("Asia/Shanghai");
    expect(profile.sessions).toEqual([expect.objectContaining({ when: "2025-09-27 14:00–15:00", room: "Room A" })]);
    // The used link is not valid any more.
    expect(
      (await callLoader(invitationRoute, { path: `/speaker/invitations/${token}`, params: { token }, cookie: invitee.cookie })).status,
    ).toBe(404);
  });

  it("accepting an invitation when the account already has a profile in that conference links that profile (no 500)", async () => {
    const { conference, organizer } = await organizerWorld();
    const invitee = await makeUser({ name: "Chen Jing" });
    // A proposal of theirs became a session: that made a profile owned by the account.
    const own = await makeSpeaker(conference.id, "Chen Jing");
    await db().speaker.update({ where: { id: own.id }, data: { userId: invitee.id, email: invitee.email } });
    const ownSession = await makeSession(conference.id, { title: "Accepted paper", speakerIds: [own.id] });
    // The organizer had also added them by hand, with a panel, and invites that profile.
    const invitedProfile = await makeSpeaker(conference.id, "Chen Jing (panel)");
    const panel = await makeSession(conference.id, { title: "Panel", speakerIds: [invitedProfile.id] });
    await callAction(manageSpeakers, {
      path: `/conferences/${conference.slug}/manage/programme/speakers`,
      params: { slug: conference.slug },
      cookie: organizer.cookie,
      form: { intent: "invite", speakerId: invitedProfile.id, email: invitee.email },
    });
    const token = await invitationToken(invitee.email);
    const accepted = await callAction(invitationRoute, {
      path: `/speaker/invitations/${token}`,
      params: { token },
      cookie: invitee.cookie,
      form: { intent: "accept" },
    });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe("/speaker");
    const profiles = await db().speaker.findMany({ where: { conferenceId: conference.id, userId: invitee.id } });
    expect(profiles.map((p) => p.id)).toEqual([own.id]);
    expect(profiles[0].invitation).toBe("ACCEPTED");
    const sessions = await db().sessionSpeaker.findMany({ where: { speakerId: own.id }, orderBy: { sessionId: "asc" } });
    expect(sessions.map((l) => l.sessionId).sort()).toEqual([ownSession.id, panel.id].sort());
    expect(await db().speaker.count({ where: { id: invitedProfile.id } })).toBe(0);
  });

  it("a speaker edits only their own profile and uploads materials within the limits", async () => {
    const { conference } = await organizerWorld();
    const me = await makeUser();
    const other = await makeUser();
    const speaker = await db().speaker.create({ data: { conferenceId: conference.id, nameLatin: "Old", userId: me.id } });
    const path = `/speaker/${speaker.id}`;
    const saved = await callAction(ownProfile, {
      path,
      params: { id: speaker.id },
      cookie: me.cookie,
      form: { nameLatin: "New name", bio: "Bio" },
    });
    expect(saved.status).toBe(302);
    expect((await db().speaker.findUniqueOrThrow({ where: { id: speaker.id } })).nameLatin).toBe("New name");
    expect(
      (await callAction(ownProfile, { path, params: { id: speaker.id }, cookie: other.cookie, form: { nameLatin: "Hijack" } })).status,
    ).toBe(404);
    const pdf = new TextEncoder().encode("%PDF-1.7\n...");
    expect(
      (
        await callAction(ownProfile, {
          path,
          params: { id: speaker.id },
          cookie: me.cookie,
          form: { intent: "material", file: file(pdf, "slides.pdf") },
        })
      ).status,
    ).toBe(302);
    const exe = await callAction(ownProfile, {
      path,
      params: { id: speaker.id },
      cookie: me.cookie,
      form: { intent: "material", file: file(new Uint8Array([0x4d, 0x5a, 0, 0]), "slides.pdf") },
    });
    expect(exe.status).toBe(400);
    expect(
      await db().speakerMaterial.findMany({ where: { speakerId: speaker.id }, select: { fileName: true, contentType: true } }),
    ).toEqual([{ fileName: "slides.pdf", contentType: "application/pdf" }]);
  });
});
