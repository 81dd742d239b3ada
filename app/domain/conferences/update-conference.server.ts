import { db } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";
import type { SessionUser } from "~/utils/session.server";
import { audit } from "../audit.server";
import { conferenceBySlug } from "./conference-by-slug.server";
import { conferenceData } from "./create-conference.server";
import type { ConferenceInput } from "./schema";

export type UpdateConferenceOptions = { actor: SessionUser | null; slug: string; input: ConferenceInput };

/** Edits a conference's details; its slug (and so its links) stay the same. */
export async function updateConference({ actor, slug, input }: UpdateConferenceOptions) {
  return db().$transaction(async (tx) => {
    const conference = await conferenceBySlug(tx, slug);
    await requirePermission(actor, "conference:update", { conferenceId: conference.id }, tx);
    const data = conferenceData(input);
    await tx.conference.update({ where: { id: conference.id }, data });
    await audit(tx, { actorId: actor!.id, action: "conference.update", entityType: "Conference", entityId: conference.id, data });
    return { slug: conference.slug };
  });
}
