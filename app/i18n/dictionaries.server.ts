import { en } from "./en";
import { makeTranslate, type AppLocale, type Messages, type Translate } from "./index";
import { zh } from "./zh";

/**
 * Both dictionaries live on the server only. The browser receives the active
 * language's messages through the root loader, so pages do not ship every
 * area's text in two languages as JavaScript (see docs/decisions/005-i18n.md).
 */
const dictionaries: Record<AppLocale, Messages> = { en, zh };

export function messagesFor(locale: AppLocale): Messages {
  return dictionaries[locale];
}

/** For server code outside React (emails, error messages built in loaders). */
export function translator(locale: AppLocale): Translate {
  return makeTranslate(dictionaries[locale], en, locale);
}
