/**
 * The shape of a translation of one area's English messages: the same keys, each a string. A translator works
 * on one language's file (`app/i18n/zh/<area>.ts`); TypeScript refuses a missing or misspelt key.
 */
export type Translation<English extends Record<string, string>> = { [K in keyof English]: string };
