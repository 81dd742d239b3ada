import type { MessageKey } from "~/i18n";
import { clientIp } from "~/utils/http.server";
import { createSessionCookie } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { SessionContext } from "./sessions.server";

/** Where a new session comes from, shown later in the list of signed-in browsers. */
export function requestContext(request: Request): SessionContext & { ip: string } {
  return { ip: clientIp(request), userAgent: request.headers.get("User-Agent") };
}

/** Sets the cookie of a freshly created session and moves on with a toast. */
export async function redirectSignedIn(to: string, sessionId: string, message: MessageKey) {
  return redirectWithToast(to, { message }, { headers: { "Set-Cookie": await createSessionCookie(sessionId) } });
}
