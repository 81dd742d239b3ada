/**
 * The message areas, one file per language and area in app/i18n/en and app/i18n/zh. The browser gets
 * "common" from the root loader and each other area from the pathless layout routes that wrap that
 * area's pages in app/routes.ts (app/routes/site/messages/<area>.tsx), so a page carries only the
 * messages it can show (docs/decisions/039-message-delivery.md).
 */
export const AREAS = ["common", "accounts", "organizations", "conferences", "registration", "programme", "accords"] as const;
export type Area = (typeof AREAS)[number];
