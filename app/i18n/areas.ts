/**
 * The message areas, one file per language and area in app/i18n/en and app/i18n/zh. The browser gets
 * "common" from the root loader and each other area from the pathless layout routes that wrap that
 * area's pages in app/routes.ts (app/routes/<area>/messages.tsx; the speaking area's is
 * app/routes/programme/speaking-messages.tsx), so a page carries only the messages it can show
 * (docs/decisions/039-message-delivery.md). "programme" holds what the public programme pages show;
 * "speaking" the rest of the programme pages' messages (call for proposals, reviews, speaker portal,
 * programme management), with the same `programme.` key prefix.
 */
export const AREAS = ["common", "accounts", "organizations", "conferences", "registration", "programme", "speaking", "accords"] as const;
export type Area = (typeof AREAS)[number];
