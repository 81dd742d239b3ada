// Test fixtures: people, organizations and conferences created directly in the
// database (not through the routes under test), each test file on its own database.
import type { ConferenceRoleKind, OrgKind, OrgRole } from "~/generated/prisma/client";
import { hashPassword } from "~/domain/accounts/password.server";
import { createSession } from "~/domain/accounts/sessions.server";
import { db } from "~/utils/db.server";
import { createSessionCookie } from "~/utils/session.server";

export const PASSWORD = "correct horse battery staple";
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

let cachedHash: string | undefined;
async function passwordHash() {
  cachedHash ??= await hashPassword(PASSWORD);
  return cachedHash;
}

export type TestUser = { id: string; email: string; cookie: string };

export async function makeUser(opts: { email?: string; verified?: boolean; name?: string; locale?: "en" | "zh" } = {}): Promise<TestUser> {
  const email = opts.email ?? `user-${unique()}@concord.test`;
  const user = await db().user.create({
    data: {
      email,
      nameLatin: opts.name ?? `Test User ${counter}`,
      passwordHash: await passwordHash(),
      emailVerifiedAt: opts.verified === false ? null : new Date(),
      locale: opts.locale ?? "en",
    },
  });
  const sessionId = await db().$transaction((tx) => createSession(tx, user.id, { ip: "127.0.0.1" }));
  return { id: user.id, email, cookie: await cookieFor(sessionId) };
}

export async function cookieFor(sessionId: string) {
  const setCookie = await createSessionCookie(sessionId);
  return setCookie.split(";")[0];
}

export async function makeOrg(opts: { kind?: OrgKind; nameEn?: string; country?: string } = {}) {
  const slug = `org-${unique()}`;
  return db().organization.create({
    data: { slug, kind: opts.kind ?? "UNIVERSITY", nameEn: opts.nameEn ?? `University ${slug}`, country: opts.country ?? "CN" },
  });
}

export async function addMember(orgId: string, userId: string, roles: OrgRole[] = []) {
  return db().membership.create({ data: { orgId, userId, roles } });
}

/** Calendar days (midnight UTC, as DATE columns read) `days` from today: for conferences still to come. */
export const daysFromToday = (days: number) => new Date(Math.floor(Date.now() / 86_400_000 + days) * 86_400_000);

export async function makeConference(
  orgId: string,
  opts: { status?: "DRAFT" | "PUBLISHED" | "ARCHIVED"; timeZone?: string; startDate?: Date; endDate?: Date } = {},
) {
  const slug = `conf-${unique()}`;
  return db().conference.create({
    data: {
      slug,
      orgId,
      title: `Conference ${slug}`,
      // The Beijing days by default (programme tests place sessions on them); registration tests pass days
      // still to come, since nothing is sold once a conference is over.
      startDate: opts.startDate ?? new Date("2025-09-27"),
      endDate: opts.endDate ?? new Date("2025-09-28"),
      venue: "Beijing International Convention Center",
      city: "Beijing",
      country: "CN",
      timeZone: opts.timeZone ?? "Asia/Shanghai",
      currency: "CNY",
      status: opts.status ?? "PUBLISHED",
    },
  });
}

export async function grantConferenceRole(conferenceId: string, userId: string, role: ConferenceRoleKind) {
  return db().conferenceRole.create({ data: { conferenceId, userId, role } });
}

/**
 * The cast of the permissions table: one person per role, around one host
 * organization with one conference, plus another organization and conference.
 */
export async function makeCast() {
  const org = await makeOrg({ nameEn: "Host University" });
  const otherOrg = await makeOrg({ nameEn: "Other University" });
  const conference = await makeConference(org.id, { status: "DRAFT" });
  const otherConference = await makeConference(otherOrg.id);
  const [attendee, orgMember, orgAdmin, orgSignatory, otherOrgAdmin, organizer, otherOrganizer, reviewer, checkin, unverified] =
    await Promise.all(Array.from({ length: 10 }, (_, i) => makeUser({ verified: i !== 9 })));
  await addMember(org.id, orgMember.id);
  await addMember(org.id, orgAdmin.id, ["ADMIN"]);
  await addMember(org.id, orgSignatory.id, ["SIGNATORY"]);
  await addMember(otherOrg.id, otherOrgAdmin.id, ["ADMIN"]);
  await grantConferenceRole(conference.id, organizer.id, "ORGANIZER");
  await grantConferenceRole(otherConference.id, otherOrganizer.id, "ORGANIZER");
  await grantConferenceRole(conference.id, reviewer.id, "REVIEWER");
  await grantConferenceRole(conference.id, checkin.id, "CHECKIN");
  return {
    org,
    otherOrg,
    conference,
    otherConference,
    people: {
      anonymous: null,
      attendee,
      unverified,
      orgMember,
      orgAdmin,
      orgSignatory,
      otherOrgAdmin,
      organizer,
      otherOrganizer,
      reviewer,
      checkin,
    },
  };
}
export type Cast = Awaited<ReturnType<typeof makeCast>>;
export type Role = keyof Cast["people"];
