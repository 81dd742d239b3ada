import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { uniqueSlug } from "../slug.server";
import type { ConferenceInput } from "./schema";

export type CreateConferenceOptions = { actor: SessionUser | null; orgSlug: string; input: ConferenceInput };

/** Column values of the conference form (shared with the update). */
export function conferenceData(input: ConferenceInput) {
  return {
    title: input.title,
    titleZh: input.titleZh ?? null,
    edition: input.edition ?? null,
    startDate: input.startDate,
    endDate: input.endDate,
    venue: input.venue,
    city: input.city,
    country: input.country,
    timeZone: input.timeZone,
    description: input.description ?? "",
    descriptionZh: input.descriptionZh ?? null,
    defaultLocale: input.defaultLocale,
    currency: input.currency,
  };
}

/**
 * Creates a conference hosted by an organization, as a DRAFT that only its
 * team sees; the creator becomes its first ORGANIZER.
 */
export async function createConference({ actor, orgSlug, input }: CreateConferenceOptions) {
  return db().$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: { slug: orgSlug }, select: { id: true } });
    if (!org) throw notFound();
    await requirePermission(actor, "org:create-conference", { orgId: org.id }, tx);
    const slug = await uniqueSlug(tx, "conference", `${input.title} ${input.startDate.getUTCFullYear()}`, "conference");
    const conference = await tx.conference.create({
      data: {
        ...conferenceData(input),
        slug,
        orgId: org.id,
        status: "DRAFT",
        roles: { create: { userId: actor!.id, role: "ORGANIZER" } },
      },
      select: { id: true, slug: true },
    });
    await audit(tx, {
      actorId: actor!.id,
      action: "conference.create",
      entityType: "Conference",
      entityId: conference.id,
      data: { slug, orgId: org.id, title: input.title },
    });
    return conference;
  });
}
