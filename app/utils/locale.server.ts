import { createCookie } from "@remix-run/node";
import { isLocale, localeFromAcceptLanguage, type AppLocale } from "~/i18n";
import type { SessionUser } from "./session.server";

export const localeCookie = createCookie("concord_locale", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });

/**
 * The reader's language: explicit choice (cookie), else the account's, else the browser's. The user may
 * be given as a function, so that the session is looked up only when there is no cookie.
 */
export async function resolveLocale(request: Request, user: SessionUser | null | (() => Promise<SessionUser | null>)): Promise<AppLocale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  const account = typeof user === "function" ? await user() : user;
  if (account) return account.locale;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
