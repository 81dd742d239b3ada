/** Declares an area's messages in both languages; TypeScript insists zh has every en key. */
export function defineMessages<T extends Record<string, string>>(en: T, zh: { [K in keyof T]: string }) {
  return { en, zh };
}
