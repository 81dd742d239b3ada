import type { LoaderFunctionArgs } from "@remix-run/node";
import { registrationCalendar } from "~/domain/registration/calendar.server";
import { orRespond } from "~/utils/http.server";
import { icsResponse } from "~/utils/ics";
import { requireUser } from "~/utils/session.server";

/** The conference of one's registration as an .ics file. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { filename, text } = await orRespond(() => registrationCalendar({ actor: user, registrationId: params.id ?? "" }));
  return icsResponse(text, filename);
}
