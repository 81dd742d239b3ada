import { accounts } from "./messages/accounts";
import { common } from "./messages/common";
import { conferences } from "./messages/conferences";
import { organizations } from "./messages/organizations";
import { programme } from "./messages/programme";
import { registration } from "./messages/registration";
import { accords } from "./messages/accords";
import type { MessageKey } from "./en";

export const zh: Record<MessageKey, string> = {
  ...common.zh,
  ...accounts.zh,
  ...organizations.zh,
  ...conferences.zh,
  ...registration.zh,
  ...programme.zh,
  ...accords.zh,
};
