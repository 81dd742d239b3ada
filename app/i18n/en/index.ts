import { accords } from "./accords";
import { accounts } from "./accounts";
import { common } from "./common";
import { conferences } from "./conferences";
import { organizations } from "./organizations";
import { programme } from "./programme";
import { registration } from "./registration";
import { speaking } from "./speaking";

/** Each area's English messages, by area name (app/i18n/areas.ts). */
export const enAreas = { common, accounts, organizations, conferences, registration, programme, speaking, accords };

/** English messages: the union of every area's dictionary in this folder. English is the reference language. */
export const en = {
  ...common,
  ...accounts,
  ...organizations,
  ...conferences,
  ...registration,
  ...programme,
  ...speaking,
  ...accords,
};
export type MessageKey = keyof typeof en;
