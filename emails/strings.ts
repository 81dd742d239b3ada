export type EmailLocale = "en" | "zh";
