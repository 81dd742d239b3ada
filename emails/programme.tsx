import type { Template } from "./template";

/** Emails of the programme area; merged into the registry in emails/templates.tsx. */
export const programmeTemplates = {} satisfies Record<string, Template<never>>;
