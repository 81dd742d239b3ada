import type { Template } from "./template";

/** Emails of the registration area; merged into the registry in emails/templates.tsx. */
export const registrationTemplates = {} satisfies Record<string, Template<never>>;
