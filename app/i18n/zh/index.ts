import type { MessageKey } from "../en";
import { accords } from "./accords";
import { accounts } from "./accounts";
import { common } from "./common";
import { conferences } from "./conferences";
import { organizations } from "./organizations";
import { programme } from "./programme";
import { registration } from "./registration";
import { speaking } from "./speaking";

/** Each area's Chinese messages, by area name (app/i18n/areas.ts). */
export const zhAreas = { common, accounts, organizations, conferences, registration, programme, speaking, accords };

/** 中文界面文字。Chinese messages: every area's translation in this folder; TypeScript insists on every English key. */
export const zh: Record<MessageKey, string> = {
  ...common,
  ...accounts,
  ...organizations,
  ...conferences,
  ...registration,
  ...programme,
  ...speaking,
  ...accords,
};
