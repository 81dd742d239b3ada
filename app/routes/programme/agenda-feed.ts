import type { LoaderFunctionArgs } from "@remix-run/node";
import { agendaCalendar } from "~/domain/programme/calendar.server";
import { icsResponse } from "~/utils/ics";

/**
 * An attendee's agenda as a subscribable calendar, at a secret address (the
 * token is the only credential: calendar apps cannot sign in). A trailing
 * ".ics" is accepted because some apps want one.
 */
export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const body = /^[\w-]{20,100}$/.test(token) ? await agendaCalendar(token) : null;
  if (!body) throw new Response("Not found", { status: 404 });
  const response = icsResponse(body, null);
  response.headers.set("Cache-Control", "private, no-store");
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}
