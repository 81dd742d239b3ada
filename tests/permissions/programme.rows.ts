// Programme routes: organizers (and the host organization's admins) manage the
// programme; any signed-in person manages their own agenda.
import * as mySession from "~/routes/programme/session";
import * as programmePage from "~/routes/programme/programme";
import * as manageList from "~/routes/programme/manage/sessions";
import * as rooms from "~/routes/programme/manage/rooms";
import * as editSession from "~/routes/programme/manage/session";
import * as timetable from "~/routes/programme/manage/timetable";
import * as release from "~/routes/programme/manage/release";
import * as agenda from "~/routes/programme/my-agenda";
import * as manageSpeakers from "~/routes/programme/manage/speakers";
import * as editSpeaker from "~/routes/programme/manage/speaker";
import * as manageCfp from "~/routes/programme/manage/cfp";
import * as manageProposals from "~/routes/programme/manage/proposals";
import * as proposalPage from "~/routes/programme/proposal";
import * as reviewQueue from "~/routes/programme/reviews";
import * as reviewPage from "~/routes/programme/review";
import * as portal from "~/routes/programme/speaker-portal/home";
import * as ownProfile from "~/routes/programme/speaker-portal/session";
import * as material from "~/routes/programme/speaker-portal/material";
import * as invitation from "~/routes/programme/speaker-portal/invitation";
import { hashSecret } from "~/utils/crypto.server";
import { db } from "~/utils/db.server";
import { makeRoom, makeSession, makeSpeaker } from "../programme/support";
import { makeUser, type Cast } from "../support/world";
import { SIGNED_IN, type PermissionRow } from "./types";

/** A proposal in a track of the cast's conference that the cast's reviewer is assigned to. */
async function reviewableProposal(cast: Cast) {
  const track = await db().track.create({ data: { conferenceId: cast.conference.id, name: `Track ${Math.random()}` } });
  await db().reviewerAssignment.create({ data: { trackId: track.id, userId: cast.people.reviewer.id } });
  const submitter = await makeUser();
  return db().proposal.create({
    data: {
      conferenceId: cast.conference.id,
      submitterId: submitter.id,
      title: "A proposal",
      abstract: "Text",
      format: "PAPER_SESSION",
      trackId: track.id,
      authors: { create: [{ position: 0, name: "A", email: submitter.email }] },
    },
  });
}

/** The same, written by the given co-authors too (by their account's email), optionally under a call that counts organizations. */
async function conflictedProposal(cast: Cast, coAuthors: (keyof Cast["people"])[], opts: { submitterOrg?: boolean } = {}) {
  const p = await reviewableProposal(cast);
  const people = await db().user.findMany({ where: { id: { in: coAuthors.map((r) => cast.people[r]!.id) } }, select: { email: true } });
  await db().proposalAuthor.createMany({ data: people.map((u, i) => ({ proposalId: p.id, position: i + 1, name: "Co", email: u.email })) });
  if (opts.submitterOrg) {
    // The submitter belongs to the host organization, and the call counts colleagues as conflicted.
    await db().membership.create({ data: { orgId: cast.org.id, userId: p.submitterId, roles: [] } });
    const times = { opensAt: new Date(Date.now() - 86_400_000), closesAt: new Date(Date.now() + 86_400_000) };
    await db().callForProposals.create({
      data: { conferenceId: cast.conference.id, ...times, formats: ["PAPER_SESSION"], sameOrganizationConflicts: true },
    });
  }
  // One criterion, so a complete review form passes the schema and only the conflict can refuse it.
  const criterion = await db().reviewCriterion.create({ data: { conferenceId: cast.conference.id, name: "Relevance" } });
  return { ...p, scores: { [`scores.${criterion.id}`]: "3" } };
}

/** An open call of the cast's published conference. */
async function openCall(cast: Cast) {
  const data = {
    opensAt: new Date(Date.now() - 86_400_000),
    closesAt: new Date(Date.now() + 86_400_000),
    formats: ["PAPER_SESSION" as const],
  };
  await db().callForProposals.upsert({
    where: { conferenceId: cast.otherConference.id },
    create: { ...data, conferenceId: cast.otherConference.id },
    update: data,
  });
}

/** A speaker profile of the cast's attendee. */
const attendeeProfile = (cast: Cast) =>
  db().speaker.create({ data: { conferenceId: cast.conference.id, nameLatin: "Attendee Speaker", userId: cast.people.attendee.id } });

const ORGANIZERS: PermissionRow["allowed"] = ["organizer", "orgAdmin"];

export const rows: PermissionRow[] = [
  {
    name: "GET /conferences/:slug/manage/programme",
    route: manageList,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/programme`, params: { slug: cast.conference.slug } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme (delete a session)",
    route: manageList,
    request: async (cast) => {
      const s = await makeSession(cast.conference.id, { released: false });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme`,
        params: { slug: cast.conference.slug },
        form: { intent: "delete-session", id: s.id },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme (delete a session, confirmed)",
    route: manageList,
    request: async (cast) => {
      const s = await makeSession(cast.conference.id);
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme`,
        params: { slug: cast.conference.slug },
        form: { intent: "delete-session", id: s.id, confirm: "1" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/rooms (add a room)",
    route: rooms,
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/rooms`,
      params: { slug: cast.conference.slug },
      form: { intent: "room", name: "Hall A", capacity: "300" },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/rooms (add a track)",
    route: rooms,
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/rooms`,
      params: { slug: cast.conference.slug },
      form: { intent: "track", name: "Quality", colour: "#336699" },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/rooms (rename a room)",
    route: rooms,
    request: async (cast) => {
      const room = await db().room.create({ data: { conferenceId: cast.conference.id, name: "Hall R", position: 90 } });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/rooms`,
        params: { slug: cast.conference.slug },
        form: { intent: "room", id: room.id, name: "Hall R (renamed)" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/rooms (delete a room, confirmed)",
    route: rooms,
    request: async (cast) => {
      const room = await db().room.create({ data: { conferenceId: cast.conference.id, name: "Hall D", position: 91 } });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/rooms`,
        params: { slug: cast.conference.slug },
        form: { intent: "delete-room", id: room.id, confirm: "yes" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/manage/programme/sessions/new",
    route: editSession,
    kind: "loader",
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/sessions/new`,
      params: { slug: cast.conference.slug, id: "new" },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/sessions/new",
    route: editSession,
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/sessions/new`,
      params: { slug: cast.conference.slug, id: "new" },
      form: { title: "Opening", kind: "PLENARY", start: "2025-09-27T09:00", end: "2025-09-27T09:30", language: "zh", status: "PUBLISHED" },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/manage/timetable",
    route: timetable,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/timetable`, params: { slug: cast.conference.slug } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/timetable (place a session)",
    route: timetable,
    request: async (cast) => {
      const room = await makeRoom(cast.conference.id);
      const s = await makeSession(cast.conference.id);
      return {
        path: `/conferences/${cast.conference.slug}/manage/timetable`,
        params: { slug: cast.conference.slug },
        form: { intent: "place", sessionId: s.id, roomId: room.id, start: "2025-09-27T10:00", end: "2025-09-27T11:00" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/manage/timetable/release (release preview)",
    route: release,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/timetable/release`, params: { slug: cast.conference.slug } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/timetable/release (release the draft)",
    route: release,
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/timetable/release`,
      params: { slug: cast.conference.slug },
      form: { fingerprint: "" },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/sessions/:id (star a session)",
    route: mySession,
    request: async (cast) => {
      const s = await makeSession(cast.otherConference.id, { start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
      return {
        path: `/conferences/${cast.otherConference.slug}/sessions/${s.id}`,
        params: { slug: cast.otherConference.slug, id: s.id },
        form: { intent: "star" },
      };
    },
    allowed: SIGNED_IN,
  },
  {
    name: "POST /conferences/:slug/programme (star a session from the list)",
    route: programmePage,
    request: async (cast) => {
      const s = await makeSession(cast.otherConference.id, { start: "2025-09-27T09:00", end: "2025-09-27T10:00" });
      return {
        path: `/conferences/${cast.otherConference.slug}/programme`,
        params: { slug: cast.otherConference.slug },
        form: { star: s.id },
      };
    },
    allowed: SIGNED_IN,
  },
  {
    name: "GET /my/agenda",
    route: agenda,
    kind: "loader",
    request: () => ({ path: "/my/agenda" }),
    allowed: SIGNED_IN,
  },
  {
    name: "POST /my/agenda (new calendar address)",
    route: agenda,
    request: () => ({ path: "/my/agenda", form: {} }),
    allowed: SIGNED_IN,
  },
  {
    name: "GET /conferences/:slug/manage/programme/speakers",
    route: manageSpeakers,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/programme/speakers`, params: { slug: cast.conference.slug } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/speakers (invite)",
    route: manageSpeakers,
    request: async (cast) => {
      const speaker = await makeSpeaker(cast.conference.id);
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/speakers`,
        params: { slug: cast.conference.slug },
        form: { intent: "invite", speakerId: speaker.id, email: "guest@example.org" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/speakers (delete)",
    route: manageSpeakers,
    request: async (cast) => {
      const speaker = await makeSpeaker(cast.conference.id);
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/speakers`,
        params: { slug: cast.conference.slug },
        form: { intent: "delete-speaker", id: speaker.id },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/speakers (delete, confirmed)",
    route: manageSpeakers,
    request: async (cast) => {
      const speaker = await makeSpeaker(cast.conference.id);
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/speakers`,
        params: { slug: cast.conference.slug },
        form: { intent: "delete-speaker", id: speaker.id, confirm: "1" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/manage/programme/speakers/new",
    route: editSpeaker,
    kind: "loader",
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/speakers/new`,
      params: { slug: cast.conference.slug, id: "new" },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/speakers/new",
    route: editSpeaker,
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/speakers/new`,
      params: { slug: cast.conference.slug, id: "new" },
      form: { nameLatin: "New Speaker" },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/manage/programme/cfp",
    route: manageCfp,
    kind: "loader",
    request: (cast) => ({ path: `/conferences/${cast.conference.slug}/manage/programme/cfp`, params: { slug: cast.conference.slug } }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/cfp (dates and formats)",
    route: manageCfp,
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/cfp`,
      params: { slug: cast.conference.slug },
      form: { intent: "cfp", opensAt: "2025-05-01T09:00", closesAt: "2025-06-30T23:59", formats: ["PAPER_SESSION"] },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/cfp (assign a reviewer)",
    route: manageCfp,
    request: async (cast) => {
      const track = await db().track.create({ data: { conferenceId: cast.conference.id, name: "Quality" } });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/cfp`,
        params: { slug: cast.conference.slug },
        form: { intent: "assign", email: cast.people.reviewer.email, trackId: track.id },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/cfp (delete a question)",
    route: manageCfp,
    request: async (cast) => {
      const q = await db().cfpQuestion.create({ data: { conferenceId: cast.conference.id, label: "Why" } });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/cfp`,
        params: { slug: cast.conference.slug },
        form: { intent: "delete-question", id: q.id },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/cfp (show a question's answers in blind review)",
    route: manageCfp,
    request: async (cast) => {
      const q = await db().cfpQuestion.create({ data: { conferenceId: cast.conference.id, label: "Your institution" } });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/cfp`,
        params: { slug: cast.conference.slug },
        form: { intent: "question-visibility", id: q.id, shownInBlindReview: "on" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/cfp (delete a criterion, confirmed)",
    route: manageCfp,
    request: async (cast) => {
      const c = await db().reviewCriterion.create({ data: { conferenceId: cast.conference.id, name: "Relevance" } });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/cfp`,
        params: { slug: cast.conference.slug },
        form: { intent: "delete-criterion", id: c.id, confirm: "1" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/cfp (unassign a reviewer)",
    route: manageCfp,
    request: async (cast) => {
      const track = await db().track.create({ data: { conferenceId: cast.conference.id, name: "Quality" } });
      await db().reviewerAssignment.create({ data: { trackId: track.id, userId: cast.people.reviewer.id } });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/cfp`,
        params: { slug: cast.conference.slug },
        form: { intent: "unassign", userId: cast.people.reviewer.id, trackId: track.id },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/cfp (unassign a reviewer, confirmed)",
    route: manageCfp,
    request: async (cast) => {
      const track = await db().track.create({ data: { conferenceId: cast.conference.id, name: "Quality" } });
      await db().reviewerAssignment.create({ data: { trackId: track.id, userId: cast.people.reviewer.id } });
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/cfp`,
        params: { slug: cast.conference.slug },
        form: { intent: "unassign", userId: cast.people.reviewer.id, trackId: track.id, confirm: "1" },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/manage/programme/proposals",
    route: manageProposals,
    kind: "loader",
    request: (cast) => ({
      path: `/conferences/${cast.conference.slug}/manage/programme/proposals`,
      params: { slug: cast.conference.slug },
    }),
    allowed: ORGANIZERS,
  },
  {
    name: "POST /conferences/:slug/manage/programme/proposals (accept)",
    route: manageProposals,
    request: async (cast) => {
      const p = await reviewableProposal(cast);
      return {
        path: `/conferences/${cast.conference.slug}/manage/programme/proposals`,
        params: { slug: cast.conference.slug },
        form: { intent: "accept", proposalId: p.id },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/reviews",
    route: reviewQueue,
    kind: "loader",
    request: async (cast) => {
      await reviewableProposal(cast);
      return { path: `/conferences/${cast.conference.slug}/reviews`, params: { slug: cast.conference.slug } };
    },
    allowed: [...ORGANIZERS, "reviewer"],
  },
  {
    name: "GET /conferences/:slug/reviews/:id",
    route: reviewPage,
    kind: "loader",
    request: async (cast) => {
      const p = await reviewableProposal(cast);
      return { path: `/conferences/${cast.conference.slug}/reviews/${p.id}`, params: { slug: cast.conference.slug, id: p.id } };
    },
    allowed: [...ORGANIZERS, "reviewer"],
  },
  {
    name: "POST /conferences/:slug/reviews/:id (send a review)",
    route: reviewPage,
    request: async (cast) => {
      const p = await reviewableProposal(cast);
      return {
        path: `/conferences/${cast.conference.slug}/reviews/${p.id}`,
        params: { slug: cast.conference.slug, id: p.id },
        form: { comment: "Fine" },
      };
    },
    allowed: [...ORGANIZERS, "reviewer"],
  },
  {
    name: "POST /conferences/:slug/reviews/:id (a proposal the reviewer co-authored)",
    route: reviewPage,
    request: async (cast) => {
      const p = await conflictedProposal(cast, ["reviewer"]);
      return {
        path: `/conferences/${cast.conference.slug}/reviews/${p.id}`,
        params: { slug: cast.conference.slug, id: p.id },
        form: { comment: "Mine", ...p.scores },
      };
    },
    allowed: ORGANIZERS,
  },
  {
    name: "GET /conferences/:slug/reviews/:id (a proposal the organizer co-authored)",
    route: reviewPage,
    kind: "loader",
    request: async (cast) => {
      const p = await conflictedProposal(cast, ["organizer"]);
      return { path: `/conferences/${cast.conference.slug}/reviews/${p.id}`, params: { slug: cast.conference.slug, id: p.id } };
    },
    allowed: ["orgAdmin", "reviewer"],
  },
  {
    name: "POST /conferences/:slug/reviews/:id (submitted by a colleague, the call counts organizations)",
    route: reviewPage,
    request: async (cast) => {
      const p = await conflictedProposal(cast, [], { submitterOrg: true });
      return {
        path: `/conferences/${cast.conference.slug}/reviews/${p.id}`,
        params: { slug: cast.conference.slug, id: p.id },
        form: { comment: "Fine", ...p.scores },
      };
    },
    // The host organization's admin organizes the conference but is the submitter's colleague.
    allowed: ["organizer", "reviewer"],
  },
  {
    name: "GET /conferences/:slug/proposals/new",
    route: proposalPage,
    kind: "loader",
    request: async (cast) => {
      await openCall(cast);
      return { path: `/conferences/${cast.otherConference.slug}/proposals/new`, params: { slug: cast.otherConference.slug, id: "new" } };
    },
    allowed: SIGNED_IN,
  },
  {
    name: "POST /conferences/:slug/proposals/new (submit)",
    route: proposalPage,
    request: async (cast) => {
      await openCall(cast);
      return {
        path: `/conferences/${cast.otherConference.slug}/proposals/new`,
        params: { slug: cast.otherConference.slug, id: "new" },
        form: { title: "T", abstract: "A", format: "PAPER_SESSION", "authors[0].name": "Me", "authors[0].email": "me@example.org" },
      };
    },
    allowed: SIGNED_IN,
  },
  {
    name: "POST /conferences/:slug/proposals/:id (withdraw someone's proposal)",
    route: proposalPage,
    request: async (cast) => {
      await openCall(cast);
      const p = await db().proposal.create({
        data: {
          conferenceId: cast.otherConference.id,
          submitterId: cast.people.attendee.id,
          title: "Mine",
          abstract: "A",
          format: "PAPER_SESSION",
        },
      });
      return {
        path: `/conferences/${cast.otherConference.slug}/proposals/${p.id}`,
        params: { slug: cast.otherConference.slug, id: p.id },
        form: { intent: "withdraw" },
      };
    },
    allowed: ["attendee"],
    deniedAs: [404],
  },
  {
    name: "POST /conferences/:slug/proposals/:id (withdraw someone's proposal, confirmed)",
    route: proposalPage,
    request: async (cast) => {
      await openCall(cast);
      const p = await db().proposal.create({
        data: {
          conferenceId: cast.otherConference.id,
          submitterId: cast.people.attendee.id,
          title: "Mine",
          abstract: "A",
          format: "PAPER_SESSION",
        },
      });
      return {
        path: `/conferences/${cast.otherConference.slug}/proposals/${p.id}`,
        params: { slug: cast.otherConference.slug, id: p.id },
        form: { intent: "withdraw", confirm: "1" },
      };
    },
    allowed: ["attendee"],
    deniedAs: [404],
  },
  {
    name: "GET /speaker",
    route: portal,
    kind: "loader",
    request: () => ({ path: "/speaker" }),
    allowed: SIGNED_IN,
  },
  {
    name: "POST /speaker/:id (edit one's own profile)",
    route: ownProfile,
    request: async (cast) => {
      const s = await attendeeProfile(cast);
      return { path: `/speaker/${s.id}`, params: { id: s.id }, form: { nameLatin: "Changed" } };
    },
    allowed: ["attendee"],
    deniedAs: [404],
  },
  {
    name: "POST /speaker/:id (one's own availability)",
    route: ownProfile,
    request: async (cast) => {
      const s = await attendeeProfile(cast);
      return { path: `/speaker/${s.id}`, params: { id: s.id }, form: { intent: "availability", availability: "2025-09-27 09:00-12:30" } };
    },
    allowed: ["attendee"],
    deniedAs: [404],
  },
  {
    name: "GET /speaker/materials/:id",
    route: material,
    kind: "loader",
    request: async (cast) => {
      const s = await attendeeProfile(cast);
      const m = await db().speakerMaterial.create({
        data: { speakerId: s.id, fileName: "slides.pdf", contentType: "application/pdf", bytes: new TextEncoder().encode("%PDF-1.7") },
      });
      return { path: `/speaker/materials/${m.id}`, params: { id: m.id } };
    },
    allowed: ["attendee", ...ORGANIZERS],
  },
  {
    name: "POST /speaker/invitations/:token (accept)",
    route: invitation,
    request: (cast) => invitedAttendee(cast, { intent: "accept" }),
    allowed: ["attendee"],
  },
  {
    name: "POST /speaker/invitations/:token (decline)",
    route: invitation,
    request: (cast) => invitedAttendee(cast, { intent: "decline" }),
    allowed: ["attendee"],
  },
  {
    name: "POST /speaker/invitations/:token (decline, confirmed)",
    route: invitation,
    request: (cast) => invitedAttendee(cast, { intent: "decline", confirm: "1" }),
    allowed: ["attendee"],
  },
];

/** A speaker invitation addressed to the cast's attendee, and the post of `form` to its link. */
async function invitedAttendee(cast: Cast, form: Record<string, string>) {
  const token = `token-${Math.random().toString(36).slice(2)}`;
  await db().speaker.create({
    data: {
      conferenceId: cast.conference.id,
      nameLatin: "Invitee",
      email: cast.people.attendee.email,
      invitation: "INVITED",
      inviteTokenHash: hashSecret(token),
    },
  });
  return { path: `/speaker/invitations/${token}`, params: { token }, form };
}
