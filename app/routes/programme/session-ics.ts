import type { LoaderFunctionArgs } from "@remix-run/node";
import { sessionCalendar } from "~/domain/programme/calendar.server";
import { icsResponse } from "~/utils/ics";
import { resolveLocale } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";

/** One published session as an .ics download. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await resolveLocale(request, await getUser(request));
  const body = await sessionCalendar(params.slug ?? "", params.id ?? "", locale);
  if (!body) throw new Response("Not found", { status: 404 });
  return icsResponse(body, `session-${params.id}.ics`);
}
