import { createCookie } from "@remix-run/node";
import { isLocale, localeFromAcceptLanguage, type AppLocale } from "~/i18n";
import type { SessionUser } from "./session.server";

export const localeCookie = createCookie("concord_locale", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600 });

/** The reader's language: explicit choice (cookie), else the account's, else the browser's. */
export async function resolveLocale(request: Request, user: SessionUser | null): Promise<AppLocale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (user) return user.locale;
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}
