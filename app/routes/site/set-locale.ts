import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { setPreferredLocale } from "~/domain/accounts/profile.server";
import { safeRedirectPath } from "~/utils/http.server";
import { localeCookie } from "~/utils/locale.server";
import { getUser } from "~/utils/session.server";

const schema = z.object({ locale: z.enum(["en", "zh"]), redirectTo: z.string().optional() });

/** Anyone may choose a language; a signed-in user's choice is also saved on the account (emails follow it). */
export async function action({ request }: ActionFunctionArgs) {
  // A body that is not a form (JSON, text) is simply not a language choice: 400 below, not a 500.
  const form = await request.formData().catch(() => new FormData());
  const parsed = schema.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw new Response("Unknown language", { status: 400 });
  const user = await getUser(request);
  if (user) await setPreferredLocale(user, parsed.data.locale);
  return redirect(safeRedirectPath(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}

export function loader() {
  return redirect("/");
}
