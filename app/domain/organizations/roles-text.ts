import type { Translate } from "~/i18n";

/** "Administrator, Signatory" — or "Member" when there are no extra roles. */
export function rolesText(t: Translate, roles: readonly string[]) {
  if (roles.length === 0) return t("org.role.MEMBER");
  return roles.map((r) => t(r === "ADMIN" ? "org.role.ADMIN" : "org.role.SIGNATORY")).join(t("org.role.separator"));
}
