import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { revokeSession } from "~/domain/accounts/sessions.server";
import { orRespond } from "~/utils/http.server";
import { clearSessionCookie, requireUser } from "~/utils/session.server";
import { redirectWithToast } from "~/utils/toast.server";

/** POST only: a link or an image cannot sign anyone out. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await orRespond(() => requireUser(request));
  await revokeSession(user);
  return redirectWithToast("/", { message: "accounts.logout.done" }, { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export function loader() {
  return redirect("/");
}
