import { data } from "@remix-run/node";
import { getUser } from "~/utils/session.server";
import { resolveLocale } from "~/utils/locale.server";
import type { Area } from "./areas";
import { en, enAreas } from "./en";
import { makeTranslate, type AppLocale, type Messages, type PackedMessages, type Translate } from "./index";
import { zh, zhAreas } from "./zh";

/**
 * Both dictionaries live on the server only. The browser receives the active language's messages of
 * the areas a page can show: "common" from the root loader, each other area from its layout route
 * (app/routes/<area>/messages.tsx). See docs/decisions/005-i18n.md and 039-message-delivery.md.
 */
const dictionaries: Record<AppLocale, Messages> = { en, zh };
const areaDictionaries: Record<AppLocale, Record<Area, Partial<Messages>>> = { en: enAreas, zh: zhAreas };

function messagesFor(locale: AppLocale, areas: readonly Area[]): Partial<Messages> {
  return areas.length === 1 ? areaDictionaries[locale][areas[0]] : Object.assign({}, ...areas.map((a) => areaDictionaries[locale][a]));
}

/** What a loader sends the browser: `messagesFor` as one JSON text (see PackedMessages), made once per language and areas. */
const packed = new Map<string, PackedMessages>();
export function packedMessagesFor(locale: AppLocale, areas: readonly Area[]): PackedMessages {
  const key = `${locale}:${areas.join(",")}`;
  let text = packed.get(key);
  if (!text) {
    text = JSON.stringify(messagesFor(locale, areas)) as PackedMessages;
    packed.set(key, text);
  }
  return text;
}

/** The loader of an area's layout route: the reader's language and that area's messages. */
export async function loadAreaMessages(request: Request, areas: readonly Area[]) {
  const locale = await resolveLocale(request, () => getUser(request));
  return data({ locale, messages: packedMessagesFor(locale, areas) });
}

/** For server code outside React (emails, error messages built in loaders). */
export function translator(locale: AppLocale): Translate {
  return makeTranslate(dictionaries[locale], en, locale);
}
