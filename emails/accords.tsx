import type { Template } from "./template";

/** Emails of the accords area; merged into the registry in emails/templates.tsx. */
export const accordsTemplates = {} satisfies Record<string, Template<never>>;
