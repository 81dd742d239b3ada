import type { LoaderFunctionArgs } from "@remix-run/node";
import { conferenceCalendar } from "~/domain/programme/calendar.server";
import { icsResponse } from "~/utils/ics";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";

/** The whole published programme of a published conference as one .ics file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await resolveLocale(request, await getUser(request));
  const body = await conferenceCalendar(params.slug ?? "", locale);
  if (!body) throw new Response("Not found", { status: 404 });
  return icsResponse(body, `${params.slug}.ics`);
}
