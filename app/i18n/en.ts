import { accounts } from "./messages/accounts";
import { common } from "./messages/common";
import { conferences } from "./messages/conferences";
import { organizations } from "./messages/organizations";
import { programme } from "./messages/programme";
import { registration } from "./messages/registration";
import { accords } from "./messages/accords";

/** English messages: the union of every area's dictionary (app/i18n/messages/*). */
export const en = {
  ...common.en,
  ...accounts.en,
  ...organizations.en,
  ...conferences.en,
  ...registration.en,
  ...programme.en,
  ...accords.en,
};
export type MessageKey = keyof typeof en;
