import { accounts } from "./messages/accounts";
import { common } from "./messages/common";
import { conferences } from "./messages/conferences";
import { organizations } from "./messages/organizations";

/** English messages: the union of every area's dictionary (app/i18n/messages/*). */
export const en = { ...common.en, ...accounts.en, ...organizations.en, ...conferences.en };
export type MessageKey = keyof typeof en;
