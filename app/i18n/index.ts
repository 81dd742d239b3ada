import type { ShouldRevalidateFunction } from "@remix-run/react";
import { createContext, useContext } from "react";
import type { MessageKey } from "./en";

/**
 * Concord's own small i18n: flat dictionaries per area and language (app/i18n/en, app/i18n/zh),
 * checked by TypeScript (zh must have every key of en). This module is safe for
 * the browser and holds no dictionary: the root loader sends the active
 * language's messages, and server code uses ./dictionaries.server.
 */
export const locales = ["en", "zh"] as const;
export type AppLocale = (typeof locales)[number];
export type { MessageKey };
export type { Area } from "./areas";
export type Messages = Record<MessageKey, string>;

export function isLocale(value: unknown): value is AppLocale {
  return value === "en" || value === "zh";
}

/**
 * An area's messages as they travel to the browser: one JSON text. Remix's data stream walks an object key by
 * key (two values per message, about 320 on a programme page, a third of a page's data encoding); one string
 * is one value. Unpacked once per distinct text, so equal texts give the same object on every render.
 */
export type PackedMessages = string & { readonly __packedMessages: true };
const unpackedMessages = new Map<string, Partial<Messages>>();
export function unpackMessages(packed: PackedMessages | undefined | null): Partial<Messages> | undefined {
  if (typeof packed !== "string") return undefined;
  let messages = unpackedMessages.get(packed);
  if (!messages) {
    messages = JSON.parse(packed) as Partial<Messages>;
    unpackedMessages.set(packed, messages);
  }
  return messages;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * A message may hold variables (`{name}`) and plural choices in the ICU style, chosen with the language's own
 * rules (Intl.PluralRules): `{n, plural, =0 {no seats} one {# seat} other {# seats}}`, where `#` is the number.
 * Chinese messages usually need only `other`.
 */
const PLURAL = /\{(\w+), plural,((?:\s*(?:=\d+|zero|one|two|few|many|other)\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_CASE = /(=\d+|zero|one|two|few|many|other)\s*\{([^{}]*)\}/g;

export function makeTranslate(messages: Partial<Messages>, fallback?: Partial<Messages>, locale: AppLocale = "en"): Translate {
  const rules = new Intl.PluralRules(locale === "zh" ? "zh-CN" : "en");
  return (key, vars) => {
    const template = messages[key] ?? fallback?.[key] ?? key;
    if (!vars) return template;
    const chosen = template.replace(PLURAL, (whole, name: string, cases: string) => {
      if (!(name in vars)) return whole;
      const n = Number(vars[name]);
      const options = new Map([...cases.matchAll(PLURAL_CASE)].map((m) => [m[1], m[2]] as const));
      const text = options.get(`=${n}`) ?? options.get(rules.select(n)) ?? options.get("other") ?? "";
      return text.replace(/#/g, String(vars[name]));
    });
    return chosen.replace(/\{(\w+)\}/g, (_, name: string) => (name in vars ? String(vars[name]) : `{${name}}`));
  };
}

/** Picks en or zh from an Accept-Language header (zh-*, then en). */
export function localeFromAcceptLanguage(header: string | null): AppLocale {
  if (!header) return "en";
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, q] = part.trim().split(";q=");
      return { tag: tag.toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith("zh")) return "zh";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

export type LocaleState = { locale: AppLocale; t: Translate };

export const LocaleContext = createContext<LocaleState>({ locale: "en", t: makeTranslate({}) });

export function useLocale(): AppLocale {
  return useContext(LocaleContext).locale;
}

export function useT(): Translate {
  return useContext(LocaleContext).t;
}

/** Picks the Chinese text when the viewer reads Chinese and it exists. */
export function pick(locale: AppLocale, en: string, zh?: string | null): string {
  return locale === "zh" && zh ? zh : en;
}

/**
 * Layout routes that carry an area's messages load them again only after a form that changes something
 * (choosing a language, signing in or out, the account's settings are such forms), never on navigations
 * or GET searches, where the language cannot have changed.
 */
export const revalidateMessages: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod !== undefined && formMethod.toUpperCase() !== "GET" ? defaultShouldRevalidate : false;
