import { createEvent } from "ics";
import { db } from "~/utils/db.server";
import { notFound, unauthorized } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import { requireRegistrationPermission } from "~/utils/permissions/registration.server";
import type { SessionUser } from "~/utils/session.server";

/** An all-day .ics event for the conference of one's registration (venue-local days). */
export async function registrationCalendar({ actor, registrationId }: { actor: SessionUser | null; registrationId: string }) {
  if (!actor) throw unauthorized();
  const r = await db().registration.findUnique({
    where: { id: registrationId },
    select: { userId: true, conference: { select: { slug: true, title: true, startDate: true, endDate: true, venue: true, city: true } } },
  });
  if (!r) throw notFound();
  await requireRegistrationPermission(actor, "registration:own", { registrationUserId: r.userId });
  const c = r.conference;
  const end = new Date(c.endDate.getTime() + 86_400_000); // DTEND of an all-day event is exclusive
  const day = (d: Date) => [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()] as [number, number, number];
  const { error, value } = createEvent({
    uid: `registration-${registrationId}@concord`,
    title: c.title,
    start: day(c.startDate),
    end: day(end),
    location: `${c.venue}, ${c.city}`,
    url: absoluteUrl(`/conferences/${c.slug}`),
    productId: "concord/registration",
  });
  if (error || !value) throw error ?? new Error("ics failed");
  return { filename: `${c.slug}.ics`, text: value };
}
