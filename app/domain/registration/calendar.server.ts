import { db } from "~/utils/db.server";
import { notFound, unauthorized } from "~/utils/errors";
import { absoluteUrl } from "~/utils/http.server";
import { renderCalendar } from "~/utils/ics";
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
  const text = renderCalendar({
    name: c.title,
    product: "Registration",
    events: [
      {
        uid: `registration-${registrationId}@concord`,
        sequence: 0,
        allDay: true,
        start: c.startDate,
        end,
        summary: c.title,
        location: `${c.venue}, ${c.city}`,
        url: absoluteUrl(`/conferences/${c.slug}`),
      },
    ],
  });
  return { filename: `${c.slug}.ics`, text };
}
