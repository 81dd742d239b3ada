import type { LoaderFunctionArgs } from "@remix-run/node";
import { agendaFeed } from "~/domain/programme/calendar.server";
import { icsResponse } from "~/utils/ics";

/**
 * An attendee's agenda as a subscribable calendar, at a secret address (the
 * token is the only credential: calendar apps cannot sign in). A trailing
 * ".ics" is accepted because some apps want one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const feed = /^[\w-]{20,100}$/.test(token) ? await agendaFeed(token, request.headers.get("if-none-match")) : null;
  if (!feed) throw new Response("Not found", { status: 404 });
  // Private (only the token's holder) and revalidated on every poll: an unchanged feed answers 304.
  const headers = { ETag: feed.etag, "Cache-Control": "private, no-cache", "Referrer-Policy": "no-referrer" };
  if (feed.body === null) return new Response(null, { status: 304, headers });
  const response = icsResponse(feed.body, null);
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
