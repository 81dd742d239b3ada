import { db } from "~/utils/db.server";
import { orRespond } from "~/utils/http.server";
import { requireProgrammePermission, type ProgrammeAction } from "~/utils/permissions/programme.server";
import { requireUser } from "~/utils/session.server";
import { conferenceSelect } from "./programme-conference.server";
import { offsetLabel } from "~/utils/zoned-time";

/**
 * What every organizer page of the programme starts with: the signed-in user
 * (or a redirect to sign-in), the conference (or 404) and the permission check
 * (or 403).
 */
export async function organizerContext(request: Request, slug: string | undefined, action: ProgrammeAction = "programme:manage") {
  const user = await requireUser(request);
  const conference = await db().conference.findUnique({ where: { slug: slug ?? "" }, select: conferenceSelect });
  if (!conference) throw new Response("Not found", { status: 404 });
  await orRespond(() => requireProgrammePermission(user, action, { conferenceId: conference.id }));
  return { user, conference, offset: offsetLabel(conference.startDate, conference.timeZone) };
}
