import type { Db, Tx } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import { requireRegistrationPermission, type RegistrationAction } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";

/** The input every organizer operation of the area starts from. */
export type ManageOptions = { actor: SessionUser | null; slug: string };

/** The conference behind an organizer (or check-in) page, after the permission check. */
export async function managedConference(
  client: Db | Tx,
  actor: SessionUser | null,
  slug: string,
  action: RegistrationAction = "registration:manage",
) {
  const conference = await client.conference.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      title: true,
      titleZh: true,
      currency: true,
      timeZone: true,
      startDate: true,
      endDate: true,
      venue: true,
      city: true,
      country: true,
    },
  });
  if (!conference) throw notFound();
  await requireRegistrationPermission(actor, action, { conferenceId: conference.id }, client);
  return conference;
}
