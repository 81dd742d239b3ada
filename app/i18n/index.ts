import { createContext, useContext } from "react";
import { en, type MessageKey } from "./en";
import { zh } from "./zh";

/**
 * Concord's own small i18n: two flat dictionaries checked by TypeScript
 * (zh must have every key of en), chosen per request in the root loader.
 * A library (i18next) would ship ~40 KB more JavaScript for no feature we use.
 */
export const locales = ["en", "zh"] as const;
export type AppLocale = (typeof locales)[number];
export type { MessageKey };

const dictionaries: Record<AppLocale, Record<MessageKey, string>> = { en, zh };

export function isLocale(value: unknown): value is AppLocale {
  return value === "en" || value === "zh";
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: AppLocale): Translate {
  const dict = dictionaries[locale];
  return (key, vars) => {
    const template = dict[key] ?? en[key] ?? key;
    if (!vars) return template;
    return template.replace(/\{(\w+)\}/g, (_, name: string) =>
      name in vars ? String(vars[name]) : `{${name}}`,
    );
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

export const LocaleContext = createContext<AppLocale>("en");

export function useLocale(): AppLocale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  return translator(useLocale());
}

/** Picks the Chinese text when the viewer reads Chinese and it exists. */
export function pick(locale: AppLocale, en: string, zh?: string | null): string {
  return locale === "zh" && zh ? zh : en;
}
